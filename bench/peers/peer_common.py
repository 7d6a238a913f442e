#!/usr/bin/python3
"""What the Python peers of `fleetsh bench` share: the command line of the contract in
README.md, targets.json, the measured window (wall clock, getrusage CPU, peak RSS), the
mapping of failures to fleetsh's error classes, and the one JSON line a peer prints."""

import argparse
import errno
import json
import logging
import os
import resource
import sys
import time
import warnings

WORKLOADS = ("sessions", "commands", "channels", "bulk")

# Where in a host's run an exception came from: a timeout while connecting is not one while
# a command runs.
CONNECT = "connect"
COMMAND = "command"

# errno values of a failed connect or a dropped connection, by fleetsh's class names.
_ERRNO_CLASSES = {
    errno.ECONNREFUSED: "connection_refused",
    errno.ETIMEDOUT: "connect_timeout",
    errno.EHOSTUNREACH: "unreachable",
    errno.ENETUNREACH: "unreachable",
    errno.EADDRNOTAVAIL: "unreachable",
    errno.ECONNRESET: "connection_reset",
    errno.ECONNABORTED: "connection_reset",
    errno.EPIPE: "disconnected",
}


def quiet_library_noise(*loggers):
    """Keep stderr for the peer's own lines: the crypto deprecation warnings the libraries
    trigger on import, and their loggers' per-connection error records, say nothing the
    per-host failure lines don't."""
    warnings.filterwarnings("ignore", message=r".*has been deprecated")
    for name in loggers:
        log = logging.getLogger(name)
        log.addHandler(logging.NullHandler())
        log.propagate = False


def _positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not an integer: %r" % text) from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1: %r" % text)
    return value


def _positive_seconds(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a number: %r" % text) from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0: %r" % text)
    return value


def parse_args(tool, argv=None):
    """The contract's command line; argparse exits 2 on a usage error."""
    p = argparse.ArgumentParser(
        prog="%s_peer.py" % tool,
        description="Run one fleetsh bench workload with %s and print one JSON line." % tool)
    p.add_argument("--targets", required=True, help="targets.json (user, key, known_hosts, hosts)")
    p.add_argument("--workload", required=True, choices=WORKLOADS)
    p.add_argument("--concurrency", required=True, type=_positive_int,
                   help="at most this many hosts in progress at once")
    p.add_argument("--command", required=True, help="the command every session runs")
    p.add_argument("--commands-per-connection", type=_positive_int, default=20,
                   help="commands one after another per connection (workload commands)")
    p.add_argument("--channels-per-connection", type=_positive_int, default=10,
                   help="commands at once per connection (workload channels)")
    p.add_argument("--timeout", type=_positive_seconds, default=30.0,
                   help="seconds per command, and per connection attempt")
    return p.parse_args(argv)


def usage_error(tool, message):
    print("%s_peer.py: %s" % (tool, message), file=sys.stderr)
    sys.exit(2)


class Target:
    __slots__ = ("name", "host", "port")

    def __init__(self, name, host, port):
        self.name, self.host, self.port = name, host, port

    def known_hosts_name(self):
        """The name OpenSSH's known_hosts gives this host: [host]:port off port 22."""
        return self.host if self.port == 22 else "[%s]:%d" % (self.host, self.port)


class Targets:
    __slots__ = ("user", "key", "known_hosts", "hosts")


