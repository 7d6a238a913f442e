#pragma once

#include <CLI/CLI.hpp>

namespace app {

// `fleetsh bench (-i INVENTORY | --sim N) [-w sessions,commands,channels,bulk]
// [--concurrency 1,10,100] [--json] [--html report.html]`: sessions per second, commands per
// second, latency per phase, errors by class, client CPU per session and peak RSS.
void add_bench_command(CLI::App& root, int& exit_code);

} // namespace app
