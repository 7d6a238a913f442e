#pragma once

#include <CLI/CLI.hpp>

namespace app {

// `fleetsh run JOB.yaml [--json] [--log-level L]`: runs the job a job file describes
// (jobs/job_file.hpp), exactly as the matching command (`fleetsh collect`) would.
void add_run_command(CLI::App& root, int& exit_code);

} // namespace app
