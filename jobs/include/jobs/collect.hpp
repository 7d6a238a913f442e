// The collection job: every target's commands through engine::run_device_session under the
// fleet runner's limits and retries, each output written to the results store as it
// arrives, summary.json kept current (at most once a second, and at the end).
//
//   auto outcome = jobs::run_collect(targets, options, runner);
//   // outcome.exit_code: 0 all devices succeeded, 1 some failed, 130 interrupted
//
// A failing device never stops the others. A retried device (transient failure) starts its
// folder afresh, so no file of a failed attempt is left next to the retry's.
#pragma once

#include <engine/device_session.hpp>
#include <engine/fleet_runner.hpp>
#include <jobs/results_store.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace jobs {

struct collect_target {
    std::string name;
    std::string address;
    std::uint16_t port = 22;
    std::string platform;
    engine::device_plan plan;
};

struct collect_options {
    std::filesystem::path out = "results";
    std::string run_id; // empty: make_run_id(now)
    // <device>/session.log: what was sent and received, secrets masked, written as it happens.
    bool session_log = false;
    // Called when a device's first attempt starts, with its name, from the thread running it.
    std::function<void(const std::string&)> on_start;
    // Called once per device as it finishes, from the thread that ran it (--json, progress).
    std::function<void(const device_record&)> on_device;
};

struct collect_outcome {
    int exit_code = 0;
    run_summary summary;
    std::filesystem::path run_folder;
    std::optional<write_error> error; // the results could not be written (exit code 2)
};

collect_outcome run_collect(const std::vector<collect_target>& targets,
                            const collect_options& options, engine::fleet_runner& runner);

} // namespace jobs
