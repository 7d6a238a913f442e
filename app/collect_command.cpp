#include "collect_command.hpp"

#include "collect_targets.hpp"
#include "progress_line.hpp"

#include <engine/log.hpp>
#include <inventory/yaml_walk.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <fmt/core.h>
#include <spdlog/sinks/basic_file_sink.h>

#include <charconv>
#include <map>
#include <mutex>
#include <thread>

namespace app {
namespace {

namespace net = boost::asio;

constexpr int usage_error = 2;

// "cisco_ios=20" → platform_limits["cisco_ios"] = 20.
bool parse_platform_limit(std::string_view text, std::map<std::string, std::size_t>& out) {
    const auto eq = text.find('=');
    if (eq == 0 || eq == std::string_view::npos)
        return false;
    std::size_t n = 0;
    const auto digits = text.substr(eq + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc{} || end != digits.data() + digits.size() || n == 0)
        return false;
    out[std::string(text.substr(0, eq))] = n;
    return true;
}

// fleetsh.log in the run folder: what happened to each device and why, at `level`.
void start_run_log(const std::filesystem::path& file, spdlog::level::level_enum level) {
    try {
        auto log = spdlog::basic_logger_mt("fleetsh-run", file.string());
        log->set_level(level);
        log->flush_on(spdlog::level::warn);
        log->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
        engine::set_logger(std::move(log));
    } catch (const spdlog::spdlog_ex& e) {
        fmt::print(stderr, "fleetsh: cannot write the run log {}: {}\n", file.string(), e.what());
    }
}

} // namespace

int run_collect_job(jobs::collect_job a, std::string_view who,
                    spdlog::level::level_enum log_level) {
    if (!a.commands_file.empty()) {
        auto read = jobs::read_commands_file(a.commands_file);
        if (auto* e = std::get_if<std::string>(&read)) {
            fmt::print(stderr, "{}: {}\n", who, *e);
            return usage_error;
        }
        auto& more = std::get<std::vector<std::string>>(read);
        a.commands.insert(a.commands.end(), more.begin(), more.end());
    }
    if (a.commands.empty()) {
        fmt::print(stderr, "{}: no command: give -c COMMAND or --commands-file\n", who);
        return usage_error;
    }
    engine::driver_registry drivers = engine::driver_registry::shipped();
    auto loaded =
        load_targets({a.inventory, a.filters, a.drivers,
                      target_settings{a.commands, a.options, a.command_timeout, a.device_timeout}},
                     drivers, who);
    if (!loaded)
        return usage_error;
    auto& targets = *loaded;
    for (const auto& [platform, limit] : a.platform_limits)
        if (!drivers.find(platform))
            fmt::print(stderr, "{}: warning: platform limit for unknown platform \"{}\"\n", who,
                       platform);

    engine::run_limits limits;
    limits.concurrency = std::max<std::size_t>(a.concurrency, 1);
    limits.per_platform = a.platform_limits;
    engine::retry_policy retries;
    retries.attempts = std::max(a.attempts, 1u);
    engine::fleet_runner runner{limits, retries};
    // SIGINT / SIGTERM: start no new device, give running ones the grace period.
    net::io_context signal_io(1);
    net::signal_set signals(signal_io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code ec, int) {
        if (!ec) {
            fmt::print(stderr, "\n{}: stopping: no new devices; running ones have {} ms\n", who,
                       a.grace.count());
            engine::logger().warn("interrupted: no new devices; running ones have {} ms",
                                  a.grace.count());
            runner.request_stop(a.grace);
        }
    });
    progress_line shown(targets.size(), a.json);
    net::steady_timer redraw(signal_io);
    std::function<void()> every_second = [&] {
        redraw.expires_after(std::chrono::seconds(1));
        redraw.async_wait([&](boost::system::error_code ec) {
            if (ec)
                return;
            shown.tick();
            every_second();
        });
    };
    every_second();
    std::thread signal_thread([&] { signal_io.run(); });

