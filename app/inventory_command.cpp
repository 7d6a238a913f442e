#include "inventory_command.hpp"

#include <inventory/filter.hpp>
#include <inventory/load.hpp>
#include <inventory/render.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace app {
namespace {

struct inventory_args {
    std::string path;
    std::vector<std::string> filters;
    std::string show;
    bool json = false;
};

constexpr int usage_or_inventory_error = 2;

int run_inventory(const inventory_args& args) {
    std::vector<inventory::host_filter> filters;
    bool bad_filter = false;
    for (const auto& expr : args.filters) {
        auto parsed = inventory::parse_filter(expr);
        if (const auto* e = std::get_if<inventory::filter_error>(&parsed)) {
            std::cerr << "fleetsh inventory: " << e->message << "\n";
            bad_filter = true;
        } else {
            filters.push_back(std::get<inventory::host_filter>(std::move(parsed)));
        }
    }
    if (bad_filter) {
        return usage_or_inventory_error;
    }

    auto loaded = inventory::load_inventory(args.path, inventory::load_options{});
    if (const auto* errors = std::get_if<inventory::error_list>(&loaded)) {
        for (const auto& e : *errors) {
            std::cerr << e.text() << "\n";
        }
        std::cerr << "fleetsh inventory: " << args.path << " has errors\n";
        return usage_or_inventory_error;
    }
    auto& hosts = std::get<inventory::host_list>(loaded);
    std::erase_if(hosts, [&](const auto& h) { return !inventory::matches_all(h, filters); });

    if (!args.show.empty()) {
        const auto it = std::find_if(hosts.begin(), hosts.end(),
                                     [&](const auto& h) { return h.name == args.show; });
        if (it == hosts.end()) {
            std::cerr << "fleetsh inventory: no host named \"" << args.show << "\""
                      << (filters.empty() ? "" : " among the filtered hosts") << "\n";
            return usage_or_inventory_error;
        }
        std::cout << (args.json ? inventory::render_host_json(*it) : inventory::render_host(*it));
        return 0;
    }
    std::cout << (args.json ? inventory::render_table_json(hosts) : inventory::render_table(hosts));
    return 0;
}

} // namespace

void add_inventory_command(CLI::App& root, int& exit_code) {
    auto args = std::make_shared<inventory_args>();
    auto* cmd = root.add_subcommand(
        "inventory", "Check an inventory and list its hosts, or show one host fully resolved");
    cmd->add_option("-i,--inventory", args->path,
                    "An inventory file, or a Nornir SimpleInventory folder")
        ->required();
    cmd->add_option("--filter", args->filters,
                    "FIELD=PATTERN (name, group, tag, platform, address, port, username, "
                    "data.KEY); several filters AND together")
        ->allow_extra_args(false); // one expression per --filter

    cmd->add_option("--show", args->show, "Show this host's every value and where it came from");
    cmd->add_flag("--json", args->json, "Print JSON");
    cmd->callback([args, &exit_code] { exit_code = run_inventory(*args); });
}

} // namespace app
