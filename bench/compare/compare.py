#!/usr/bin/python3
"""fleetsh next to the tools users would otherwise pick, on the same fleets, in one run.

Starts two fleets on loopback: the fleetsh simulator (`fleetsh sim`: Cisco IOS devices, and
Linux ones for the bulk workload) and real OpenSSH sshd processes (16 loopback addresses each,
as sshd listens on at most 16), every device reachable with one ed25519 key. Then runs each
workload with each tool against each fleet, interleaved (the order rotates every round) and
repeated, and prints medians with their range and each peer's figures as ratios to fleetsh's,
measured in this run; --html also writes them as a page with charts.

Tools follow bench/peers/README.md; fleetsh runs as `fleetsh bench --json`.
Only loopback addresses are used; every process started here is stopped by its PID.
"""

import argparse
import functools
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

import compare_html

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
    """Hosts every tool reaches the same way: targets.json (peers) and an inventory (fleetsh).
    `bulk`: the (smaller) Fleet the bulk workload runs on, with its own command."""

    def __init__(self, name, work, user, key, known_hosts, hosts, command, bulk=None):
        self.name, self.user, self.key = name, user, key
        self.known_hosts, self.hosts, self.command = known_hosts, hosts, command
        self.bulk = bulk
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


def bulk_command(args):
    return f"head -c {args.bulk_bytes} /dev/zero"


def start_simulator(args, work, procs, key, name, devices, mix):
    """One `fleetsh sim` process; the hosts it serves."""
    folder = work / name
    folder.mkdir()
    inventory, known_hosts = folder / "inventory.yaml", folder / "known_hosts"
    procs.start([args.fleetsh, "sim", "--devices", str(devices), "--mix", mix,
                 "--host-key-types", "ed25519", "--authorized-keys", f"{key}.pub",
                 "--inventory-out", str(inventory), "--known-hosts-out", str(known_hosts),
                 # Channels at once per connection, as MaxSessions in the sshd fleet.
                 "--quirks", f"max-sessions={max(10, args.per_connection)}",
                 "--duration", "3600"], work / f"{name}.log")
    wait_for(inventory.exists, f"the simulator's inventory ({name})")
    listed = json.loads(run([args.fleetsh, "inventory", "-i", str(inventory), "--json"]).stdout)
    return known_hosts, [(h["name"], h["address"], h["port"]) for h in listed]


def start_sim_fleet(args, work, procs, key):
    known_hosts, hosts = start_simulator(args, work, procs, key, "sim", args.devices,
                                         "cisco_ios=1")
    # Only the simulator's Linux devices stream large output (head -c N /dev/zero): bulk
    # runs on a simulator of its own with those.
    bulk_known, bulk_hosts = start_simulator(args, work, procs, key, "sim-bulk",
                                             args.bulk_devices, "linux=1")
    bulk = Fleet("sim-bulk", work, "admin", key, bulk_known, bulk_hosts, bulk_command(args))
    # Simulated Cisco IOS devices answer exec channels too; 2 KB of configuration.
    return Fleet("sim", work, "admin", key, known_hosts, hosts, "show running-config", bulk)


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
    bulk = Fleet("sshd-bulk", work, user, key, known_hosts, hosts[:args.bulk_devices],
                 bulk_command(args))
    return Fleet("sshd", work, user, key, known_hosts, hosts, f"cat {show}", bulk)


def fleetsh_run(args, fleet, workload, concurrency):
    argv = [args.fleetsh, "bench", "-i", str(fleet.inventory), "--json", "-w", workload,
            "--concurrency", str(concurrency), "-c", fleet.command,
            "--bulk-command", fleet.command,
            "--commands-per-connection", str(args.per_connection),
            "--channels-per-connection", str(args.per_connection)]
    p = run(argv)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"fleetsh bench failed: {p.stderr.strip()}")
    r = json.loads(p.stdout)["results"][0]
    return {"tool": "fleetsh", "wall_s": r["wall_s"], "cpu_s": r["cpu_s"],
            "peak_rss_kib": r["peak_rss_kib"], "ok": r["ok"], "failed": r["failed"],
            "commands": r["commands"], "bytes": r["bytes"], "mb_per_s": r["mb_per_s"],
            "errors": r["errors"], "version": fleetsh_version(args.fleetsh)}


@functools.cache
def fleetsh_version(binary):
    """`fleetsh --version` without the name ("0.1.0"), asked once."""
    return run([binary, "--version"]).stdout.split()[-1]


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


def cpu_ms_per_device(r):
    return 1000 * r["cpu_s"] / max(r["ok"], 1)


def summarise(results, tools):
    """Per fleet and workload, per tool: medians with their range over the rounds, and the
    ratios to fleetsh's medians (above 1: fleetsh is faster, cheaper or, for MB/s, quicker)."""
    blocks = []
    for (fleet, workload), per_tool in results.items():
        base = per_tool.get("fleetsh")
        rows = []
        for tool in tools:
            runs = per_tool.get(tool)
            if not runs:
                continue
            row = {"tool": tool,
                   "wall_s": spread([r["wall_s"] for r in runs]),
                   "cpu_ms": spread([cpu_ms_per_device(r) for r in runs]),
                   "mb_per_s": spread([r.get("mb_per_s", 0) for r in runs]),
                   "rss_mib": max(r["peak_rss_kib"] for r in runs) / 1024,
                   "failed": max(r["failed"] for r in runs),
                   "short_runs": sum(1 for r in runs if r.get("short_bytes")),
                   "version": runs[0].get("version", "")}
            if base and tool != "fleetsh":
                row["wall_ratio"] = row["wall_s"][0] / statistics.median(
                    r["wall_s"] for r in base)
                row["cpu_ratio"] = row["cpu_ms"][0] / statistics.median(
                    cpu_ms_per_device(r) for r in base)
                base_mb = statistics.median(r.get("mb_per_s", 0) for r in base)
                if row["mb_per_s"][0] > 0:
                    row["mb_ratio"] = base_mb / row["mb_per_s"][0]
            rows.append(row)
        first = next(iter(per_tool.values()))[0]
        blocks.append({"fleet": fleet, "workload": workload, "devices": first["devices"],
                       "concurrency": first["concurrency"], "rows": rows})
    return blocks


