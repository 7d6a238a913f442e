#!/usr/bin/python3
"""fleetsh next to the tools users would otherwise pick, on the same fleets, in one run.

Starts two fleets on loopback: the fleetsh simulator (`fleetsh sim`, linux devices) and real
OpenSSH sshd processes (16 loopback addresses each, as sshd listens on at most 16), every
device reachable with one ed25519 key. Then runs each workload with each tool against each
fleet, interleaved (the order rotates every round) and repeated, and prints medians with
their range and each peer's figures as ratios to fleetsh's, measured in this run.

Tools follow bench/peers/README.md; fleetsh runs as `fleetsh bench --json`.
Only loopback addresses are used; every process started here is stopped by its PID.
"""

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS = HERE.parent / "peers"
SSHD = "/usr/sbin/sshd"
RUN_LIMIT_S = 300  # one tool run; past it the run is a failure, and its process is killed


def log(*words):
    print("[bench]", *words, file=sys.stderr, flush=True)


def run(argv, limit=RUN_LIMIT_S, **kwargs):
    """Runs argv to completion within `limit` seconds; returns CompletedProcess."""
    return subprocess.run(argv, capture_output=True, text=True, timeout=limit, **kwargs)


class Processes:
    """Background processes we started, each stopped by its PID at the end."""

    def __init__(self):
        self.started = []

    def start(self, argv, log_file):
        out = open(log_file, "w")
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.started.append(p)
        return p

    def stop_all(self):
        for p in self.started:
            if p.poll() is None:
                os.kill(p.pid, signal.SIGTERM)
        for p in self.started:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(p.pid, signal.SIGKILL)
                p.wait()


def wait_for(predicate, what, seconds=30):
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        if predicate():
            return
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {what}")


class Fleet:
    """Hosts every tool reaches the same way: targets.json (peers) and an inventory (fleetsh)."""

    def __init__(self, name, work, user, key, known_hosts, hosts, command):
        self.name, self.user, self.key = name, user, key
        self.known_hosts, self.hosts, self.command = known_hosts, hosts, command
        self.targets = work / f"{name}-targets.json"
        self.inventory = work / f"{name}-inventory.yaml"
        self.targets.write_text(json.dumps({
            "user": user, "key": str(key), "known_hosts": str(known_hosts),
            "hosts": [{"name": n, "host": h, "port": p} for n, h, p in hosts]}))
        lines = ["defaults:", "  platform: linux", f'  username: "{user}"', f'  key: "{key}"',
                 "  connection:", f'    known_hosts: "{known_hosts}"',
                 "    host_key_policy: strict", "hosts:"]
        for n, h, p in hosts:
            lines += [f"  {n}:", f"    address: {h}", f"    port: {p}"]
        self.inventory.write_text("\n".join(lines) + "\n")


def start_sim_fleet(args, work, procs, key):
    inventory, known_hosts = work / "sim" / "inventory.yaml", work / "sim" / "known_hosts"
    procs.start([args.fleetsh, "sim", "--devices", str(args.devices), "--mix", "cisco_ios=1",
                 "--host-key-types", "ed25519", "--authorized-keys", f"{key}.pub",
                 "--inventory-out", str(inventory), "--known-hosts-out", str(known_hosts),
                 "--duration", "3600"], work / "sim.log")
    wait_for(inventory.exists, "the simulator's inventory")
    listed = json.loads(run([args.fleetsh, "inventory", "-i", str(inventory), "--json"]).stdout)
    hosts = [(h["name"], h["address"], h["port"]) for h in listed]
    # Simulated Cisco IOS devices answer exec channels too; 2 KB of configuration.
    return Fleet("sim", work, "admin", key, known_hosts, hosts, "show running-config")


def start_sshd_fleet(args, work, procs, key):
    """ceil(devices/16) sshd processes, each on 16 addresses 127.0.N.M, one port."""
    user = args.sshd_user
    host_key = work / "sshd_host_ed25519"
    run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)]).check_returncode()
    public = host_key.with_suffix(".pub").read_text().split()
    authorized = work / "authorized_keys"
    shutil.copy(f"{key}.pub", authorized)
    os.chmod(work, 0o755)  # sshd reads authorized_keys as the user it logs in
    os.chmod(authorized, 0o644)
    port = args.sshd_port
    hosts, known = [], []
    for i in range(args.devices):
        address = f"127.0.{10 + i // 250}.{1 + i % 250}"
        hosts.append((f"srv-{i + 1:04d}", address, port))
        known.append(f"[{address}]:{port} {public[0]} {public[1]}")
    known_hosts = work / "sshd_known_hosts"
    known_hosts.write_text("\n".join(known) + "\n")
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    for first in range(0, len(hosts), 16):
        group = hosts[first:first + 16]
        config = work / f"sshd_{first // 16}.conf"
        config.write_text("\n".join(
            [f"ListenAddress {h}:{port}" for _, h, _ in group] +
            [f"HostKey {host_key}", f"AuthorizedKeysFile {authorized}",
             "PubkeyAuthentication yes", "PasswordAuthentication no",
             "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no",
             "MaxStartups 10000", "MaxSessions 1000", "LogLevel ERROR",
             f"PidFile {work}/sshd_{first // 16}.pid", f"AllowUsers {user}",
             "PermitRootLogin prohibit-password"]) + "\n")
        procs.start([SSHD, "-D", "-e", "-f", str(config)], work / f"sshd_{first // 16}.log")

    def listening():
        probe = subprocess.run(["ssh-keyscan", "-T", "2", "-p", str(port), hosts[-1][1]],
                               capture_output=True, text=True)
        return "ssh-ed25519" in probe.stdout
    wait_for(listening, "the sshd fleet")
    # 4 KB of text, the size of a typical `show` command's answer.
    show = work / "show.txt"
    show.write_text(("interface GigabitEthernet0/1 is up, line protocol is up\n" * 80)[:4096])
    os.chmod(show, 0o644)
    return Fleet("sshd", work, user, key, known_hosts, hosts, f"cat {show}")


