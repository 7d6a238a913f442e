#!/usr/bin/python3
"""OpenSSH peer for `fleetsh bench`: runs the workloads of bench/peers/README.md with the
`ssh` client, one child process per session, at most N hosts in progress at once, and prints
one JSON line.

    openssh_peer.py --targets targets.json --workload sessions|commands|channels|bulk
                    --concurrency N --command "uname -a" [--commands-per-connection 20]
                    [--channels-per-connection 10] [--timeout 30]

How each workload is driven:
  sessions  one `ssh host COMMAND` per host.
  bulk      the same, its standard output counted as it is read, not kept.
  commands  per host, K `ssh -o ControlMaster=auto -o ControlPersist=... host COMMAND` one
            after another: the first one connects and leaves a master in the background, the
            others reuse it; then `ssh -O exit`.
  channels  per host, a master (`ssh -o ControlMaster=yes -o ControlPersist=... -N -f`), then K
            `ssh -o ControlMaster=no host COMMAND` through it at once; then `ssh -O exit`.

CPU: this process (getrusage RUSAGE_SELF) plus the rusage of every child reaped with
os.wait4. A ControlPersist master forks into the background, away from the `ssh` that started
it; this process makes itself a child subreaper (prctl PR_SET_CHILD_SUBREAPER) so that those
masters are re-parented to it and reaped by it too, with their CPU. One thread reaps every
child (os.wait4(-1)); the host workers wait for their own pids' results.

Standard library only; runs under Debian's /usr/bin/python3.
"""

import ctypes
import os
import re
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import peer_common  # the contract's command line, targets.json and JSON line, shared

PR_SET_CHILD_SUBREAPER = 36


# --- children: spawning, and one reaper for all of them ---------------------------------

class Reaper:
    """Reaps every child of this process (os.waitid to learn which one exited, then os.wait4
    for its rusage): the ssh processes it started and the ControlPersist masters re-parented
    to it. Sums their CPU, keeps the largest RSS, and hands each started pid's exit status to
    whoever waits for it."""

    def __init__(self):
        self.cv = threading.Condition()
        self.spawned = set()    # pids started by spawn(), not reaped yet
        self.results = {}       # pid -> wait status of a spawned pid, until wait() takes it
        self.orphans = 0        # reaped children not started here (masters and their forks)
        self.exited = set()     # pids seen exited (waitid WNOWAIT), not reaped yet
        self.cpu_s = 0.0
        self.peak_rss_kib = 0
        self.reaped = 0
        self.stopping = False
        self.spawns = 0         # spawn() calls so far: a wake-up that came before the wait
        self.thread = threading.Thread(target=self._loop, name="reaper", daemon=True)
        self.thread.start()

    def spawn(self, argv):
        # Under the lock, so the child cannot be recorded (as an orphan) before it is known.
        with self.cv:
            p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, close_fds=True)
            self.spawned.add(p.pid)
            self.spawns += 1
            self.cv.notify_all()  # there is a child to wait for now
        return p

    def wait(self, p):
        """The exit status of p, once the reaper has reaped it (never p.wait(): the rusage
        comes with the reap)."""
        with self.cv:
            self.cv.wait_for(lambda: p.pid in self.results)
            status = self.results.pop(p.pid)
        p.returncode = os.waitstatus_to_exitcode(status)  # so Popen never waits itself
        return p.returncode

    def kill(self, p):
        """SIGKILL to p, our child, unless it has exited (True when sent). A pid is marked
        exited (under the lock) before it is reaped, so an unmarked one is still ours."""
        with self.cv:
            if p.pid in self.exited or p.pid in self.results:
                return False
            try:
                os.kill(p.pid, signal.SIGKILL)
                return True
            except ProcessLookupError:
                return False

    def _loop(self):
        while True:
            with self.cv:
                spawns = self.spawns
            try:
                # Which child has exited, leaving it unreaped; then reap that one.
                info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOWAIT)
            except ChildProcessError:  # no child at the moment
                with self.cv:
                    if self.spawns != spawns:
                        continue  # one was started meanwhile
                    if self.stopping:
                        self.cv.notify_all()
                        return
                    self.cv.wait(0.05)
                continue
            except InterruptedError:
                continue
            if info is None:
                continue
            with self.cv:
                self.exited.add(info.si_pid)
            pid, status, ru = os.wait4(info.si_pid, 0)
            with self.cv:
                self.exited.discard(pid)
                self.reaped += 1
                self.cpu_s += ru.ru_utime + ru.ru_stime
                self.peak_rss_kib = max(self.peak_rss_kib, ru.ru_maxrss)
                if pid in self.spawned:
                    self.spawned.discard(pid)
                    self.results[pid] = status
                else:
                    self.orphans += 1
                self.cv.notify_all()

    def stop(self, deadline_s):
        """Wait until no child is left; past the deadline, end the leftovers (children of
        this process only, by pid) and wait for their reaping. Returns how many were ended."""
        with self.cv:
            self.stopping = True
            self.cv.notify_all()
        self.thread.join(deadline_s)
        ended = 0
        while self.thread.is_alive():
            with self.cv:  # no reap starts meanwhile: listed and unmarked means still ours
                for pid in own_children():
                    if pid not in self.exited:
                        try:
                            os.kill(pid, signal.SIGKILL)
                            ended += 1
                        except ProcessLookupError:
                            pass
            self.thread.join(1.0)
        return ended


