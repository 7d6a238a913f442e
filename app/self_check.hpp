#pragma once

#include <CLI/CLI.hpp>

namespace app {

// `fleetsh self-check`: runs the crypto backend's known-answer checks and reports each one.
void add_self_check_command(CLI::App& root, int& exit_code);

} // namespace app
