#include "bench_command.hpp"

#include "bench_report.hpp"
#include "collect_command.hpp"
#include "collect_targets.hpp"
#include "sim_process.hpp"

#include <jobs/atomic_file.hpp>
#include <jobs/bench.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iterator>
#include <map>
#include <memory>

namespace app {
namespace {

struct bench_args {
    std::string inventory;
    std::vector<std::string> filters;
    std::vector<std::size_t> sim_devices; // a list sweeps the fleet's size
    std::string sim_mix = "cisco_ios=60,arista_eos=20,juniper_junos=10,linux=10";
    std::string sim_faults;
    std::vector<std::string> workloads = {"sessions"}; // names CLI11 checked
    std::vector<std::size_t> concurrency = {100};
    std::string command;
    std::optional<std::string> bulk_command; // none: default_bulk_command, on linux devices
    std::size_t commands_per_connection = 20;
    std::size_t channels_per_connection = 10;
    std::size_t idle_sessions_per_device = 1;
    unsigned threads = 0;
    std::optional<std::chrono::milliseconds> command_timeout;
    std::vector<std::string> options;
    bool json = false;
    std::string html;
};

constexpr int usage_error = 2;

constexpr std::string_view default_bulk_command = "head -c 67108864 /dev/zero";

// -w's names; CLI11 checks them and says which ones there are.
std::map<std::string, jobs::bench_workload> workload_names() {
    std::map<std::string, jobs::bench_workload> names;
    for (auto w :
         {jobs::bench_workload::sessions, jobs::bench_workload::commands,
          jobs::bench_workload::channels, jobs::bench_workload::bulk, jobs::bench_workload::idle})
        names.emplace(jobs::workload_name(w), w);
    return names;
}

// The command a workload runs on a target: --command, else one every platform has.
std::string default_command(const jobs::collect_target& t) {
    return t.platform == "linux" ? "uname -a" : "show version";
}

std::string utc_now() {
    const auto now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string phase_cell(const jobs::bench_result& r, const std::string& phase) {
    const auto it = r.phases.find(phase);
    return it == r.phases.end() ? "-"
                                : fmt::format("{:.1f}/{:.1f}/{:.1f}", it->second.p50,
                                              it->second.p99, it->second.max);
}

void print_table(const jobs::bench_run& run) {
    fmt::print("{}\n\n", run.target_description);
    fmt::print("{:<9} {:>5} {:>7} {:>6} {:>10} {:>8} {:>7} {:>8} {:>8} {:>7}  {}\n", "workload",
               "conc", "devices", "failed", "rate/s", "MB/s", "wall s", "CPU s", "CPU ms/d",
               "RSS MiB", "ms p50/p99/max: kex | auth | complete");
    for (const auto& r : run.results) {
        fmt::print("{:<9} {:>5} {:>7} {:>6} {:>10.1f} {:>8.1f} {:>7.2f} {:>8.2f} {:>8.2f} {:>7.1f}"
                   "  {} | {} | {}\n",
                   jobs::workload_name(r.workload), r.concurrency, r.devices, r.failed, r.rate,
                   r.megabytes_per_second, r.wall_seconds, r.cpu_seconds, r.cpu_ms_per_session,
                   static_cast<double>(r.peak_rss_kib) / 1024.0, phase_cell(r, "kex"),
                   phase_cell(r, "auth"), phase_cell(r, "complete"));
        if (r.workload == jobs::bench_workload::idle)
            fmt::print("{:<9} {:>5} {} sessions open at once: RSS {:.1f} -> {:.1f} MiB, {:.1f} KiB "
                       "per idle session\n",
                       "", "", r.idle_sessions, static_cast<double>(r.rss_before_kib) / 1024.0,
                       static_cast<double>(r.rss_idle_kib) / 1024.0, r.kib_per_idle_session);
        for (const auto& [error_class, n] : r.errors)
            fmt::print("{:<9} {:>5} {} devices: {}\n", "", "", n, error_class);
    }
}

// The bulk workload's devices: all of them for --bulk-command; else the linux ones, as the
// default command (head -c N /dev/zero) is a Linux one. nullopt, said on stderr, when none is.
std::optional<std::vector<jobs::collect_target>>
bulk_targets(const bench_args& a, const std::vector<jobs::collect_target>& targets) {
    if (a.bulk_command)
        return targets;
    std::vector<jobs::collect_target> chosen;
    std::copy_if(targets.begin(), targets.end(), std::back_inserter(chosen),
                 [](const jobs::collect_target& t) { return t.platform == "linux"; });
    if (chosen.empty()) {
        fmt::print(stderr,
                   "fleetsh bench: bulk: none of the {} devices is linux, where the default bulk "
                   "command ({}) runs: add some (--sim-mix linux=1, for one) or give "
                   "--bulk-command\n",
                   targets.size(), default_bulk_command);
        return std::nullopt;
    }
    fmt::print(stderr,
               "fleetsh bench: bulk: {} of {} devices (the linux ones; --bulk-command runs "
               "another command on all)\n",
               chosen.size(), targets.size());
    return chosen;
}

// Every workload at every concurrency against the inventory's devices, appended to `run`;
// how many devices the inventory selected, or nullopt when it cannot be used (the problems
// are printed).
std::optional<std::size_t> measure(const bench_args& a,
                                   const std::vector<jobs::bench_workload>& workloads,
                                   const std::string& inventory, jobs::bench_run& run) {
    engine::driver_registry drivers = engine::driver_registry::shipped();
    // The commands are set per workload below; the settings need one to build the plans.
    auto loaded = load_targets(
        {inventory, a.filters, {}, target_settings{{"-"}, a.options, a.command_timeout, {}}},
        drivers, "fleetsh bench");
    if (!loaded)
        return std::nullopt;
    auto& targets = *loaded;
    std::vector<jobs::collect_target> bulk; // checked before any workload runs
    if (std::find(workloads.begin(), workloads.end(), jobs::bench_workload::bulk) !=
        workloads.end()) {
        auto chosen = bulk_targets(a, targets);
        if (!chosen)
            return std::nullopt;
        bulk = std::move(*chosen);
        for (auto& t : bulk)
            t.plan.commands = {a.bulk_command.value_or(std::string(default_bulk_command))};
    }
    for (const auto workload : workloads) {
        const bool is_bulk = workload == jobs::bench_workload::bulk;
        if (!is_bulk)
            for (auto& t : targets)
                t.plan.commands = {a.command.empty() ? default_command(t) : a.command};
        const auto& measured = is_bulk ? bulk : targets;
        for (const auto concurrency : a.concurrency) {
            jobs::bench_settings s;
            s.workload = workload;
            s.concurrency = std::max<std::size_t>(concurrency, 1);
            s.threads = a.threads;
            s.commands_per_connection = std::max<std::size_t>(a.commands_per_connection, 1);
            s.channels_per_connection = std::max<std::size_t>(a.channels_per_connection, 1);
            s.idle_sessions_per_device = std::max<std::size_t>(a.idle_sessions_per_device, 1);
            if (a.command_timeout)
                s.timeout = *a.command_timeout;
            fmt::print(stderr, "fleetsh bench: {} at concurrency {} over {} devices...\n",
                       jobs::workload_name(workload), s.concurrency, measured.size());
            run.results.push_back(jobs::run_bench(measured, s));
        }
    }
    return targets.size();
}

int run_bench_command(const bench_args& a) {
    if (a.inventory.empty() == a.sim_devices.empty()) {
        fmt::print(stderr, "fleetsh bench: give either -i INVENTORY or --sim N\n");
        return usage_error;
    }
    std::vector<jobs::bench_workload> workloads;
    for (const auto& name : a.workloads)
        workloads.push_back(workload_names().at(name));
    jobs::bench_run run{{}, utc_now(), {}};
    if (a.sim_devices.empty()) {
        const auto devices = measure(a, workloads, a.inventory, run);
        if (!devices)
            return usage_error;
        run.target_description = fmt::format("inventory {} ({} devices)", a.inventory, *devices);
    }
    // A fleet-size sweep: one simulator after the other, each stopped before the next starts.
    for (const auto size : a.sim_devices) {
        std::vector<std::string> sim_args = {"--devices", std::to_string(size), "--mix",
                                             a.sim_mix,   "--host-key-types",   "ed25519"};
        if (!a.sim_faults.empty())
            sim_args.insert(sim_args.end(), {"--faults", a.sim_faults});
        const auto sim = sim_process::start(sim_args);
        if (!sim)
            return 1;
        if (!measure(a, workloads, sim->inventory().string(), run))
            return usage_error;
    }
    if (!a.sim_devices.empty()) {
        std::string sizes;
        for (const auto size : a.sim_devices)
            sizes += (sizes.empty() ? "" : ", ") + std::to_string(size);
        run.target_description =
            fmt::format("simulated fleet{} of {} devices ({}{}), the simulator in its own process",
                        a.sim_devices.size() > 1 ? "s" : "", sizes, a.sim_mix,
                        a.sim_faults.empty() ? "" : "; faults " + a.sim_faults);
    }
    if (a.json)
        fmt::print("{}", jobs::bench_json(run));
    else
        print_table(run);
    if (!a.html.empty()) {
        if (auto e = jobs::write_file_atomically(a.html, bench_html(run))) {
            fmt::print(stderr, "fleetsh bench: {}\n", e->message);
            return 1;
        }
        fmt::print(stderr, "fleetsh bench: report in {}\n", a.html);
    }
    bool all_ok = true;
    for (const auto& r : run.results)
        all_ok = all_ok && r.failed == 0;
    return all_ok ? 0 : 1;
}

} // namespace

void add_bench_command(CLI::App& root, int& exit_code) {
    auto a = std::make_shared<bench_args>();
    auto* cmd = root.add_subcommand(
        "bench", "Measure concurrent SSH session throughput against an inventory or a "
                 "simulated fleet");
    cmd->add_option("-i,--inventory", a->inventory, "The devices to measure against");
    cmd->add_option("--filter", a->filters, "FIELD=PATTERN; several filters AND together")
        ->allow_extra_args(false);
    cmd->add_option("--sim", a->sim_devices,
                    "Start a simulated fleet of N devices in a child process and measure against "
                    "it; a list (100,1000) sweeps the fleet's size")
        ->delimiter(',');
    cmd->add_option("--sim-mix", a->sim_mix, "The simulated fleet's platforms")
        ->capture_default_str();
    cmd->add_option("--sim-faults", a->sim_faults, "Faults for the simulated fleet (fleetsh sim)");
    cmd->add_option("-w,--workload", a->workloads,
                    "The workloads to run, comma-separated or repeated (default sessions)")
        ->delimiter(',')
        ->check(CLI::IsMember(workload_names()));
    cmd->add_option("--concurrency", a->concurrency,
                    "Devices at once; a list sweeps, e.g. 1,10,100,1000")
        ->delimiter(',')
        ->capture_default_str();
    cmd->add_option("-c,--command", a->command,
                    "The command each workload runs (default: show version; uname -a on linux)");
    cmd->add_option("--bulk-command", a->bulk_command,
                    "The bulk workload's command, run on every device (default: " +
                        std::string(default_bulk_command) + ", on the linux devices only)");
    cmd->add_option("--commands-per-connection", a->commands_per_connection,
                    "The commands workload's commands, one after another")
        ->capture_default_str();
    cmd->add_option("--channels-per-connection", a->channels_per_connection,
                    "The channels workload's commands, all at once")
        ->capture_default_str();
    cmd->add_option("--idle-sessions-per-device", a->idle_sessions_per_device,
                    "The idle workload's sessions to each device, all open at once")
        ->capture_default_str();
    cmd->add_option("--threads", a->threads, "Client threads (default: one per core)");
    add_duration_option(cmd, "--command-timeout", a->command_timeout,
                        "Each command's deadline (default 30s)");
    cmd->add_option("-o", a->options, "OpenSSH option for every device")->allow_extra_args(false);
    cmd->add_flag("--json", a->json, "Print every figure and sample as JSON");
    cmd->add_option("--html", a->html, "Write a self-contained HTML report to this file");
    cmd->footer("Exit status: 0 every session succeeded, 1 some failed, 2 usage error.");
    cmd->callback([a, &exit_code] { exit_code = run_bench_command(*a); });
}

} // namespace app
