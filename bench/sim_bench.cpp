// sim_bench: what the device simulator (`fleetsh sim`, fleetsh's SSH server role) costs, next
// to OpenSSH's sshd (a throwaway one from the test fixture) doing the same work. Everything
// runs on 127.0.0.1; the clients are fleetsh's own (ssh::asio::client) in this process, with
// curve25519-sha256, ssh-ed25519 host keys, aes128-gcm@openssh.com and an ed25519 user key
// (publickey) against both servers.
//
// Measured, each R times (default 5), simulator and sshd interleaved, order alternating:
//   1. idle memory per device: VmRSS of a simulator serving 10 devices and of one serving D
//      (default 1000; a mix of the four platforms, ed25519 host keys), each idle once it
//      serves: (RSS(D) - RSS(10)) / (D - 10). Fresh simulators every repeat.
//   2. idle memory per authenticated connection (no channel), K (default 100) held at once:
//      the growth of 1.'s D-device simulator (after two warm-up handshakes) / K, to K distinct
//      devices; sshd: the private memory (smaps_rollup Private_Clean + Private_Dirty) of one
//      session's processes (the listener's child and its own children), median over the K.
//   3. handshakes: N (default 400) times connect + publickey auth + close, C (default 16) at a
//      time, on one more D-device simulator (spread over its devices) and on the sshd:
//      handshakes/s, and the server's CPU per handshake from /proc/PID/stat (utime + stime;
//      for sshd also cutime + cstime, its per-connection processes once reaped).
// Figures are median [min-max] of the R repeats, ratios those of the R adjacent pairs.
//
// Run as root (the fixture's sshd authenticates as the user running it):
//     build/bench/sim_bench [--devices D] [--idle K] [--handshakes N] [--concurrency C]
//                           [--repeat R] [--quick]

#include "sim/measurements.hpp"
#include "sim/servers.hpp"
#include "sim/sim_process.hpp"
#include <bench/command_line.hpp>
#include <bench/interleave.hpp>
#include <bench/proc.hpp>
#include <bench/report.hpp>
#include <bench/run_frame.hpp>

#include <test_common/sshd_fixture.hpp>
#include <test_common/temp_dir.hpp>
#include <test_common/test_keys.hpp>

#include <chrono>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#ifndef FLEETSH_BINARY
#error "FLEETSH_BINARY (the fleetsh executable's path) must be defined by the build"
#endif

