#include "interface_state.hpp"
#include "views.hpp"

#include <cstdio>

namespace sim::junos {
namespace {

std::string protocol_row(std::string_view protocol, unsigned routes) {
    char row[96];
    std::snprintf(row, sizeof row, "%20.*s:%7u routes,%7u active\n", int(protocol.size()),
                  protocol.data(), routes, routes);
    return row;
}

std::string_view value_at(const config_node& config, const config_path& path) {
    const auto* node = find_node(config, path);
    return node != nullptr && node->value ? std::string_view(*node->value) : std::string_view();
}

} // namespace

// Routes follow the active configuration: a Direct route per address on an up unit, a Local
// one too unless the address is a host (/32) address, and the static routes.
std::string show_route_summary(const junos_state& device) {
    const auto& config = device.active();
    unsigned direct = 0, local = 0, statics = 0;
    for (const auto& state : interface_states(device.facts(), config))
        for (const auto& unit : state.units)
            for (const auto& family : unit.families)
                for (const auto& address : family.addresses)
                    if (unit.up && family.name == "inet") {
                        ++direct;
                        local += address.ends_with("/32") ? 0 : 1;
                    }
    if (const auto* routes = find_node(config, {{"routing-options"}, {"static"}}))
        for (const auto& route : routes->children)
            statics += route.key.starts_with("route ") ? 1 : 0;

    const unsigned total = direct + local + statics;
    std::string out =
        "Autonomous system number: " +
        std::string(value_at(config, {{"routing-options"}, {"autonomous-system"}})) +
        "\nRouter ID: " + std::string(value_at(config, {{"routing-options"}, {"router-id"}})) +
        "\n\n";
    out += "inet.0: " + std::to_string(total) + " destinations, " + std::to_string(total) +
           " routes (" + std::to_string(total) + " active, 0 holddown, 0 hidden)\n";
    out += protocol_row("Direct", direct) + protocol_row("Local", local);
    if (statics > 0)
        out += protocol_row("Static", statics);
    return out;
}

} // namespace sim::junos
