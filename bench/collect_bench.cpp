// collect_bench: what `fleetsh collect` costs collecting three show commands (show version,
// show ip interface brief, show running-config) from a simulated fleet of N devices (Cisco IOS
// and Arista EOS, `fleetsh sim` in its own process), next to OpenSSH's ssh collecting the same
// commands the way a shell script does: one ssh process per device and command, a device's
// commands one after another, C devices at once (issue 5). Everything runs on 127.0.0.1.
//
// Both clients log in with an ed25519 key the bench generates (publickey only: the inventory
// fleetsh reads has the key and no password), check host keys strictly against the fleet's
// known_hosts, and use curve25519-sha256 and aes128-gcm@openssh.com.
//
// Measured, R times (default 3), fleetsh and ssh interleaved, order alternating:
//   - wall time (steady clock), client CPU (ru_utime + ru_stime from wait4(); for ssh the sum
//     over its processes) and peak RSS (ru_maxrss; for ssh the largest single process);
//   - the simulator's CPU over the same window (/proc/PID/stat utime + stime, read before the
//     client starts and after the simulator has closed every connection it left).
// Each client process is started through collect_bench_launch, which waits for it with
// wait4() and reports its figures (collect/launcher_main.cpp says why: ru_maxrss).
// Correctness is checked every run: fleetsh exits 0 and its summary.json shows N devices ok,
// every command complete and not empty; every ssh exits 0 with output, and that output is
// byte for byte what fleetsh collected from the same device. Anything else fails the bench.
//
//     build/bench/collect_bench [--devices N] [--baseline-devices M] [--concurrency C]
//                               [--repeat R] [--timeout S] [--quick]

#include "collect/fleetsh_collect.hpp"
#include "collect/launched.hpp"
#include "collect/ssh_batch.hpp"
#include "sim/servers.hpp"
#include "sim/sim_process.hpp"
#include <bench/child.hpp>
#include <bench/command_line.hpp>
#include <bench/interleave.hpp>
#include <bench/proc.hpp>
#include <bench/report.hpp>
#include <bench/run_frame.hpp>

#include <test_common/process.hpp>
#include <test_common/run_command.hpp>
#include <test_common/temp_dir.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#ifndef FLEETSH_BINARY
#error "FLEETSH_BINARY (the fleetsh executable's path) must be defined by the build"
#endif
#ifndef COLLECT_BENCH_LAUNCHER
#error "COLLECT_BENCH_LAUNCHER (collect_bench_launch's path) must be defined by the build"
#endif

