#include "interface_state.hpp"

#include <string_view>

namespace sim::junos {
namespace {

// "unit 0" -> "0", "address 10.0.0.1/24" -> "10.0.0.1/24"
std::string_view name_after(std::string_view key, std::string_view keyword) {
    if (key.size() <= keyword.size() + 1 || !key.starts_with(keyword) || key[keyword.size()] != ' ')
        return {};
    auto name = key.substr(keyword.size() + 1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
        name = name.substr(1, name.size() - 2);
    return name;
}

family_state family_from(std::string_view name, const config_node& family) {
    family_state state{std::string(name), {}};
    for (const auto& statement : family.children)
        if (const auto address = name_after(statement.key, "address"); !address.empty())
            state.addresses.emplace_back(address);
    return state;
}

unit_state unit_from(const std::string& port, std::string_view number, const config_node& unit,
                     bool link_up) {
    unit_state state{port + "." + std::string(number), unit.child("disable") == nullptr, false, {}};
    state.up = state.enabled && link_up;
    for (const auto& statement : unit.children)
        if (const auto family = name_after(statement.key, "family"); !family.empty())
            state.families.push_back(family_from(family, statement));
    return state;
}

} // namespace

std::vector<interface_state> interface_states(const junos_facts& facts, const config_node& config) {
    const config_node* interfaces = config.child("interfaces");
    std::vector<interface_state> states;
    for (const auto& port : facts.ports) {
        interface_state state{&port, "", true, port.cable_up, {}};
        const config_node* node = interfaces ? interfaces->child(port.name) : nullptr;
        if (node != nullptr) {
            if (const auto* description = node->child("description");
                description && description->value)
                state.description = *description->value;
            state.enabled = node->child("disable") == nullptr;
            state.link_up = state.enabled && port.cable_up;
            for (const auto& statement : node->children)
                if (const auto unit = name_after(statement.key, "unit"); !unit.empty())
                    state.units.push_back(unit_from(port.name, unit, statement, state.link_up));
        }
        states.push_back(std::move(state));
    }
    return states;
}

} // namespace sim::junos
