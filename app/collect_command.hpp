#pragma once

#include <jobs/job_file.hpp>

#include <CLI/CLI.hpp>
#include <spdlog/common.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace app {

// `fleetsh collect -i INVENTORY [--filter EXPR]... -c COMMAND... [--commands-file F]
// [--out DIR] [--concurrency N] [--json] [-o Option=value]...`: the output of show commands
// from every selected device, written to DIR/<run-id>/ as it arrives.
void add_collect_command(CLI::App& root, int& exit_code);

// The collection job itself, for `fleetsh collect` and `fleetsh run`: validates everything,
// runs every device, prints progress and the summary line; `who` prefixes messages. Returns
// the exit status (0 all ok, 1 some failed, 2 usage or inventory error, 130 interrupted).
int run_collect_job(jobs::collect_job job, std::string_view who,
                    spdlog::level::level_enum log_level);

// Options shared by the commands that run jobs.
void add_log_level_option(CLI::App* cmd, spdlog::level::level_enum& level);
void add_duration_option(CLI::App* cmd, const std::string& name,
                         std::optional<std::chrono::milliseconds>& out,
                         const std::string& description);

inline constexpr const char* collect_exit_status =
    "Exit status: 0 every device succeeded, 1 some failed, 2 usage, inventory or job file "
    "error, 130 interrupted.";

} // namespace app