def load_targets(tool, path):
    """targets.json, checked; anything wrong with it (or its key or known_hosts file being
    unreadable) is a usage error."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        usage_error(tool, "cannot read targets %s: %s" % (path, e))
    t = Targets()
    try:
        t.user = str(doc["user"])
        t.key = str(doc["key"])
        t.known_hosts = str(doc["known_hosts"])
        t.hosts = [Target(str(h.get("name") or "%s:%s" % (h["host"], h["port"])),
                          str(h["host"]), int(h["port"]))
                   for h in doc["hosts"]]
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        usage_error(tool, "targets %s: missing or malformed field (%s)" % (path, e))
    for what in ("key", "known_hosts"):
        if not os.access(getattr(t, what), os.R_OK):
            usage_error(tool, "targets %s: %s %s is not readable" % (path, what, getattr(t, what)))
    return t


class HostOutcome:
    """One host's result: commands that completed, their output bytes, and the first
    failure (class and message), if any."""
    __slots__ = ("target", "commands", "bytes", "error_class", "message")

    def __init__(self, target):
        self.target = target
        self.commands = 0
        self.bytes = 0
        self.error_class = None
        self.message = ""

    @property
    def ok(self):
        return self.error_class is None

    def add_command(self, exit_status, output_bytes, connected=True):
        """Count one finished command and its output's size (stdout and stderr); False if it
        failed the host. A non-zero exit status fails it; none at all (None) is taken as
        success, as fleetsh takes it, unless the connection was lost meanwhile."""
        if exit_status is None and not connected:
            self.fail("disconnected", "connection lost before the command's exit status")
            return False
        if exit_status not in (0, None):
            self.fail("device_error", "command exited with status %s" % exit_status)
            return False
        self.commands += 1
        self.bytes += output_bytes
        return True

    def fail(self, error_class, message, replace=False):
        """Record a failure; the first one stands unless `replace` (the cause of the others)."""
        if self.error_class is None or replace:
            self.error_class = error_class
            self.message = message


def describe(exc):
    text = str(exc).strip()
    if not text and isinstance(exc, TimeoutError):
        text = "no answer before the deadline"
    return "%s: %s" % (type(exc).__name__, text) if text else type(exc).__name__


def classify(exc, phase, specific=()):
    """fleetsh's class name for exc. `specific` is the peer's own table of
    (exception type, class name or function(exc, phase) -> class name or None), tried in
    order first; then OS-level errors and timeouts, which both libraries raise as they are."""
    for kind, verdict in specific:
        if isinstance(exc, kind):
            name = verdict(exc, phase) if callable(verdict) else verdict
            if name:
                return name
    if isinstance(exc, TimeoutError):  # socket.timeout and asyncio.TimeoutError alike (3.11)
        return "connect_timeout" if phase == CONNECT else "command_timeout"
    if isinstance(exc, OSError) and exc.errno in _ERRNO_CLASSES:
        return _ERRNO_CLASSES[exc.errno]
    if isinstance(exc, (EOFError, ConnectionError)):
        return "disconnected"
    if isinstance(exc, OSError):
        return "unreachable" if phase == CONNECT else "disconnected"
    return "client_error"  # not a network failure: a bug in the peer or the library


def megabytes_per_second(output_bytes, wall_s):
    """Output received per second of the run's wall clock, in 10^6 bytes (the bulk
    workload's figure, as fleetsh bench reports it)."""
    return round(output_bytes / 1e6 / wall_s, 3) if wall_s > 0 else 0


class Window:
    """The measured span: wall clock from the first connection attempt to the last close,
    and the CPU this process (all its threads) and its reaped children spent in it."""

    @staticmethod
    def _cpu():
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    def __enter__(self):
        self.cpu_s = self.wall_s = 0.0
        self._cpu0 = self._cpu()
        self._t0 = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.wall_s = time.monotonic() - self._t0
        self.cpu_s = self._cpu() - self._cpu0
        return False


def report(tool, version, args, outcomes, window, peak_rss_kib=None, extra=None,
           failures_shown=20):
    """Print the contract's JSON line on stdout, and one line per failed host (the first
    few) on stderr. peak_rss_kib: this process's unless given; extra: fields of the peer's
    own, appended."""
    ok = sum(1 for o in outcomes if o.ok)
    errors = {}
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        errors[o.error_class] = errors.get(o.error_class, 0) + 1
    for o in failed[:failures_shown]:
        print("%s_peer.py: %s (%s:%d): %s: %s" % (tool, o.target.name, o.target.host,
                                                  o.target.port, o.error_class, o.message),
              file=sys.stderr)
    if len(failed) > failures_shown:
        print("%s_peer.py: ... and %d more failed hosts" % (tool, len(failed) - failures_shown),
              file=sys.stderr)
    total_bytes = sum(o.bytes for o in outcomes)
    line = {
        "tool": tool,
        "version": version,
        "workload": args.workload,
        "concurrency": args.concurrency,
        "devices": len(outcomes),
        "ok": ok,
        "failed": len(failed),
        "commands": sum(o.commands for o in outcomes),
        "bytes": total_bytes,
        "wall_s": round(window.wall_s, 4),
        "mb_per_s": megabytes_per_second(total_bytes, window.wall_s),
        "cpu_s": round(window.cpu_s, 4),
        "cpu_ms_per_session": round(window.cpu_s * 1000.0 / ok, 3) if ok else 0,
        "peak_rss_kib": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                         if peak_rss_kib is None else peak_rss_kib),
        "errors": errors,
    }
    line.update(extra or {})
    print(json.dumps(line), flush=True)
