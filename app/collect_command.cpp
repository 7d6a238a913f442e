#include "collect_command.hpp"

#include "collect_targets.hpp"
#include <unistd.h>

#include <inventory/filter.hpp>
#include <inventory/load.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <fmt/core.h>

#include <fstream>
#include <mutex>
#include <thread>

namespace app {
namespace {

namespace net = boost::asio;

struct collect_args {
    std::string inventory;
    std::vector<std::string> filters;
    std::vector<std::string> commands;
    std::string commands_file;
    std::string out = "results";
    std::size_t concurrency = 256;
    bool json = false;
    std::vector<std::string> options;
    std::string drivers;
    unsigned command_timeout = 0;
    unsigned grace = 10;
};

constexpr int usage_error = 2;

bool read_commands_file(const std::string& path, std::vector<std::string>& commands) {
    std::ifstream in(path);
    if (!in) {
        fmt::print(stderr, "fleetsh collect: cannot read {}\n", path);
        return false;
    }
    std::string line;
    for (int n = 0; n < 10'000 && std::getline(in, line); ++n)
        if (!line.empty() && line.front() != '#')
            commands.push_back(line);
    return true;
}

// Progress: one line rewritten in place on a terminal; on anything else, a line per device.
class progress {
public:
    progress(std::size_t total, bool json)
        : total_(total)
        , json_(json)
        , terminal_(::isatty(STDERR_FILENO) == 1)
        , start_(std::chrono::steady_clock::now()) {}

    void device_done(const jobs::device_record& d) {
        std::lock_guard lock(mutex_);
        ++done_;
        failed_ += d.status == jobs::device_status::ok ? 0 : 1;
        if (json_)
            fmt::print("{}", jobs::device_json_line(d));
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0;
        const double eta = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
        if (terminal_)
            fmt::print(stderr, "\r{}/{} done, {} failed, {:.1f}/s, ETA {:.0f}s   ", done_, total_,
                       failed_, rate, eta);
        else if (d.status != jobs::device_status::ok)
            fmt::print(stderr, "{}: {} {}: {}\n", d.name, jobs::status_name(d.status),
                       d.error_class, d.error_message);
        if (terminal_ && done_ == total_)
            fmt::print(stderr, "\n");
        std::fflush(stderr);
    }

private:
    std::mutex mutex_;
    std::size_t total_, done_ = 0, failed_ = 0;
    bool json_, terminal_;
    std::chrono::steady_clock::time_point start_;
};

int run_collect_command(collect_args& a) {
    if (!a.commands_file.empty() && !read_commands_file(a.commands_file, a.commands))
        return usage_error;
    if (a.commands.empty()) {
        fmt::print(stderr, "fleetsh collect: no command: give -c COMMAND or --commands-file\n");
        return usage_error;
    }
    std::vector<inventory::host_filter> filters;
    for (const auto& expr : a.filters) {
        auto parsed = inventory::parse_filter(expr);
        if (auto* e = std::get_if<inventory::filter_error>(&parsed)) {
            fmt::print(stderr, "fleetsh collect: {}\n", e->message);
            return usage_error;
        }
        filters.push_back(std::get<inventory::host_filter>(std::move(parsed)));
    }
    engine::driver_registry drivers = engine::driver_registry::shipped();
    if (!a.drivers.empty()) {
        const auto problems = drivers.load_folder(a.drivers);
        for (const auto& p : problems)
            fmt::print(stderr, "{}\n", p.to_string());
        if (!problems.empty())
            return usage_error;
    }
    inventory::load_options lo;
    lo.known_platforms = drivers.names();
    auto loaded = inventory::load_inventory(a.inventory, lo);
    if (auto* errors = std::get_if<inventory::error_list>(&loaded)) {
        for (const auto& e : *errors)
            fmt::print(stderr, "{}\n", e.text());
        return usage_error;
    }
    target_settings settings{a.commands, a.options, std::nullopt};
    if (a.command_timeout)
        settings.command_timeout = std::chrono::seconds(a.command_timeout);
    std::vector<jobs::collect_target> targets;
    verifier_cache verifiers;
    bool bad = false;
    for (const auto& host : std::get<inventory::host_list>(loaded)) {
        if (!inventory::matches_all(host, filters))
            continue;
        auto t = make_target(host, drivers, settings, verifiers);
        if (auto* message = std::get_if<std::string>(&t)) {
            fmt::print(stderr, "fleetsh collect: {}\n", *message);
            bad = true;
        } else {
            targets.push_back(std::get<jobs::collect_target>(std::move(t)));
        }
    }
    if (bad)
        return usage_error;
    if (targets.empty()) {
        fmt::print(stderr, "fleetsh collect: no host matches\n");
        return usage_error;
    }

    engine::run_limits limits;
    limits.concurrency = std::max<std::size_t>(a.concurrency, 1);
    engine::fleet_runner runner{limits, engine::retry_policy{}};
    // SIGINT / SIGTERM: start no new device, give running ones the grace period.
    net::io_context signal_io(1);
    net::signal_set signals(signal_io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code ec, int) {
        if (!ec) {
            fmt::print(stderr,
                       "\nfleetsh collect: stopping: no new devices; running ones have "
                       "{} s\n",
                       a.grace);
            runner.request_stop(std::chrono::seconds(a.grace));
        }
    });
    std::thread signal_thread([&] { signal_io.run(); });

    progress shown(targets.size(), a.json);
    jobs::collect_options options;
    options.out = a.out;
    options.on_device = [&](const jobs::device_record& d) { shown.device_done(d); };
    const auto outcome = jobs::run_collect(targets, options, runner);
    signals.cancel();
    signal_thread.join();

    if (outcome.error)
        fmt::print(stderr, "fleetsh collect: {}\n", outcome.error->message);
    std::size_t ok = 0;
    for (const auto& d : outcome.summary.devices)
        ok += d.status == jobs::device_status::ok ? 1 : 0;
    fmt::print(stderr, "fleetsh collect: {} devices, {} ok, {} not; results in {} (summary.json)\n",
               outcome.summary.devices.size(), ok, outcome.summary.devices.size() - ok,
               outcome.run_folder.string());
    return outcome.exit_code;
}

} // namespace

void add_collect_command(CLI::App& root, int& exit_code) {
    auto args = std::make_shared<collect_args>();
    auto* cmd = root.add_subcommand(
        "collect", "Collect the output of commands from every selected device of an inventory");
    cmd->add_option("-i,--inventory", args->inventory,
                    "An inventory file, or a Nornir SimpleInventory folder")
        ->required();
    cmd->add_option("--filter", args->filters, "FIELD=PATTERN; several filters AND together")
        ->allow_extra_args(false);
    cmd->add_option("-c,--command", args->commands, "A command to run (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--commands-file", args->commands_file, "Commands, one per line");
    cmd->add_option("--out", args->out, "Results folder")->capture_default_str();
    cmd->add_option("--concurrency", args->concurrency, "Devices at once")->capture_default_str();
    cmd->add_flag("--json", args->json, "Print one JSON line per device on standard output");
    cmd->add_option("-o", args->options,
                    "OpenSSH option for every device, e.g. -o StrictHostKeyChecking=accept-new")
        ->allow_extra_args(false);
    cmd->add_option("--drivers", args->drivers, "A folder of platform driver files (*.yaml)");
    cmd->add_option("--command-timeout", args->command_timeout,
                    "Seconds each command may take (default: the inventory's, else 60)");
    cmd->add_option("--grace", args->grace, "Seconds running devices get after Ctrl-C")
        ->capture_default_str();
    cmd->footer("Exit status: 0 every device succeeded, 1 some failed, 2 usage or inventory "
                "error, 130 interrupted.");
    cmd->callback([args, &exit_code] { exit_code = run_collect_command(*args); });
}

} // namespace app
