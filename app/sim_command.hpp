#pragma once

#include <CLI/CLI.hpp>

namespace app {

// `fleetsh sim --devices N --mix ... --inventory-out FILE [...]`: a simulated fleet of network
// devices in this process, for tests, demos, benches and labs; runs until interrupted.
void add_sim_command(CLI::App& root, int& exit_code);

} // namespace app
