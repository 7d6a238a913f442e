#!/usr/bin/python3
"""fleetsh bench peer: Paramiko (Debian's python3-paramiko), blocking calls in a
concurrent.futures thread pool of N threads, one host per task. The contract is README.md
beside this file:

    paramiko_peer.py --targets targets.json --workload sessions|commands|channels|bulk
        --concurrency N --command "uname -a" [--commands-per-connection 20]
        [--channels-per-connection 10] [--timeout 30]
"""

import concurrent.futures
import heapq
import itertools
import sys
import threading
import time

import peer_common as pc

pc.quiet_library_noise("paramiko")

import paramiko  # noqa: E402 (after the warning filter, which its import trips)

TOOL = "paramiko"

# Paramiko 2.12 knows curve25519 only by its libssh.org name; later versions may know both.
_CURVE25519 = {"curve25519-sha256", "curve25519-sha256@libssh.org"}
DISABLED_ALGORITHMS = {
    "kex": [k for k in paramiko.Transport._preferred_kex if k not in _CURVE25519],
    "keys": [k for k in paramiko.Transport._preferred_keys if k != "ssh-ed25519"],
}

_READ_SIZE = 32768


class UnknownHostKey(paramiko.SSHException):
    pass


class StrictRejectPolicy(paramiko.RejectPolicy):
    """RejectPolicy, with an exception of its own so that an unknown key is told apart from
    other SSHExceptions without reading messages."""

    def missing_host_key(self, client, hostname, key):
        raise UnknownHostKey("%s offered %s key %s, not in known_hosts"
                             % (hostname, key.get_name(), key.get_base64()[:16] + "..."))


def _from_cause(exc, phase):
    """An SSHException that wraps a socket failure (the banner read) is that failure."""
    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, (OSError, EOFError)):
        return pc.classify(cause, phase)
    text = str(exc)
    if text.startswith("Incompatible ssh peer"):
        return "no_common_algorithm"
    if text == "Timeout opening channel.":
        return "command_timeout"
    if text in ("No existing session", "SSH session not active", "Channel closed."):
        # Before authentication, start_client() returned silently when its timeout passed;
        # after it, the transport went away under a channel.
        return "connect_timeout" if phase == pc.CONNECT else "disconnected"
    return "protocol_error"


def _no_valid_connections(exc, phase):
    errors = list(exc.errors.values())
    return pc.classify(errors[0], phase) if errors else "connection_refused"


_PARAMIKO_CLASSES = (
    (UnknownHostKey, "unknown_host_key"),
    (paramiko.BadHostKeyException, "host_key_mismatch"),
    (paramiko.AuthenticationException, "auth_failed"),
    (paramiko.ChannelException, "channel_open_failed"),
    (paramiko.ssh_exception.NoValidConnectionsError, _no_valid_connections),
    (paramiko.SSHException, _from_cause),
)


class Alarm:
    __slots__ = ("when", "action", "fired", "cancelled")

    def __init__(self, when, action):
        self.when, self.action = when, action
        self.fired = self.cancelled = False

    def __lt__(self, other):
        return self.when < other.when


class Deadlines(threading.Thread):
    """One thread for the run that closes a host's connection when the deadline of what it
    is doing passes. Closing unblocks every paramiko call waiting on that connection; some
    have no timeout of their own (an exec request waits for the server's reply forever)."""

    def __init__(self):
        super().__init__(name="deadlines", daemon=True)
        self._cv = threading.Condition()
        self._heap = []
        self._order = itertools.count()
        self._stopping = False

    def arm(self, seconds, action):
        alarm = Alarm(time.monotonic() + seconds, action)
        with self._cv:
            heapq.heappush(self._heap, (alarm.when, next(self._order), alarm))
            if self._heap[0][2] is alarm:
                self._cv.notify()
        return alarm

    @staticmethod
    def disarm(alarm):
        alarm.cancelled = True

    def stop(self):
        with self._cv:
            self._stopping = True
            self._cv.notify()
        self.join()

    def run(self):
        while True:
            due = []
            with self._cv:
                while not self._stopping and not due:
                    now = time.monotonic()
                    while self._heap and (self._heap[0][2].cancelled or self._heap[0][0] <= now):
                        alarm = heapq.heappop(self._heap)[2]
                        if not alarm.cancelled:
                            due.append(alarm)
                    if not due:
                        self._cv.wait(self._heap[0][0] - now if self._heap else None)
                if self._stopping:
                    return
            for alarm in due:
                alarm.fired = True
                try:
                    alarm.action()
                except Exception:
                    pass