def report(blocks):
    """One block per fleet and workload: medians [range], and ratios to fleetsh."""
    for b in blocks:
        bulk = b["workload"] == "bulk"
        print(f"\n== {b['fleet']} fleet, {b['workload']}: {b['devices']} devices, "
              f"{b['concurrency']} at a time")
        print(f"{'tool':<9} {'wall s':>22} {'client CPU ms/dev':>26} "
              + (f"{'MB/s':>22} " if bulk else "")
              + f"{'peak RSS MiB':>13} {'failed':>6}  ratios to fleetsh (wall, CPU"
              + (", MB/s)" if bulk else ")"))
        for row in b["rows"]:
            wall, cpu, mb = row["wall_s"], row["cpu_ms"], row["mb_per_s"]
            ratio = ""
            if "wall_ratio" in row:
                ratio = f"{row['wall_ratio']:6.1f}x {row['cpu_ratio']:6.1f}x"
                if bulk and "mb_ratio" in row:
                    ratio += f" {row['mb_ratio']:6.1f}x"
            short = f"  output short in {row['short_runs']} runs!" if row["short_runs"] else ""
            print(f"{row['tool']:<9} {wall[0]:7.2f} [{wall[1]:5.2f}-{wall[2]:5.2f}] "
                  f"{cpu[0]:9.2f} [{cpu[1]:6.2f}-{cpu[2]:6.2f}] "
                  + (f"{mb[0]:8.1f} [{mb[1]:6.1f}-{mb[2]:6.1f}] " if bulk else "")
                  + f"{row['rss_mib']:13.1f} {row['failed']:6}  {ratio}{short}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fleetsh", required=True)
    ap.add_argument("--go-peer", help="the built Go peer (bench/peers/go/build.sh)")
    ap.add_argument("--devices", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--per-connection", type=int, default=10)
    ap.add_argument("--bulk-bytes", type=int, default=64 * 1024 * 1024,
                    help="bytes one bulk command prints (head -c N /dev/zero)")
    ap.add_argument("--bulk-devices", type=int, default=4,
                    help="devices of the bulk workload, all at once")
    ap.add_argument("--workloads", default="sessions,commands,channels,bulk")
    ap.add_argument("--fleets", default="sim,sshd")
    ap.add_argument("--tools", default="fleetsh,go,asyncssh,paramiko,openssh")
    ap.add_argument("--sshd-user", default="fleetsh-test")
    ap.add_argument("--sshd-port", type=int, default=2299)
    ap.add_argument("--json-out", help="write every run's figures here")
    ap.add_argument("--html", help="write a self-contained HTML report here")
    args = ap.parse_args()
    tools = args.tools.split(",")
    if "go" in tools and not args.go_peer:
        ap.error("--go-peer is needed for the go tool")

    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="fleetsh-bench-"))
    procs = Processes()
    results = {}
    try:
        key = work / "id_ed25519"
        run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)]).check_returncode()
        fleets = []
        for name in args.fleets.split(","):
            log(f"starting the {name} fleet: {args.devices} devices")
            start = {"sim": start_sim_fleet, "sshd": start_sshd_fleet}[name]
            fleets.append(start(args, work, procs, key))
        for round_ in range(args.repeat):
            order = tools[round_ % len(tools):] + tools[:round_ % len(tools)]
            for fleet in fleets:
                for workload in args.workloads.split(","):
                    on = fleet.bulk if workload == "bulk" else fleet
                    concurrency = len(on.hosts) if workload == "bulk" else args.concurrency
                    for tool in order:
                        if tool == "fleetsh":
                            r = fleetsh_run(args, on, workload, concurrency)
                        else:
                            r = peer_run(args, tool, on, workload, concurrency)
                        r.setdefault("devices", len(on.hosts))
                        r.setdefault("concurrency", concurrency)
                        if workload == "bulk":
                            # MB/s counts only if every byte arrived.
                            r["short_bytes"] = r["ok"] * args.bulk_bytes - r["bytes"]
                        log(f"round {round_ + 1}: {on.name} {workload} {tool}: "
                            f"wall {r['wall_s']:.2f} s, CPU {r['cpu_s']:.2f} s, "
                            f"{r['ok']} ok, {r['failed']} failed"
                            + (f", {r['mb_per_s']:.0f} MB/s" if workload == "bulk" else ""))
                        results.setdefault((fleet.name, workload), {}).setdefault(
                            tool, []).append(r)
    finally:
        procs.stop_all()
        shutil.rmtree(work, ignore_errors=True)
    log(f"the comparison took {time.monotonic() - started:.0f} s")
    title = (f"{args.repeat} rounds; medians [min-max]; client CPU per device; ratios = "
             "tool / fleetsh for wall and CPU, fleetsh / tool for MB/s (above 1: fleetsh is "
             "faster or cheaper)")
    print("\n" + title)
    blocks = summarise(results, tools)
    report(blocks)
    if args.html:
        Path(args.html).write_text(compare_html.page(blocks, title, vars(args)))
        log(f"HTML report: {args.html}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(
            [{"fleet": f, "workload": w, "tool": t, "runs": runs}
             for (f, w), per in results.items() for t, runs in per.items()], indent=1))


if __name__ == "__main__":
    main()