namespace {

using namespace std::chrono_literals;
using namespace bench;
using namespace sim_bench;
using test_common::sshd_fixture;

// ---------------------------------------------------------------------------------------------
// Command line

struct config {
    int devices = 1000;
    int small_devices = 10;
    int idle = 100;
    int handshakes = 400;
    int concurrency = 16;
    int repeat = 5;
    bool quick = false;
};

constexpr std::string_view usage_text =
    "usage: sim_bench [--devices D] [--idle K] [--handshakes N] [--concurrency C] [--repeat R]\n"
    "                 [--quick]\n"
    "  --devices D      devices of the large simulator (default 1000; the small one has 10)\n"
    "  --idle K         idle authenticated connections held for the memory figure (default "
    "100)\n"
    "  --handshakes N   connect + auth + close per batch (default 400)\n"
    "  --concurrency C  handshakes at a time (default 16)\n"
    "  --repeat R       repeats of the connection and handshake measurements (default 5)\n"
    "  --quick          smoke run: devices 200, idle 20, handshakes 40, repeat 2\n"
    "Needs root (or the sshd fixture's user) and sshd in PATH. Traffic stays on 127.0.0.1.\n";

config parse_args(int argc, char** argv) {
    const command_line line(argc, argv, "sim_bench", usage_text);
    config cfg;
    // --quick sets the defaults; explicit flags override them wherever they appear.
    if (line.has("--quick")) {
        cfg.quick = true;
        cfg.devices = 200;
        cfg.idle = 20;
        cfg.handshakes = 40;
        cfg.repeat = 2;
    }
    line.for_each_value({"--quick"}, [&](std::string_view flag, std::string_view value) {
        if (flag == "--devices")
            cfg.devices = line.count(flag, value, cfg.small_devices + 1, 20'000);
        else if (flag == "--idle")
            cfg.idle = line.count(flag, value, 1, 5000);
        else if (flag == "--handshakes")
            cfg.handshakes = line.count(flag, value, 1, 100'000);
        else if (flag == "--concurrency")
            cfg.concurrency = line.count(flag, value, 1, 500);
        else if (flag == "--repeat")
            cfg.repeat = line.count(flag, value, 1, 1000);
        else
            return false;
        return true;
    });
    if (cfg.idle > cfg.devices)
        line.fail("--idle " + std::to_string(cfg.idle) + " wants at least as many devices, not " +
                  std::to_string(cfg.devices));
    return cfg;
}

// ---------------------------------------------------------------------------------------------
// Running it

constexpr std::string_view mix = "cisco_ios=60,arista_eos=20,juniper_junos=10,linux=10";

// What every phase needs: the configuration, the sshd, the key the clients log in with, and
// the simulators started so far.
struct lab {
    const config& cfg;
    const test_common::temp_dir& work;
    const sshd_fixture& sshd;
    std::filesystem::path client_key;      // ed25519, accepted by both servers
    std::filesystem::path authorized_keys; // its public half alone, for the simulators
    int sims_started = 0;
    std::vector<std::string> sim_ends{}; // how each stopped simulator ended

    std::unique_ptr<sim_process> start_sim(int devices) {
        return std::make_unique<sim_process>(sim_bench::sim_launch{
            .binary = FLEETSH_BINARY,
            .dir = work / ("sim-" + std::to_string(++sims_started) + "-" + std::to_string(devices)),
            .devices = static_cast<std::size_t>(devices),
            .mix = std::string(mix),
            .authorized_keys = authorized_keys});
    }
    void stop_sim(sim_process& sim) { sim_ends.push_back(sim.stop()); }
};

// The simulator's side of one memory repeat: fresh simulators, so that no repeat reuses heap
// an earlier one freed.
struct sim_memory {
    double rss_small = 0, anon_small = 0; // idle, cfg.small_devices devices
    double rss_large = 0, anon_large = 0; // idle, cfg.devices devices
    double startup_large = 0;
    idle_result per_connection;
};

sim_memory measure_sim_memory(lab& l) {
    sim_memory out;
    {
        const auto small = l.start_sim(l.cfg.small_devices);
        out.rss_small = idle_rss(small->pid());
        out.anon_small = proc_status_bytes(small->pid(), "RssAnon").value_or(0);
        l.stop_sim(*small);
    }
    const auto large = l.start_sim(l.cfg.devices);
    out.startup_large = large->startup_s();
    out.rss_large = idle_rss(large->pid());
    out.anon_large = proc_status_bytes(large->pid(), "RssAnon").value_or(0);
    // Two handshakes first, so that the code and buffers every connection uses are in place
    // and not counted against the K connections.
    const server sim = sim_server(*large, l.client_key);
    handshakes(sim, 2, 1, static_cast<std::size_t>(l.cfg.devices - 2));
    out.per_connection = sim_idle(sim, l.cfg.idle, l.cfg.concurrency);
    l.stop_sim(*large);
    return out;
}

constexpr std::size_t label_width = 44, column_width = 24;

// A row with one side's figure only: the simulator's, or sshd's (the first column then blank).
void print_single(const std::string& label, const std::vector<double>& values, bool sshd_column) {
    std::cout << pad(label, label_width) << (sshd_column ? pad("", column_width) : "")
              << pad(figure(summarize(values)), column_width) << "\n";
}

// Sections 1 and 2.
void memory_phase(lab& l, const server& sshd, const table& figures) {
    const auto& cfg = l.cfg;
    const auto t0 = clk::now();
    std::vector<double> rss_small, rss_large, per_device, per_device_anon, startup;
    series conn_rss, conn_private;
    std::vector<double> sshd_pss, sshd_vmrss, sshd_processes;
    const auto spread = static_cast<double>(cfg.devices - cfg.small_devices);
    interleave(
        cfg.repeat, "idle memory",
        [&] {
            const auto m = measure_sim_memory(l);
            rss_small.push_back(m.rss_small / (1024 * 1024));
            rss_large.push_back(m.rss_large / (1024 * 1024));
            per_device.push_back((m.rss_large - m.rss_small) / spread / 1024);
            per_device_anon.push_back((m.anon_large - m.anon_small) / spread / 1024);
            startup.push_back(m.startup_large);
            conn_rss.fleetsh.push_back(m.per_connection.rss / 1024);
            conn_private.fleetsh.push_back(m.per_connection.private_mem / 1024);
        },
        [&] {
            const auto r = sshd_idle(sshd, cfg.idle, cfg.concurrency);
            conn_rss.openssh.push_back(r.private_mem / 1024);
            conn_private.openssh.push_back(r.private_mem / 1024);
            sshd_pss.push_back(r.pss / 1024);
            sshd_vmrss.push_back(r.vm_rss_per_process / 1024);
            sshd_processes.push_back(r.processes);
        });
    const auto small = std::to_string(cfg.small_devices), large = std::to_string(cfg.devices);
    std::cout << "1. idle memory of the simulator, no connection: VmRSS once it serves (a fresh "
                 "pair of simulators\n"
              << "   each repeat) [" << number(seconds(clk::now() - t0)) << " s for 1. and 2.]\n";
    print_single("   " + small + " devices: VmRSS MiB", rss_small, false);
    print_single("   " + large + " devices: VmRSS MiB", rss_large, false);
    print_single("   per device KiB: (RSS(" + large + ")-RSS(" + small + "))/" +
                     std::to_string(cfg.devices - cfg.small_devices),
                 per_device, false);
    print_single("   per device KiB, RssAnon only", per_device_anon, false);
    print_single("   " + large + " devices: ready in s", startup, false);
    std::cout << "\n"
              << "2. idle memory per authenticated connection (no channel), K=" << cfg.idle
              << " held at once\n"
              << "   sim:  growth of the fresh " << large
              << "-device simulator of 1. / K (K distinct "
              << "devices), after 2 warm-up\n"
              << "         handshakes: VmRSS, and smaps_rollup Private_Clean + Private_Dirty\n"
              << "   sshd: one session's processes (the listener's child and its children), "
                 "Private_Clean + Private_Dirty,\n"
              << "         median over the K sessions\n";
    figures.print_header(std::cout);
    figures.print_row(std::cout, "sim RSS KiB/conn vs sshd private", conn_rss, better::lower,
                      "less memory");
    figures.print_row(std::cout, "sim private KiB/conn vs sshd private", conn_private,
                      better::lower, "less memory");
    print_single("  sshd Pss KiB/session", sshd_pss, true);
    print_single("  sshd processes/session", sshd_processes, true);
    print_single("  sshd VmRSS KiB/process (shared too)", sshd_vmrss, true);
    std::cout << "\n" << std::flush;
}

// Section 3.
void handshake_phase(const lab& l, const server& sim, const server& sshd, const table& figures) {
    const auto& cfg = l.cfg;
    const int n = cfg.handshakes;
    const auto t0 = clk::now();
    series rate, server_cpu, client_cpu;
    std::size_t first_device = 0;
    interleave(
        cfg.repeat, "handshakes",
        [&] {
            const auto r = handshakes(sim, n, cfg.concurrency, first_device);
            first_device += static_cast<std::size_t>(n);
            rate.fleetsh.push_back(n / r.wall_s);
            server_cpu.fleetsh.push_back(r.server_cpu_ms / n);
            client_cpu.fleetsh.push_back(r.client_cpu_ms / n);
        },
        [&] {
            const auto r = handshakes(sshd, n, cfg.concurrency, 0);
            rate.openssh.push_back(n / r.wall_s);
            server_cpu.openssh.push_back(r.server_cpu_ms / n);
            client_cpu.openssh.push_back(r.client_cpu_ms / n);
        });
    std::cout << "3. handshakes: connect, ed25519 publickey auth, close; N=" << n
              << " per batch, C=" << cfg.concurrency << " at a time ["
              << number(seconds(clk::now() - t0)) << " s]\n"
              << "   sim: spread over its " << cfg.devices << " devices. Server CPU from "
              << "/proc/PID/stat over the batch (10 ms ticks):\n"
              << "   sim utime+stime; sshd utime+stime+cutime+cstime (its per-connection "
                 "processes, once reaped).\n"
              << "   Client CPU: this process. Client and servers share the "
              << std::thread::hardware_concurrency() << " CPUs.\n";
    figures.print_header(std::cout);
    figures.print_row(std::cout, "handshakes/s", rate, better::higher, "faster");
    figures.print_row(std::cout, "  server CPU ms/handshake", server_cpu, better::lower,
                      "less CPU");
    figures.print_row(std::cout, "  client CPU ms/handshake", client_cpu, better::lower,
                      "less CPU");
    std::cout << "\n" << std::flush;
    if (summarize(server_cpu.fleetsh).median >= summarize(server_cpu.openssh).median)
        note("the simulator used as much CPU per handshake as sshd, or more");
}

// sshd sends DEBUG messages (authorized_keys options) once a client is authenticated; a
// client that closes at once makes that write fail. Anything else it logged is worth a look.
void note_sshd_log(const std::string& log) {
    std::string other;
    std::size_t broken_pipe = 0, start = 0;
    while (start < log.size()) {
        auto end = log.find('\n', start);
        if (end == std::string::npos)
            end = log.size();
        const auto line = log.substr(start, end - start);
        start = end + 1;
        if (line.find("send DEBUG: Broken pipe") != std::string::npos)
            ++broken_pipe;
        else if (line.find_first_not_of(' ') != std::string::npos)
            other += line + "\n";
    }
    if (broken_pipe > 0)
        note("sshd logged \"send DEBUG: Broken pipe\" " + std::to_string(broken_pipe) +
             " times: the DEBUG messages it sends after authentication found the client gone "
             "(connect + close)");
    if (!other.empty())
        note("the sshd logged errors; its last lines:\n" + tail(other, 10));
}

int run(const config& cfg) {
    const auto started = clk::now();
    prepare_run("sim_bench");
    const auto nofile = raise_open_file_limit(65536);
    if (nofile < static_cast<rlim_t>(cfg.idle + cfg.concurrency + 64))
        note("open-file limit " + std::to_string(nofile) + " may be too low for --idle " +
             std::to_string(cfg.idle));

    test_common::temp_dir work("fleetsh-sim-bench-");
    const sshd_fixture sshd_fixture_{bench_sshd_options()};
    // Only the key the clients use: an RSA key in --authorized-keys alone grows the
    // simulator's heap by more than a MiB, which would hide the per-device figure.
    const auto& key = test_common::cached_client_key(test_common::key_type::ed25519);
    lab l{.cfg = cfg,
          .work = work,
          .sshd = sshd_fixture_,
          .client_key = key.private_key,
          .authorized_keys = work / "authorized_keys"};
    test_common::write_file(l.authorized_keys, key.public_line + "\n");
    const auto ssh_version = openssh_version();

    // The simulator for the handshakes; both servers answer, with the algorithms asked for,
    // before anything is measured.
    const auto handshake_sim = l.start_sim(cfg.devices);
    const server sim = sim_server(*handshake_sim, l.client_key);
    const server sshd = sshd_server(sshd_fixture_);
    std::string sim_algorithms, sshd_algorithms;
    for (const auto* s : {&sim, &sshd}) {
        std::string error;
        const auto a = probe(*s, error);
        if (!a)
            give_up("fleetsh's client cannot log in to " + s->name + ": " + error, {s});
        (s == &sim ? sim_algorithms : sshd_algorithms) =
            a->kex + ", " + a->host_key + ", " + a->cipher_c2s;
    }
    const auto sshd_log_before = sshd_fixture_.log().size();

    std::cout << "sim_bench: `fleetsh sim` (fleetsh's SSH server role) vs OpenSSH's sshd, on "
                 "127.0.0.1\n"
              << "  simulator:   " << FLEETSH_BINARY << "\n"
              << "               " << handshake_sim->summary() << "\n"
              << "  sshd:        the test fixture's, " << ssh_version << " (ssh -V)\n"
              << "  negotiated:  sim: " << sim_algorithms << "; sshd: " << sshd_algorithms << "\n"
              << "               fleetsh's client in this process, ed25519 user key (publickey)\n"
              << "  runs:        devices D=" << cfg.devices << " (and " << cfg.small_devices
              << "), idle connections K=" << cfg.idle << ", handshakes N=" << cfg.handshakes
              << ", C=" << cfg.concurrency << ", R=" << cfg.repeat << " repeats"
              << (cfg.quick ? " (--quick)" : "") << "\n"
              << method_lines("sim and sshd") << machine_line() << "\n"
              << std::flush;

    const table figures{.fleetsh_heading = "fleetsh sim",
                        .openssh_heading = "OpenSSH sshd",
                        .label_width = label_width,
                        .column_width = column_width};
    memory_phase(l, sshd, figures);
    handshake_phase(l, sim, sshd, figures);

    // The handshake simulator's own account of what it served.
    l.stop_sim(*handshake_sim);
    std::cout << "the handshake simulator (" << l.sim_ends.back()
              << "): " << handshake_sim->stop_summary() << "\n  (this bench opened "
              << 1 + cfg.repeat * cfg.handshakes << " connections to it)\n\n";
    for (const auto& end : l.sim_ends)
        if (end != "exit 0")
            note("a simulator did not exit 0 on SIGTERM: " + end);

    note_sshd_log(sshd_log_since(sshd_fixture_, sshd_log_before));
    print_run_end(std::cout, started);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const config cfg = parse_args(argc, argv);
    return run_reporting_errors("sim_bench", [&] { return run(cfg); });
}
