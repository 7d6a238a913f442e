#include <engine/classify.hpp>
#include <engine/device_error.hpp>
#include <engine/log.hpp>
#include <jobs/collect.hpp>

#include <fstream>
#include <mutex>

namespace jobs {
namespace {

using wall = std::chrono::system_clock;

// What every device thread shares: the store and the summary, behind one lock.
struct shared_results {
    std::mutex mutex;
    results_store store;
    run_summary summary;
    wall::time_point last_summary{};
    std::optional<write_error> error;

    void keep_error(std::optional<write_error> e) {
        if (e && !error)
            error = std::move(e);
    }
    // At most once a second while running: a large fleet must not rewrite it per device.
    void write_summary(bool force) {
        const auto now = wall::now();
        if (!force && now - last_summary < std::chrono::seconds(1))
            return;
        last_summary = now;
        keep_error(store.write_summary(summary));
    }
};

device_status status_of(const engine::device_done& d, bool stopping) {
    if (!d.error)
        return device_status::ok;
    const auto kind = engine::classify(d.error);
    return kind == engine::device_errc::interrupted || (stopping && d.attempts == 0)
               ? device_status::interrupted
               : device_status::failed;
}

// The device's session log (a retry starts the folder afresh, so it holds the last attempt;
// fleetsh.log says why earlier ones failed); nullptr, with a warning in the log, when the file
// cannot be opened: a missing session log must not fail the device.
std::unique_ptr<engine::session_log>
open_session_log(shared_results& shared, const collect_target& target, unsigned attempt) {
    std::filesystem::path file;
    {
        std::lock_guard lock(shared.mutex);
        file = shared.store.device_folder(target.name);
    }
    std::error_code ec;
    std::filesystem::create_directories(file, ec);
    file /= "session.log";
    auto out = std::make_shared<std::ofstream>(file, std::ios::trunc | std::ios::binary);
    if (ec || !*out) {
        engine::logger().warn("{}: cannot write {}", target.name, file.string());
        return nullptr;
    }
    std::vector<std::string> secrets;
    if (target.plan.connection.password)
        secrets.push_back(*target.plan.connection.password);
    if (target.plan.enable_secret)
        secrets.push_back(*target.plan.enable_secret);
    auto log = std::make_unique<engine::session_log>(
        [out](std::string_view bytes) {
            out->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            out->flush(); // a hung device's log must show what came before the hang
        },
        std::move(secrets));
    log->event("fleetsh session log of " + target.name + ", attempt " + std::to_string(attempt));
    return log;
}

} // namespace

collect_outcome run_collect(const std::vector<collect_target>& targets,
                            const collect_options& options, engine::fleet_runner& runner) {
    collect_outcome outcome;
    const auto started = wall::now();
    auto opened = results_store::open(options.out, options.run_id.empty() ? make_run_id(started)
                                                                          : options.run_id);
    if (auto* e = std::get_if<write_error>(&opened)) {
        outcome.exit_code = 2;
        outcome.error = *e;
        return outcome;
    }
    shared_results shared{{}, std::move(std::get<results_store>(opened)), {}, {}, {}};
    shared.summary.run_id = shared.store.run_folder().filename().string();
    shared.summary.started = started;
    std::vector<std::string> platforms;
    for (const auto& t : targets) {
        device_record r;
        r.name = t.name;
        r.address = t.address;
        r.port = t.port;
        r.platform = t.platform;
        r.status = device_status::interrupted; // until it ends
        shared.summary.devices.push_back(std::move(r));
        platforms.push_back(t.platform);
    }
    {
        std::lock_guard lock(shared.mutex);
        shared.write_summary(true);
        shared.keep_error(shared.store.point_latest());
    }
    // A device's record is only written under the lock: the summary reads them all.
    runner.run(
        platforms,
        [&](std::size_t i, unsigned attempt) -> boost::asio::awaitable<boost::system::error_code> {
            const auto& target = targets[i];
            if (attempt > 1) {
                std::lock_guard lock(shared.mutex);
                shared.store.reset_device(target.name);
                shared.summary.devices[i].commands.clear();
            }
            engine::logger().debug("{}: attempt {} starts", target.name, attempt);
            if (attempt == 1 && options.on_start)
                options.on_start(target.name);
            auto log = options.session_log ? open_session_log(shared, target, attempt) : nullptr;
            auto report = co_await engine::run_device_session(
                target.plan,
                [&](const engine::command_result& r) {
                    std::lock_guard lock(shared.mutex);
                    auto written = shared.store.write_output(target.name, r.command, r.output,
                                                             r.complete, r.duration);
                    if (auto* e = std::get_if<write_error>(&written))
                        shared.keep_error(*e);
                    else
                        shared.summary.devices[i].commands.push_back(
                            std::get<command_record>(written));
                },
                log.get());
            std::lock_guard lock(shared.mutex);
            auto& record = shared.summary.devices[i];
            record.timings_ms = report.timings_ms;
            record.error_message = report.message;
            // A transient failure may be retried: say why this attempt ended. Other failures
            // end the device and are logged once, below.
            if (report.error && engine::is_transient(engine::classify(report.error)))
                engine::logger().info("{}: attempt {} ended: {}: {}", target.name, attempt,
                                      engine::error_class_name(engine::classify(report.error)),
                                      report.message);
            co_return report.error;
        },
        [&](const engine::device_done& d) {
            std::lock_guard lock(shared.mutex);
            auto& record = shared.summary.devices[d.device];
            record.status = status_of(d, runner.stop_requested());
            record.error_class =
                d.error ? std::string(engine::error_class_name(engine::classify(d.error)))
                        : std::string();
            if (!d.error)
                record.error_message.clear();
            else if (record.error_message.empty())
                record.error_message = d.error.message();
            if (record.status == device_status::ok)
                engine::logger().info("{}: ok, {} commands, {} bytes", record.name,
                                      record.commands.size(), record.bytes());
            else
                engine::logger().warn("{}: {} {}: {}", record.name, status_name(record.status),
                                      record.error_class, record.error_message);
            if (options.on_device)
                options.on_device(record);
            shared.write_summary(false);
        });

    std::lock_guard lock(shared.mutex);
    shared.summary.finished = wall::now();
    shared.summary.interrupted = runner.stop_requested();
    shared.write_summary(true);
    outcome.summary = shared.summary;
    outcome.run_folder = shared.store.run_folder();
    outcome.error = shared.error;
    bool all_ok = true;
    for (const auto& d : outcome.summary.devices)
        all_ok = all_ok && d.status == device_status::ok;
    outcome.exit_code = outcome.summary.interrupted ? 130 : outcome.error ? 2 : all_ok ? 0 : 1;
    return outcome;
}

} // namespace jobs
