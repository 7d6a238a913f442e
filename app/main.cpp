// fleetsh: automate fleets of network devices and servers over SSH.
#include "bench_command.hpp"
#include "collect_command.hpp"
#include "exec_command.hpp"
#include "inventory_command.hpp"
#include "run_command.hpp"
#include "self_check.hpp"
#include "sim_command.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App root{"fleetsh: run commands, collect output and push configuration across fleets "
                  "of network devices and servers over SSH"};
    root.set_version_flag("--version", std::string("fleetsh ") + FLEETSH_VERSION);
    root.require_subcommand(0, 1);

    int exit_code = 0;
    app::add_exec_command(root, exit_code);
    app::add_bench_command(root, exit_code);
    app::add_collect_command(root, exit_code);
    app::add_inventory_command(root, exit_code);
    app::add_run_command(root, exit_code);
    app::add_self_check_command(root, exit_code);
    app::add_sim_command(root, exit_code);

    try {
        root.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Usage errors exit 2, as the collection job's exit codes reserve it.
        const int code = root.exit(e);
        return code == 0 ? 0 : 2;
    }
    if (root.get_subcommands().empty()) {
        std::fputs(root.help().c_str(), stdout);
        return 0;
    }
    return exit_code;
}