namespace {

using namespace std::chrono_literals;
using namespace bench;
using namespace collect_bench;

// ---------------------------------------------------------------------------------------------
// Command line

struct config {
    int devices = 500;
    int baseline_devices = 0; // 0: as many as devices
    int concurrency = 100;
    int repeat = 3;
    int timeout = 300;
    bool quick = false;
};

constexpr std::string_view usage_text =
    "usage: collect_bench [--devices N] [--baseline-devices M] [--concurrency C] [--repeat R]\n"
    "                     [--timeout S] [--quick]\n"
    "  --devices N           simulated devices fleetsh collects from (default 500)\n"
    "  --baseline-devices M  devices the ssh baseline collects from, the first M (default N);\n"
    "                        with fewer, compare the per-device figures\n"
    "  --concurrency C       devices at once, for both (default 100)\n"
    "  --repeat R            runs of each, interleaved (default 3)\n"
    "  --timeout S           longest a client run may take; longer is killed and fails the\n"
    "                        bench (default 300)\n"
    "  --quick               smoke run: devices 40, baseline devices 20, concurrency 10,\n"
    "                        repeat 1\n"
    "Needs OpenSSH's ssh and ssh-keygen in PATH. Traffic stays on 127.0.0.1.\n";

config parse_args(int argc, char** argv) {
    const command_line line(argc, argv, "collect_bench", usage_text);
    config cfg;
    // --quick sets the defaults; explicit flags override them wherever they appear.
    if (line.has("--quick")) {
        cfg.quick = true;
        cfg.devices = 40;
        cfg.baseline_devices = 20;
        cfg.concurrency = 10;
        cfg.repeat = 1;
    }
    line.for_each_value({"--quick"}, [&](std::string_view flag, std::string_view value) {
        if (flag == "--devices")
            cfg.devices = line.count(flag, value, 1, 20'000);
        else if (flag == "--baseline-devices")
            cfg.baseline_devices = line.count(flag, value, 1, 20'000);
        else if (flag == "--concurrency")
            cfg.concurrency = line.count(flag, value, 1, 1000);
        else if (flag == "--repeat")
            cfg.repeat = line.count(flag, value, 1, 100);
        else if (flag == "--timeout")
            cfg.timeout = line.count(flag, value, 10, 3600);
        else
            return false;
        return true;
    });
    if (cfg.baseline_devices == 0 ||
        (cfg.quick && cfg.baseline_devices > cfg.devices && !line.has("--baseline-devices")))
        cfg.baseline_devices = cfg.devices;
    if (cfg.baseline_devices > cfg.devices)
        line.fail("--baseline-devices " + std::to_string(cfg.baseline_devices) +
                  " wants at least as many devices, not " + std::to_string(cfg.devices));
    return cfg;
}

// ---------------------------------------------------------------------------------------------
// The lab

// The demo's fleet: Cisco IOS and Arista EOS.
constexpr std::string_view mix = "cisco_ios=70,arista_eos=30";
const std::vector<std::string> commands = {"show version", "show ip interface brief",
                                           "show running-config"};
constexpr std::string_view kex = "curve25519-sha256";
constexpr std::string_view cipher = "aes128-gcm@openssh.com";

// The simulator's inventory with the key instead of its password: fleetsh can then only log in
// with the key. (`fleetsh collect -o IdentityFile=` is accepted but not used, and an inventory
// host needs a password or a key anyway.)
std::filesystem::path key_inventory(const std::filesystem::path& sim_inventory,
                                    const std::filesystem::path& key,
                                    const std::filesystem::path& out) {
    auto text = test_common::read_file(sim_inventory);
    const std::string password_line = "\n  password: \"admin\"\n";
    const auto at = text.find(password_line);
    if (!text.starts_with("# fleetsh inventory") || at == std::string::npos ||
        text.find(password_line, at + 1) != std::string::npos ||
        text.rfind("\ndefaults:\n", at) == std::string::npos || text.find("\ngroups:\n") < at)
        throw std::runtime_error("the simulator's inventory " + sim_inventory.string() +
                                 " is not as expected (one `  password: \"admin\"` line in its "
                                 "defaults); cannot give it the key");
    text.replace(at, password_line.size(), "\n  key: \"" + key.string() + "\"\n");
    test_common::write_file(out, text);
    return out;
}

struct lab {
    const config& cfg;
    const test_common::temp_dir& work;
    const launcher& launch;
    const sim_bench::sim_process& sim;
    const sim_bench::server& server; // the simulator's CPU and connections
    std::filesystem::path inventory; // with the key
    std::filesystem::path key;
    std::filesystem::path ssh;
};

collect_settings fleetsh_settings(const lab& l, const std::string& run,
                                  std::vector<std::string> extra = {}) {
    std::vector<std::string> options = {"-o", "KexAlgorithms=" + std::string(kex), "-o",
                                        "Ciphers=" + std::string(cipher)};
    options.insert(options.end(), extra.begin(), extra.end());
    return {.fleetsh = FLEETSH_BINARY,
            .inventory = l.inventory,
            .commands = commands,
            .concurrency = l.cfg.concurrency,
            .options = std::move(options),
            .out = l.work / ("fleetsh-" + run),
            .log = l.work / ("fleetsh-" + run + ".log")};
}

// What a shell script user types, less their ~/.ssh/config and agent.
ssh_batch_settings ssh_settings(const lab& l, const std::string& run, std::size_t devices) {
    std::vector<std::string> options = {"-F", "/dev/null", "-T", "-i", l.key.string()};
    for (const auto* o : {"IdentitiesOnly=yes", "IdentityAgent=none", "BatchMode=yes",
                          "GlobalKnownHostsFile=/dev/null", "StrictHostKeyChecking=yes",
                          "UpdateHostKeys=no", "ConnectTimeout=30", "LogLevel=ERROR"})
        options.insert(options.end(), {"-o", o});
    options.insert(options.end(),
                   {"-o", "UserKnownHostsFile=" + l.sim.known_hosts_path().string(), "-o",
                    "KexAlgorithms=" + std::string(kex), "-o", "Ciphers=" + std::string(cipher)});
    const auto& ports = l.sim.ports();
    return {.ssh = l.ssh,
            .options = std::move(options),
            .user = "admin",
            .host = "127.0.0.1",
            .ports = {ports.begin(), ports.begin() + static_cast<std::ptrdiff_t>(devices)},
            .commands = commands,
            .concurrency = l.cfg.concurrency,
            .out_dir = l.work / ("ssh-" + run)};
}

[[noreturn]] void ssh_failed(const std::vector<std::string>& failures, std::size_t processes) {
    std::string text = "ssh baseline: " + std::to_string(failures.size()) + " of " +
                       std::to_string(processes) + " ssh processes failed:";
    for (std::size_t i = 0; i < failures.size() && i < 5; ++i)
        text += "\n  " + failures[i];
    throw std::runtime_error(text);
}

// The text less its lines that tell the device's uptime ("uptime is 3 weeks, 2 days, ..."):
// the simulated clock moves on between the runs compared.
std::string without_uptime(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        end = end == std::string::npos ? text.size() : end + 1;
        const std::string_view line(text.data() + start, end - start);
        if (line.find("uptime") == std::string_view::npos &&
            line.find("Uptime") == std::string_view::npos)
            out += line;
        start = end;
    }
    return out;
}

// Where two outputs part: the line number and both versions of that line.
std::string first_difference(const std::string& ssh, const std::string& fleetsh) {
    std::size_t at = 0, line = 1, line_start = 0;
    for (; at < ssh.size() && at < fleetsh.size() && ssh[at] == fleetsh[at]; ++at)
        if (ssh[at] == '\n') {
            ++line;
            line_start = at + 1;
        }
    // The prefix is common, so the line starts at the same place in both.
    const auto line_of = [&](const std::string& text) {
        const auto end = std::min(text.find('\n', line_start), text.size());
        return "'" + text.substr(line_start, std::min<std::size_t>(end - line_start, 100)) + "'";
    };
    return "line " + std::to_string(line) + ": ssh " + line_of(ssh) + " (" +
           std::to_string(ssh.size()) + " bytes), fleetsh " + line_of(fleetsh) + " (" +
           std::to_string(fleetsh.size()) + " bytes)";
}

// Every ssh output of the batch against what fleetsh collected from the same device and
// command (uptime lines aside); throws on the first few differences.
void compare_outputs(const ssh_batch_settings& s, const collect_result& reference) {
    std::vector<std::string> differences;
    std::size_t compared = 0;
    for (std::size_t d = 0; d < s.ports.size(); ++d) {
        const auto it = reference.by_port.find(s.ports[d]);
        if (it == reference.by_port.end()) {
            differences.push_back("port " + std::to_string(s.ports[d]) +
                                  ": not in fleetsh's summary");
            continue;
        }
        for (std::size_t c = 0; c < s.commands.size(); ++c) {
            ++compared;
            const auto mine = without_uptime(test_common::read_file(ssh_output(s, d, c)));
            const auto theirs = without_uptime(test_common::read_file(it->second.files.at(c)));
            if (mine != theirs)
                differences.push_back(it->second.name + " '" + s.commands[c] +
                                      "': " + first_difference(mine, theirs));
        }
    }
    if (differences.empty())
        return;
    std::string text = "outputs differ: " + std::to_string(differences.size()) + " of " +
                       std::to_string(compared) + " ssh outputs are not what fleetsh collected:";
    for (std::size_t i = 0; i < differences.size() && i < 5; ++i)
        text += "\n  " + differences[i];
    throw std::runtime_error(text);
}

// Before anything is measured: one device each way, so that a login problem shows at once.
void check_both(const lab& l) {
    const auto port = std::to_string(l.sim.ports().front());
    const auto r = run_fleetsh_collect(
        l.launch, fleetsh_settings(l, "check", {"--filter", "port=" + port}), 1);
    const auto s = ssh_settings(l, "check", 1);
    const auto b = run_ssh_batch(l.launch, s);
    if (!b.failures.empty())
        ssh_failed(b.failures, b.processes);
    compare_outputs(s, r);
    l.server.settle("the check runs");
}

// ---------------------------------------------------------------------------------------------
// The runs

struct figures {
    series wall_s, client_cpu_s, sim_cpu_s;                  // totals
    series wall_ms, client_cpu_ms, sim_cpu_ms, total_cpu_ms; // per device
    std::vector<double> fleetsh_rss_mib, ssh_max_rss_mib, ssh_median_rss_mib;
    std::vector<double> bytes_fleetsh, bytes_ssh, ssh_processes;
    // Not counted as ssh's: the launchers' CPU, and this process's, during the ssh batches.
    std::vector<double> launchers_cpu_s, bench_cpu_s;
};

struct runner {
    const lab& l;
    figures& f;
    std::optional<collect_result> reference{}; // the first fleetsh run's outputs
    int fleetsh_runs = 0, ssh_runs = 0;

    void fleetsh() {
        const auto n = static_cast<double>(l.cfg.devices);
        const auto run = std::to_string(++fleetsh_runs);
        const auto settings = fleetsh_settings(l, run);
        const double sim_before = l.server.cpu_ms();
        auto r = run_fleetsh_collect(l.launch, settings, static_cast<std::size_t>(l.cfg.devices));
        l.server.settle("fleetsh collect");
        const double sim_ms = l.server.cpu_ms() - sim_before;
        f.wall_s.fleetsh.push_back(r.usage.wall_s);
        f.client_cpu_s.fleetsh.push_back(r.usage.cpu_ms / 1000);
        f.sim_cpu_s.fleetsh.push_back(sim_ms / 1000);
        f.wall_ms.fleetsh.push_back(r.usage.wall_s * 1000 / n);
        f.client_cpu_ms.fleetsh.push_back(r.usage.cpu_ms / n);
        f.sim_cpu_ms.fleetsh.push_back(sim_ms / n);
        f.total_cpu_ms.fleetsh.push_back((r.usage.cpu_ms + sim_ms) / n);
        f.fleetsh_rss_mib.push_back(r.usage.max_rss_kib / 1024);
        f.bytes_fleetsh.push_back(static_cast<double>(r.output_bytes));
        if (!reference)
            reference = std::move(r);
        else
            std::filesystem::remove_all(settings.out);
    }

    void ssh() {
        const auto m = static_cast<std::size_t>(l.cfg.baseline_devices);
        const auto settings = ssh_settings(l, std::to_string(++ssh_runs), m);
        const double sim_before = l.server.cpu_ms();
        const double self_before = self_cpu_ms();
        const auto b = run_ssh_batch(l.launch, settings);
        const double self_ms = self_cpu_ms() - self_before;
        l.server.settle("the ssh processes");
        const double sim_ms = l.server.cpu_ms() - sim_before;
        if (!b.failures.empty())
            ssh_failed(b.failures, b.processes);
        if (reference)
            compare_outputs(settings, *reference);
        const auto dm = static_cast<double>(m);
        f.wall_s.openssh.push_back(b.wall_s);
        f.client_cpu_s.openssh.push_back(b.cpu_ms / 1000);
        f.sim_cpu_s.openssh.push_back(sim_ms / 1000);
        f.wall_ms.openssh.push_back(b.wall_s * 1000 / dm);
        f.client_cpu_ms.openssh.push_back(b.cpu_ms / dm);
        f.sim_cpu_ms.openssh.push_back(sim_ms / dm);
        f.total_cpu_ms.openssh.push_back((b.cpu_ms + sim_ms) / dm);
        const auto rss = summarize(b.max_rss_kib);
        f.ssh_max_rss_mib.push_back(rss.max / 1024);
        f.ssh_median_rss_mib.push_back(rss.median / 1024);
        f.bytes_ssh.push_back(static_cast<double>(b.output_bytes));
        f.ssh_processes.push_back(static_cast<double>(b.processes));
        f.launchers_cpu_s.push_back(b.launchers_cpu_ms / 1000);
        f.bench_cpu_s.push_back(self_ms / 1000);
        std::filesystem::remove_all(settings.out_dir);
    }
};

constexpr std::size_t label_width = 40, column_width = 24;

void print_single(const std::string& label, const std::vector<double>& values, bool ssh_side) {
    const table t{.label_width = label_width, .column_width = column_width};
    t.print_values(std::cout, label, ssh_side ? series{{}, values} : series{values, {}});
}

void print_figures(const config& cfg, const figures& f, double seconds_taken) {
    const auto n = std::to_string(cfg.devices), m = std::to_string(cfg.baseline_devices);
    const table t{.fleetsh_heading = "fleetsh collect",
                  .openssh_heading = "ssh, 3 per device",
                  .label_width = label_width,
                  .column_width = column_width};
    std::cout << "collecting " << commands.size() << " commands: fleetsh from N=" << n
              << " devices, ssh from M=" << m << ", C=" << cfg.concurrency << " at once ["
              << number(seconds_taken) << " s]\n";
    t.print_header(std::cout);
    std::cout << "totals (fleetsh N devices, ssh M devices)\n";
    t.print_values(std::cout, "  wall s", f.wall_s);
    t.print_values(std::cout, "  client CPU s (user+sys)", f.client_cpu_s);
    t.print_values(std::cout, "  simulator CPU s", f.sim_cpu_s);
    std::cout << "per device (ratio = ssh / fleetsh)\n";
    t.print_row(std::cout, "  wall ms/device", f.wall_ms, better::lower, "faster");
    t.print_row(std::cout, "  client CPU ms/device", f.client_cpu_ms, better::lower, "less CPU");
    t.print_row(std::cout, "  simulator CPU ms/device", f.sim_cpu_ms, better::lower, "less CPU");
    t.print_row(std::cout, "  client+simulator CPU ms/device", f.total_cpu_ms, better::lower,
                "less CPU");
    std::cout << "peak RSS (ru_maxrss)\n";
    print_single("  fleetsh collect, the process MiB", f.fleetsh_rss_mib, false);
    print_single("  ssh, largest single process MiB", f.ssh_max_rss_mib, true);
    print_single("  ssh, median single process MiB", f.ssh_median_rss_mib, true);
    const int at_once = std::min(cfg.concurrency, cfg.baseline_devices);
    std::vector<double> together;
    for (const auto v : f.ssh_median_rss_mib)
        together.push_back(v * at_once);
    print_single("  ssh, median x " + std::to_string(at_once) + " at once MiB (est.)", together,
                 true);
    std::cout << "per run\n";
    t.print_values(std::cout, "  output bytes", {f.bytes_fleetsh, f.bytes_ssh});
    print_single("  ssh processes", f.ssh_processes, true);
    print_single("  not counted: launchers' CPU s", f.launchers_cpu_s, true);
    print_single("  not counted: this bench's CPU s", f.bench_cpu_s, true);
    std::cout << "\n";
}

int run(const config& cfg) {
    const auto started = clk::now();
    std::signal(SIGPIPE, SIG_IGN);
    const auto nofile = raise_open_file_limit(65536);
    if (nofile < static_cast<rlim_t>(4 * cfg.concurrency + 64))
        note("open-file limit " + std::to_string(nofile) + " may be too low for --concurrency " +
             std::to_string(cfg.concurrency));

    test_common::temp_dir work("fleetsh-collect-bench-");
    const auto ssh = test_common::find_program("ssh");
    const auto key = work / "id_ed25519";
    const std::vector<std::string> keygen = {test_common::find_program("ssh-keygen").string(),
                                             "-q",
                                             "-t",
                                             "ed25519",
                                             "-N",
                                             "",
                                             "-C",
                                             "collect_bench",
                                             "-f",
                                             key.string()};
    if (const auto r = test_common::run_command(keygen); r.exit_code != 0)
        throw std::runtime_error("cannot make a key: " + test_common::describe(keygen, r));

    // The clients' environment: no agent, no password or passphrase from ours.
    const launcher launch(COLLECT_BENCH_LAUNCHER, std::chrono::seconds(cfg.timeout),
                          environment_without({"SSH_AUTH_SOCK", "SSH_AGENT_PID", "FLEETSH_PASSWORD",
                                               "FLEETSH_PASSPHRASE"}));
    // The floor under every peak RSS below: what the smallest program shows when launched so.
    const auto floor = launch.run(
        {.argv = {test_common::find_program("true").string()}, .report = work / "floor.rusage"});

    // Should this bench die without stopping it, the simulator stops itself after this.
    const auto sim_bound = std::chrono::seconds(cfg.timeout) * (2 * cfg.repeat + 4);
    sim_bench::sim_process sim({.binary = FLEETSH_BINARY,
                                .dir = work / "sim",
                                .devices = static_cast<std::size_t>(cfg.devices),
                                .mix = std::string(mix),
                                .authorized_keys = key.string() + ".pub",
                                .duration = sim_bound});
    const auto server = sim_bench::sim_server(sim, key);
    const lab l{.cfg = cfg,
                .work = work,
                .launch = launch,
                .sim = sim,
                .server = server,
                .inventory =
                    key_inventory(work / "sim" / "inventory.yaml", key, work / "inventory.yaml"),
                .key = key,
                .ssh = ssh};
    check_both(l);

    std::cout << "collect_bench: `fleetsh collect` vs OpenSSH's ssh run by a shell script, on "
                 "127.0.0.1 (issue 5)\n"
              << "  fleetsh:     " << FLEETSH_BINARY << "\n"
              << "               collect --concurrency " << cfg.concurrency
              << ", one process (engine threads: one per CPU)\n"
              << "  baseline:    " << openssh_version() << ": one ssh process per device and "
              << "command,\n"
              << "               a device's commands one after another, " << cfg.concurrency
              << " devices at once (a pool kept by this bench)\n"
              << "  simulator:   " << sim.summary() << "\n"
              << "               its own process (ready in " << number(sim.startup_s()) << " s)\n"
              << "  both:        ed25519 key (publickey only: fleetsh's inventory is the "
                 "simulator's with key: for password:),\n"
              << "               strict known_hosts, " << kex << ", " << cipher << "\n"
              << "  commands:    ";
    for (std::size_t i = 0; i < commands.size(); ++i)
        std::cout << (i ? "; " : "") << commands[i];
    std::cout << "\n"
              << "  runs:        N=" << cfg.devices
              << " devices for fleetsh, M=" << cfg.baseline_devices
              << " for ssh (the first M), C=" << cfg.concurrency << ", R=" << cfg.repeat
              << " repeats" << (cfg.quick ? " (--quick)" : "") << "\n"
              << method_lines("fleetsh and ssh")
              << "  measured:    each client process started by collect_bench_launch, which "
                 "reaps it with wait4():\n"
              << "               wall (steady clock), CPU ru_utime + ru_stime (ssh: summed over "
                 "its processes),\n"
              << "               peak RSS ru_maxrss (floor: `true` launched the same way shows "
              << number(floor.max_rss_kib / 1024) << " MiB);\n"
              << "               simulator CPU: /proc/PID/stat utime + stime over the run, "
                 "until it has closed every connection\n"
              << "  checked:     fleetsh exit 0, summary.json N ok; each ssh exit 0 with output, "
                 "equal to fleetsh's\n"
              << machine_line() << "\n"
              << std::flush;

    // On a busy machine the wall times measure the sharing of CPUs as much as the clients:
    // C ssh processes get more of them, next to other load, than fleetsh's few threads do.
    const auto cpus = std::thread::hardware_concurrency();
    if (std::strtod(load_average().c_str(), nullptr) > cpus)
        note("busy machine (load average " + load_average() + " on " + std::to_string(cpus) +
             " CPUs at the start): the wall figures say more about the sharing of the CPUs, "
             "where " +
             std::to_string(cfg.concurrency) + " ssh processes outweigh fleetsh's " +
             std::to_string(cpus) + " threads, than the CPU figures do");

    figures f;
    runner r{.l = l, .f = f};
    const auto t0 = clk::now();
    interleave(
        cfg.repeat, "collect", [&] { r.fleetsh(); }, [&] { r.ssh(); });
    print_figures(cfg, f, seconds(clk::now() - t0));

    const auto sim_end = sim.stop();
    std::cout << "the simulator (" << sim_end << "): " << sim.stop_summary() << "\n\n";
    if (sim_end != "exit 0")
        note("the simulator did not exit 0 on SIGTERM: " + sim_end);
    if (cfg.baseline_devices != cfg.devices)
        note("ssh collected from " + std::to_string(cfg.baseline_devices) +
             " devices and fleetsh "
             "from " +
             std::to_string(cfg.devices) + ": compare the per-device figures");
    print_run_end(std::cout, started);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const config cfg = parse_args(argc, argv);
    return run_reporting_errors("collect_bench", [&] { return run(cfg); });
}
