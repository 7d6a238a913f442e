// Entering interfaces and interface configuration mode.
#include "models/ios_like/cli_session.hpp"
#include "models/ios_like/commands.hpp"
#include "models/ios_like/dialect.hpp"
#include "models/ios_like/ios_like_device.hpp"

#include <array>

namespace sim::ios_like {
namespace {

constexpr line_key address_key{2};

struct interface_line {
    std::string_view syntax;
    line_key key;
};

constexpr std::array<interface_line, 6> interface_lines{{
    {"description <rest>", {1}},
    {"shutdown", {1}},
    {"mtu <number>", {1}},
    {"speed <word>", {1}},
    {"duplex <word>", {1}},
    {"switchport <rest>", {line_key::all_but_last}},
}};

// interface <name>: a physical port must exist; a Loopback, Vlan or Port-channel is created.
command_output enter_interface(const invocation& call) {
    auto& session = call.session;
    const dialect& vendor = session.vendor();
    auto& running = session.device().running();
    const auto& words = call.command.words;
    if (words.size() < 2) { // "no interface"
        return session.failed({parse_status::incomplete, 0});
    }
    const auto name = resolve_interface_name(words[1], vendor.interface_types());
    const std::string header = name ? "interface " + name->full : std::string();
    const bool exists = name && running.find_section(header) != nullptr;
    const bool is_virtual = name && name->type->is_virtual;
    if (!name || (call.command.negated ? !(exists && is_virtual) : !(exists || is_virtual))) {
        return session.invalid_at(call.command.offsets[1]);
    }
    if (call.command.negated) {
        running.remove_section(header);
        return quiet();
    }
    running.add_section(header);
    const auto tag =
        vendor.mode_tag("if", short_interface_name(name->full, vendor.interface_types()));
    session.enter_section(cli_mode::interface_config, header, tag);
    return quiet();
}

// ip address: checked by the dialect's syntax; IOS keeps "no ip address" in the config.
command_output ip_address(const invocation& call) {
    auto& session = call.session;
    const dialect& vendor = session.vendor();
    auto& running = session.device().running();
    const std::string& header = session.section_header();
    if (call.command.negated) {
        if (vendor.conventions().keeps_no_ip_address) {
            running.set_in(header, "no ip address", address_key);
        } else {
            running.remove_in(header, "ip address", address_key);
        }
        return quiet();
    }
    if (!vendor.parse_address(call.command.words.back())) {
        return session.invalid_at(call.command.offsets.back());
    }
    running.set_in(header, call.command.line(), address_key);
    return quiet();
}

} // namespace

void add_interface_command(command_tree& tree) {
    tree.add("interface <rest>", enter_interface);
}

const command_tree& interface_config_commands() {
    static const command_tree tree = [] {
        command_tree t{true};
        add_config_navigation(t);
        t.add("ip address <rest>", ip_address);
        for (const auto& line : interface_lines) {
            t.add(line.syntax, store_in_section(line.key));
        }
        return t;
    }();
    return tree;
}

} // namespace sim::ios_like
