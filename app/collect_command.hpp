#pragma once

#include <CLI/CLI.hpp>

namespace app {

// `fleetsh collect -i INVENTORY [--filter EXPR]... -c COMMAND... [--commands-file F]
// [--out DIR] [--concurrency N] [--json] [-o Option=value]...`: the output of show commands
// from every selected device, written to DIR/<run-id>/ as it arrives.
void add_collect_command(CLI::App& root, int& exit_code);

} // namespace app