def fleetsh_run(args, fleet, workload, concurrency):
    argv = [args.fleetsh, "bench", "-i", str(fleet.inventory), "--json", "-w", workload,
            "--concurrency", str(concurrency), "-c", fleet.command,
            "--commands-per-connection", str(args.per_connection),
            "--channels-per-connection", str(args.per_connection)]
    p = run(argv)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"fleetsh bench failed: {p.stderr.strip()}")
    r = json.loads(p.stdout)["results"][0]
    return {"tool": "fleetsh", "wall_s": r["wall_s"], "cpu_s": r["cpu_s"],
            "peak_rss_kib": r["peak_rss_kib"], "ok": r["ok"], "failed": r["failed"],
            "commands": r["commands"], "errors": r["errors"]}


def peer_run(args, tool, fleet, workload, concurrency):
    program = {"openssh": [str(PEERS / "openssh_peer.py")],
               "asyncssh": [str(PEERS / "asyncssh_peer.py")],
               "paramiko": [str(PEERS / "paramiko_peer.py")],
               "go": [str(args.go_peer)]}[tool]
    argv = program + ["--targets", str(fleet.targets), "--workload", workload,
                      "--concurrency", str(concurrency), "--command", fleet.command,
                      "--commands-per-connection", str(args.per_connection),
                      "--channels-per-connection", str(args.per_connection)]
    p = run(argv)
    if p.returncode != 0:
        raise RuntimeError(f"{tool} failed ({p.returncode}): {p.stderr.strip()[-500:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def spread(values):
    return statistics.median(values), min(values), max(values)


def report(results, tools):
    """One block per fleet and workload: medians [range], and ratios to fleetsh."""
    for (fleet, workload), per_tool in results.items():
        print(f"\n== {fleet} fleet, {workload}")
        print(f"{'tool':<9} {'wall s':>22} {'client CPU ms/dev':>26} {'peak RSS MiB':>13} "
              f"{'failed':>6}  ratios to fleetsh (wall, CPU)")
        base = per_tool.get("fleetsh")
        for tool in tools:
            runs = per_tool.get(tool)
            if not runs:
                continue
            wall = spread([r["wall_s"] for r in runs])
            cpu = spread([1000 * r["cpu_s"] / max(r["ok"], 1) for r in runs])
            rss = max(r["peak_rss_kib"] for r in runs) / 1024
            failed = max(r["failed"] for r in runs)
            ratio = ""
            if base and tool != "fleetsh":
                bw = statistics.median(r["wall_s"] for r in base)
                bc = statistics.median(1000 * r["cpu_s"] / max(r["ok"], 1) for r in base)
                ratio = f"{wall[0] / bw:6.1f}x {cpu[0] / bc:6.1f}x"
            print(f"{tool:<9} {wall[0]:7.2f} [{wall[1]:5.2f}-{wall[2]:5.2f}] "
                  f"{cpu[0]:9.2f} [{cpu[1]:6.2f}-{cpu[2]:6.2f}] {rss:13.1f} {failed:6}  {ratio}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fleetsh", required=True)
    ap.add_argument("--go-peer", help="the built Go peer (bench/peers/go/build.sh)")
    ap.add_argument("--devices", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--per-connection", type=int, default=10)
    ap.add_argument("--workloads", default="sessions,commands,channels")
    ap.add_argument("--fleets", default="sim,sshd")
    ap.add_argument("--tools", default="fleetsh,go,asyncssh,paramiko,openssh")
    ap.add_argument("--sshd-user", default="fleetsh-test")
    ap.add_argument("--sshd-port", type=int, default=2299)
    ap.add_argument("--json-out", help="write every run's figures here")
    args = ap.parse_args()
    tools = args.tools.split(",")
    if "go" in tools and not args.go_peer:
        ap.error("--go-peer is needed for the go tool")

    work = Path(tempfile.mkdtemp(prefix="fleetsh-bench-"))
    procs = Processes()
    results = {}
    try:
        key = work / "id_ed25519"
        run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)]).check_returncode()
        (work / "sim").mkdir()
        fleets = []
        for name in args.fleets.split(","):
            log(f"starting the {name} fleet: {args.devices} devices")
            start = {"sim": start_sim_fleet, "sshd": start_sshd_fleet}[name]
            fleets.append(start(args, work, procs, key))
        for round_ in range(args.repeat):
            order = tools[round_ % len(tools):] + tools[:round_ % len(tools)]
            for fleet in fleets:
                for workload in args.workloads.split(","):
                    for tool in order:
                        if tool == "fleetsh":
                            r = fleetsh_run(args, fleet, workload, args.concurrency)
                        else:
                            r = peer_run(args, tool, fleet, workload, args.concurrency)
                        log(f"round {round_ + 1}: {fleet.name} {workload} {tool}: "
                            f"wall {r['wall_s']:.2f} s, CPU {r['cpu_s']:.2f} s, "
                            f"{r['ok']} ok, {r['failed']} failed")
                        results.setdefault((fleet.name, workload), {}).setdefault(
                            tool, []).append(r)
    finally:
        procs.stop_all()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{args.devices} devices, {args.concurrency} at a time, {args.repeat} rounds; "
          "medians [min-max]; client CPU per device; ratios = tool / fleetsh "
          "(above 1: fleetsh is faster or cheaper)")
    report(results, tools)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(
            [{"fleet": f, "workload": w, "tool": t, "runs": runs}
             for (f, w), per in results.items() for t, runs in per.items()], indent=1))


if __name__ == "__main__":
    main()
