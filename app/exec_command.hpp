#pragma once

#include <CLI/CLI.hpp>

namespace app {

// `fleetsh exec [-p PORT] [-i KEY]... [-o Option=value]... [user@]host COMMAND...`: one
// command on one host, for a person to try by hand, with ssh's option names and exit codes.
void add_exec_command(CLI::App& root, int& exit_code);

} // namespace app