    jobs::collect_options options;
    options.out = a.out;
    options.run_id = jobs::make_run_id(std::chrono::system_clock::now());
    options.session_log = a.session_log;
    options.on_start = [&](const std::string&) { shown.device_started(); };
    options.on_device = [&](const jobs::device_record& d) { shown.device_done(d); };
    start_run_log(a.out / options.run_id / "fleetsh.log", log_level);
    engine::logger().info("{} devices, {} commands each, concurrency {}", targets.size(),
                          a.commands.size(), limits.concurrency);
    const auto outcome = jobs::run_collect(targets, options, runner);
    net::post(signal_io, [&] {
        signals.cancel();
        redraw.cancel();
    });
    signal_thread.join();
    shown.finish();

    if (outcome.error)
        fmt::print(stderr, "{}: {}\n", who, outcome.error->message);
    std::size_t ok = 0;
    for (const auto& d : outcome.summary.devices)
        ok += d.status == jobs::device_status::ok ? 1 : 0;
    engine::logger().info("finished: {} devices, {} ok, exit status {}",
                          outcome.summary.devices.size(), ok, outcome.exit_code);
    engine::set_logger(nullptr);
    fmt::print(stderr, "{}: {} devices, {} ok, {} not; results in {} (summary.json)\n", who,
               outcome.summary.devices.size(), ok, outcome.summary.devices.size() - ok,
               outcome.run_folder.string());
    return outcome.exit_code;
}

namespace {

struct collect_flags {
    std::vector<std::string> platform_limits; // "platform=N"
    unsigned grace = 10;
    spdlog::level::level_enum log_level = spdlog::level::info;
};

} // namespace

void add_log_level_option(CLI::App* cmd, spdlog::level::level_enum& level) {
    cmd->add_option_function<std::string>(
           "--log-level",
           [&level](const std::string& name) { level = spdlog::level::from_str(name); },
           "What fleetsh.log in the run folder records: debug, info (default), warn, error, off")
        ->check(CLI::IsMember({"debug", "info", "warn", "error", "off"}))
        ->type_name("LEVEL");
}

void add_duration_option(CLI::App* cmd, const std::string& name,
                         std::optional<std::chrono::milliseconds>& out,
                         const std::string& description) {
    cmd->add_option_function<std::string>(
           name,
           [&out, name](const std::string& text) {
               out = inventory::parse_duration(text);
               if (!out)
                   throw CLI::ValidationError(name, "\"" + text +
                                                        "\" is not a duration such as 30, 30s, "
                                                        "500ms or 5m");
           },
           description)
        ->type_name("DURATION");
}

void add_collect_command(CLI::App& root, int& exit_code) {
    auto args = std::make_shared<jobs::collect_job>();
    auto flags = std::make_shared<collect_flags>();
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
    cmd->add_option("--platform-limit", flags->platform_limits,
                    "PLATFORM=N: at most N devices of a platform at once (repeatable)")
        ->allow_extra_args(false);
    cmd->add_flag("--json", args->json, "Print one JSON line per device on standard output");
    cmd->add_option("-o", args->options,
                    "OpenSSH option for every device, e.g. -o StrictHostKeyChecking=accept-new")
        ->allow_extra_args(false);
    cmd->add_option("--drivers", args->drivers, "A folder of platform driver files (*.yaml)");
    add_duration_option(cmd, "--command-timeout", args->command_timeout,
                        "Each command's deadline (default: the inventory's, else 60s)");
    add_duration_option(cmd, "--device-timeout", args->device_timeout,
                        "Each device's whole-session deadline (default: the inventory's, else "
                        "none)");
    cmd->add_option("--grace", flags->grace, "Seconds running devices get after Ctrl-C")
        ->capture_default_str();
    cmd->add_option("--attempts", args->attempts,
                    "Tries for a transient failure (refused, timed out, reset)")
        ->capture_default_str()
        ->check(CLI::Range(1u, 10u));
    cmd->add_flag("--session-log", args->session_log,
                  "Write <device>/session.log: what was sent and received, secrets masked");
    add_log_level_option(cmd, flags->log_level);
    cmd->footer(collect_exit_status);
    cmd->callback([args, flags, &exit_code] {
        for (const auto& limit : flags->platform_limits)
            if (!parse_platform_limit(limit, args->platform_limits)) {
                fmt::print(stderr, "fleetsh collect: --platform-limit {}: expected PLATFORM=N\n",
                           limit);
                exit_code = usage_error;
                return;
            }
        args->grace = std::chrono::seconds(flags->grace);
        exit_code = run_collect_job(*args, "fleetsh collect", flags->log_level);
    });
}

} // namespace app