def own_children():
    """Pids whose parent is this process, from /proc."""
    me, kids = os.getpid(), []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()
        if len(fields) > 1 and int(fields[1]) == me:
            kids.append(int(name))
    return kids


def make_subreaper():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


class Run:
    """One finished ssh process: its exit status, the size of its output (stdout and
    stderr), stdout itself unless only counted, and stderr (which names ssh's failures)."""
    __slots__ = ("status", "size", "out", "err", "timed_out")

    def __init__(self):
        self.status, self.size, self.out, self.err, self.timed_out = None, 0, b"", b"", False


def run_all(reaper, argvs, seconds, keep_out=True):
    """Starts every argv at once, reads their output until each closes (stdout only counted
    unless keep_out), kills any still running after `seconds`, and returns their Runs once
    all are reaped."""
    runs = [Run() for _ in argvs]
    procs = [reaper.spawn(a) for a in argvs]
    deadline = time.monotonic() + seconds
    chunks = {}
    with selectors.DefaultSelector() as sel:
        for i, p in enumerate(procs):
            for stream, which in ((p.stdout, "out"), (p.stderr, "err")):
                sel.register(stream, selectors.EVENT_READ, (i, which))
                chunks[(i, which)] = []
        killed = False
        while sel.get_map():
            left = deadline - time.monotonic()
            if left <= 0 and not killed:
                killed = True
                for i, p in enumerate(procs):
                    # Our own child, by pid, if it still runs.
                    runs[i].timed_out = reaper.kill(p)
            if killed:
                left = deadline + 5.0 - time.monotonic()
                if left <= 0:  # a pipe still open: held by some descendant; stop reading
                    for key in list(sel.get_map().values()):
                        sel.unregister(key.fileobj)
                        key.fileobj.close()
                    break
            for key, _ in sel.select(left):
                data = os.read(key.fd, 65536)
                if data:
                    i, which = key.data
                    runs[i].size += len(data)
                    if keep_out or which == "err":
                        chunks[key.data].append(data)
                else:
                    sel.unregister(key.fileobj)
                    key.fileobj.close()
    for i, p in enumerate(procs):
        runs[i].status = reaper.wait(p)
        runs[i].out = b"".join(chunks[(i, "out")])
        runs[i].err = b"".join(chunks[(i, "err")])
    return runs


# --- error classes ----------------------------------------------------------------------