class Command:
    """One command on its own channel: started, then collected."""

    def __init__(self, transport, text, timeout):
        self.transport = transport
        self.channel = transport.open_session(timeout=timeout)
        self.channel.settimeout(timeout)
        self.channel.exec_command(text)

    @staticmethod
    def _drain(read, keep):
        """The size of what `read` gives until the end. With `keep`, the output is put
        together as a caller that wants it would; without (bulk), it is only counted."""
        if keep:
            parts = []
            while data := read(_READ_SIZE):
                parts.append(data)
            return len(b"".join(parts))
        size = 0
        while data := read(_READ_SIZE):
            size += len(data)
        return size

    def collect(self, keep=True):
        """(exit status or None if the channel closed without one, output bytes, whether
        the connection is still up)."""
        try:
            size = self._drain(self.channel.recv, keep)
            size += self._drain(self.channel.recv_stderr, keep)
            status = self.channel.recv_exit_status()  # -1: none came
            return (None if status == -1 else status), size, self.transport.is_active()
        finally:
            self.channel.close()


class Fleet:
    def __init__(self, args, targets):
        self.args = args
        self.targets = targets
        try:
            self.key = paramiko.Ed25519Key.from_private_key_file(targets.key)
            # Parsed once; each client gets its host's entries (paramiko would re-read the
            # whole file for every client, which costs more than a handshake on big fleets).
            self.known_hosts = paramiko.HostKeys(targets.known_hosts)
        except (OSError, paramiko.SSHException) as e:
            pc.usage_error(TOOL, "cannot load key or known_hosts: %s" % e)
        self.deadlines = Deadlines()

    def _connect(self, client, target):
        name = target.known_hosts_name()
        known = client.get_host_keys()
        for key_type, key in (self.known_hosts.lookup(name) or {}).items():
            known.add(name, key_type, key)
        client.set_missing_host_key_policy(StrictRejectPolicy())
        t = self.args.timeout
        client.connect(target.host, target.port, username=self.targets.user, pkey=self.key,
                       allow_agent=False, look_for_keys=False,
                       timeout=t, banner_timeout=t, auth_timeout=t,
                       disabled_algorithms=DISABLED_ALGORITHMS)
        return client.get_transport()

    def _run_one(self, transport, outcome):
        command = Command(transport, self.args.command, self.args.timeout)
        return outcome.add_command(*command.collect(keep=self.args.workload != "bulk"))

    def _run_at_once(self, transport, outcome):
        """--channels-per-connection commands started one after another without waiting for
        any to finish, then collected: paramiko's calls block, so one thread overlaps them
        this way."""
        started = []
        for _ in range(self.args.channels_per_connection):
            try:
                started.append(Command(transport, self.args.command, self.args.timeout))
            except Exception as e:
                outcome.fail(self._classify(e, pc.COMMAND), pc.describe(e))
        for command in started:
            try:
                outcome.add_command(*command.collect())
            except Exception as e:
                outcome.fail(self._classify(e, pc.COMMAND), pc.describe(e))

    @staticmethod
    def _classify(exc, phase, alarm=None):
        if alarm is not None and alarm.fired:
            return "connect_timeout" if phase == pc.CONNECT else "command_timeout"
        return pc.classify(exc, phase, _PARAMIKO_CLASSES)

    def run_host(self, target):
        outcome = pc.HostOutcome(target)
        client = paramiko.SSHClient()
        phase, alarm = pc.CONNECT, None
        timeout = self.args.timeout
        try:
            alarm = self.deadlines.arm(timeout, client.close)
            transport = self._connect(client, target)
            self.deadlines.disarm(alarm)
            phase = pc.COMMAND
            workload = self.args.workload
            if workload == "channels":
                alarm = self.deadlines.arm(timeout, client.close)
                self._run_at_once(transport, outcome)
            else:
                count = self.args.commands_per_connection if workload == "commands" else 1
                for _ in range(count):
                    alarm = self.deadlines.arm(timeout, client.close)
                    if not self._run_one(transport, outcome):
                        break
                    self.deadlines.disarm(alarm)
        except Exception as e:  # a host's failure never stops the others
            outcome.fail(self._classify(e, phase, alarm), pc.describe(e))
        finally:
            if alarm is not None:
                if alarm.fired:  # whatever failed after it did so because of it
                    outcome.fail(self._classify(None, phase, alarm),
                                 "no answer within %g s; connection closed" % timeout,
                                 replace=True)
                self.deadlines.disarm(alarm)
            client.close()
        return outcome

    def run_all(self):
        self.deadlines.start()
        try:
            with concurrent.futures.ThreadPoolExecutor(
                    max_workers=self.args.concurrency, thread_name_prefix="host") as pool:
                return list(pool.map(self.run_host, self.targets.hosts))
        finally:
            self.deadlines.stop()


def main():
    args = pc.parse_args(TOOL)
    fleet = Fleet(args, pc.load_targets(TOOL, args.targets))
    with pc.Window() as window:
        outcomes = fleet.run_all()
    pc.report(TOOL, paramiko.__version__, args, outcomes, window)
    return 0


if __name__ == "__main__":
    sys.exit(main())
