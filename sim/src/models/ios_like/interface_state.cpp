#include "models/ios_like/interface_state.hpp"

#include "models/ios_like/dialect.hpp"

#include <charconv>

namespace sim::ios_like {
namespace {

constexpr std::string_view interface_prefix = "interface ";

void apply_line(interface_state& state, std::string_view line, const dialect& vendor) {
    const auto argument = [&](std::string_view keyword) -> std::optional<std::string_view> {
        if (line.starts_with(keyword) && line.size() > keyword.size() &&
            line[keyword.size()] == ' ') {
            return line.substr(keyword.size() + 1);
        }
        return std::nullopt;
    };
    if (line == "shutdown") {
        state.admin_up = false;
    } else if (const auto description = argument("description")) {
        state.description = std::string(*description);
    } else if (const auto address = argument("ip address")) {
        state.address = vendor.parse_address(*address);
    } else if (const auto mtu = argument("mtu")) {
        std::from_chars(mtu->data(), mtu->data() + mtu->size(), state.mtu);
    }
}

} // namespace

std::vector<interface_state> interface_states(const config_store& running,
                                              const device_facts& facts, const dialect& vendor) {
    std::vector<interface_state> out;
    for (const auto& entry : running.entries()) {
        if (!entry.is_section || !entry.text.starts_with(interface_prefix)) {
            continue;
        }
        interface_state state;
        state.name = entry.text.substr(interface_prefix.size());
        state.type = interface_type_of(state.name, vendor.interface_types());
        state.port = facts.find_port(state.name);
        state.link_up = state.port == nullptr || state.port->link_up;
        state.mtu = state.type != nullptr ? state.type->mtu : 1500;
        for (const auto& child : entry.children) {
            apply_line(state, child.text, vendor);
        }
        out.push_back(std::move(state));
    }
    return out;
}

const interface_state* find_interface(std::span<const interface_state> interfaces,
                                      std::string_view name) {
    for (const auto& state : interfaces) {
        if (state.name == name) {
            return &state;
        }
    }
    return nullptr;
}

} // namespace sim::ios_like