# ssh's exit status 255 is its own failure; its stderr says which. First match wins.
_SSH_FAILURES = [
    (re.compile(r"REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed|"
                r"Offending .* key", re.I), "host_key_mismatch"),
    (re.compile(r"No .* host key is known|Host key verification failed", re.I),
     "unknown_host_key"),
    (re.compile(r"Connection refused", re.I), "connection_refused"),
    (re.compile(r"Permission denied|Too many authentication failures", re.I), "auth_failed"),
    (re.compile(r"timed out|Operation timed out", re.I), "connect_timeout"),
    (re.compile(r"No route to host|Network is unreachable|Could not resolve hostname|"
                r"Name or service not known", re.I), "unreachable"),
    (re.compile(r"Connection reset", re.I), "connection_reset"),
    (re.compile(r"Unable to negotiate|no matching", re.I), "no_common_algorithm"),
    (re.compile(r"channel .*open failed|open failed", re.I), "channel_open_failed"),
    (re.compile(r"Connection closed|closed by remote host|Broken pipe|"
                r"read from master failed|Control socket connect", re.I), "disconnected"),
    (re.compile(r"Corrupted MAC|message authentication code incorrect|Bad packet length|"
                r"Protocol error|protocol mismatch|invalid format|incomplete message|"
                r"kex_", re.I), "protocol_error"),
]


def master_gone(socket):
    """Whether the ControlMaster behind `socket` has ended: it removes the socket on its way
    out, a moment after its mux clients see their channels close."""
    for _ in range(50):
        if not os.path.exists(socket):
            return True
        time.sleep(0.02)
    return False


def failure_class(run, timeout_class, socket=None):
    """None when the run succeeded, else fleetsh's class for it. socket: the ControlPath the
    run went through, if any."""
    if run.timed_out:
        return timeout_class
    if run.status == 0:
        return None
    if run.status == 255:
        text = run.err.decode("utf-8", "replace")
        for pattern, name in _SSH_FAILURES:
            if pattern.search(text):
                return name
        if socket is not None and master_gone(socket):
            # A mux client says nothing when its master loses the connection.
            return "disconnected"
    return "device_error"  # the command's own non-zero exit, or an ssh failure not named


def describe(run, cls):
    """The exit and ssh's most telling stderr line: the last naming the failure's class,
    else the last."""
    lines = [l.strip() for l in run.err.decode("utf-8", "replace").splitlines() if l.strip()]
    named = [l for l in lines for p, name in _SSH_FAILURES if name == cls and p.search(l)]
    said = named[-1] if named else lines[-1] if lines else ""
    if run.timed_out:
        return "killed after the deadline" + (": " + said if said else "")
    return "exit %s%s" % (run.status, ": " + said if said else "")


# --- the workloads ----------------------------------------------------------------------

def take(outcome, run, timeout_class, counts_as_command=True, socket=None):
    """Records one ssh run in `outcome` (a peer_common.HostOutcome); False when it failed.
    socket: the run's ControlPath, if any."""
    cls = failure_class(run, timeout_class, socket)
    if cls is not None:
        outcome.fail(cls, describe(run, cls))
        return False
    if counts_as_command:
        outcome.add_command(0, run.size)
    return True


