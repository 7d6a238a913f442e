#pragma once

#include <CLI/CLI.hpp>

namespace app {

// `fleetsh inventory -i PATH [--filter EXPR]... [--show NAME] [--json]`: loads and checks an
// inventory, then lists its hosts or shows one fully resolved, secrets masked. Exit 2 on
// usage or inventory errors, each printed as file:line:column: message.
void add_inventory_command(CLI::App& root, int& exit_code);

} // namespace app