class Peer:
    def __init__(self, args, user, key, known_hosts, ctl_dir, reaper):
        self.args, self.user, self.reaper, self.ctl_dir = args, user, reaper, ctl_dir
        t = args.timeout
        self.base = ["ssh", "-F", "/dev/null", "-o", "BatchMode=yes",
                     "-o", "IdentitiesOnly=yes", "-i", key,
                     "-o", "UserKnownHostsFile=" + known_hosts,
                     "-o", "GlobalKnownHostsFile=/dev/null",
                     "-o", "StrictHostKeyChecking=yes",
                     "-o", "KexAlgorithms=curve25519-sha256",
                     "-o", "HostKeyAlgorithms=ssh-ed25519",
                     "-o", "ConnectTimeout=%d" % max(1, int(round(t)))]
        # An idle master ends by itself after this long, should this process die first.
        self.persist = "ControlPersist=%ds" % (int(t) + 10)

    def _dest(self, host, port):
        return ["-p", str(port), "%s@%s" % (self.user, host)]

    def host(self, index, target):
        o = peer_common.HostOutcome(target)
        a, t = self.args, self.args.timeout
        dest = self._dest(target.host, target.port)
        if a.workload in ("sessions", "bulk"):
            (r,) = run_all(self.reaper, [self.base + dest + [a.command]], 2 * t,
                           keep_out=a.workload == "sessions")
            take(o, r, "command_timeout")
            return o
        sock = "%s/%d" % (self.ctl_dir, index)
        ctl = ["-o", "ControlPath=" + sock]
        try:
            if a.workload == "commands":
                argv = self.base + ctl + ["-o", "ControlMaster=auto", "-o", self.persist] + \
                    dest + [a.command]
                for i in range(a.commands_per_connection):
                    # The first one also connects; the others only open a channel.
                    (r,) = run_all(self.reaper, [argv], 2 * t if i == 0 else t)
                    if not take(o, r, "command_timeout", socket=sock):
                        break
            else:
                master = self.base + ctl + ["-o", "ControlMaster=yes", "-o", self.persist,
                                            "-N", "-f"] + dest
                (r,) = run_all(self.reaper, [master], 2 * t)
                if take(o, r, "connect_timeout", counts_as_command=False):
                    client = self.base + ctl + ["-o", "ControlMaster=no"] + dest + [a.command]
                    for r in run_all(self.reaper, [client] * a.channels_per_connection, t):
                        take(o, r, "command_timeout", socket=sock)
        finally:
            if os.path.exists(sock):
                run_all(self.reaper, [self.base + ctl + ["-O", "exit"] + dest], t)
        return o


def ssh_version():
    try:
        p = subprocess.run(["ssh", "-V"], stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (p.stderr or p.stdout).decode("utf-8", "replace").strip()
    m = re.match(r"OpenSSH_(\S+?)[,\s]", text + " ")
    return m.group(1) if m else text


NOTES = {
    "sessions": "one ssh process per host (BatchMode), no multiplexing",
    "bulk": "one ssh process per host (BatchMode); its stdout counted as read, not kept",
    "commands": "per host, K ssh runs one after another with ControlMaster=auto and "
                "ControlPersist: the first connects and backgrounds a master, the other K-1 "
                "run as mux clients over it; then ssh -O exit",
    "channels": "per host, a master (ssh -N -f, ControlMaster=yes, ControlPersist), then K "
                "ssh mux clients (ControlMaster=no) through it at once; then ssh -O exit",
}


def main(argv):
    args = peer_common.parse_args("openssh", argv)
    targets = peer_common.load_targets("openssh", args.targets)
    user, key, known_hosts = targets.user, targets.key, targets.known_hosts
    if shutil.which("ssh") is None:
        print("openssh_peer.py: ssh not found (apt-get install openssh-client)", file=sys.stderr)
        return 1
    version = ssh_version()
    # Up to 2 pipes per ssh at once (K clients x N hosts in channels): lift the soft limit.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    subreaper = make_subreaper()
    ctl_dir = tempfile.mkdtemp(prefix="osp-", dir="/tmp")  # short: socket paths are <108
    reaper = Reaper()
    peer = Peer(args, user, key, known_hosts, ctl_dir, reaper)

    # CPU: this process and every child the reaper reaps (RUSAGE_CHILDREN), masters included.
    with peer_common.Window() as window:
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            outcomes = list(pool.map(lambda it: peer.host(*it), enumerate(targets.hosts)))
        ended = reaper.stop(args.timeout + 10)  # the masters' exits, and anything left
    shutil.rmtree(ctl_dir, ignore_errors=True)

    note = NOTES[args.workload]
    if args.workload not in ("sessions", "bulk"):
        note += ("; background processes (masters and their forks) re-parented to this "
                 "process and reaped: %d" % reaper.orphans)
        if not subreaper:
            note += "; PR_SET_CHILD_SUBREAPER failed: the masters' CPU is not counted"
    if ended:
        note += "; %d children still running at the end were killed" % ended
    peer_common.report("openssh", version, args, outcomes, window,
                       peak_rss_kib=reaper.peak_rss_kib,  # the largest single ssh process
                       extra={"cpu_s_peer": round(window.cpu_s - reaper.cpu_s, 4),
                              "ssh_processes": reaper.reaped, "note": note})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
