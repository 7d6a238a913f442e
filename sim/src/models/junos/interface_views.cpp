#include "interface_state.hpp"
#include "views.hpp"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <vector>

namespace sim::junos {
namespace {

std::string trim_right(std::string line) {
    line.erase(line.find_last_not_of(' ') + 1);
    return line;
}

std::string terse_row(std::string_view name, std::string_view admin, std::string_view link,
                      std::string_view proto, std::string_view local, std::string_view remote) {
    char row[256];
    std::snprintf(row, sizeof row, "%-24.*s%-6.*s%-5.*s%-9.*s%-22.*s%.*s", int(name.size()),
                  name.data(), int(admin.size()), admin.data(), int(link.size()), link.data(),
                  int(proto.size()), proto.data(), int(local.size()), local.data(),
                  int(remote.size()), remote.data());
    return trim_right(row) + "\n";
}

std::string_view up_down(bool up) {
    return up ? "up" : "down";
}

std::string_view family_label(std::string_view family) {
    return family == "ethernet-switching" ? "eth-switch" : family;
}

std::string terse_unit(const unit_state& unit, bool loopback) {
    if (unit.families.empty())
        return terse_row(unit.name, up_down(unit.enabled), up_down(unit.up), "", "", "");
    std::string out;
    bool first_line = true;
    for (const auto& family : unit.families) {
        const auto proto = family_label(family.name);
        std::vector<std::string_view> locals(family.addresses.begin(), family.addresses.end());
        if (locals.empty())
            locals.push_back("");
        for (std::size_t i = 0; i < locals.size(); ++i) {
            // A loopback host address shows without its /32, reaching "everywhere".
            std::string_view local = locals[i];
            const bool host = loopback && local.ends_with("/32");
            if (host)
                local.remove_suffix(3);
            out += terse_row(first_line ? std::string_view(unit.name) : "",
                             first_line ? up_down(unit.enabled) : "",
                             first_line ? up_down(unit.up) : "", i == 0 ? proto : "", local,
                             host ? "--> 0/0" : "");
            first_line = false;
        }
    }
    return out;
}

struct ipv4_prefix {
    std::uint32_t address = 0;
    unsigned length = 0;
};

std::optional<ipv4_prefix> parse_ipv4_prefix(std::string_view text) {
    unsigned a, b, c, d, length;
    char tail;
    const std::string copy(text);
    if (std::sscanf(copy.c_str(), "%u.%u.%u.%u/%u%c", &a, &b, &c, &d, &length, &tail) != 5 ||
        a > 255 || b > 255 || c > 255 || d > 255 || length > 32)
        return std::nullopt;
    return ipv4_prefix{(a << 24) | (b << 16) | (c << 8) | d, length};
}

std::string dotted(std::uint32_t v) {
    return std::to_string(v >> 24) + "." + std::to_string((v >> 16) & 0xff) + "." +
           std::to_string((v >> 8) & 0xff) + "." + std::to_string(v & 0xff);
}

std::string address_line(std::string_view address) {
    const auto prefix = parse_ipv4_prefix(address);
    if (!prefix)
        return "        Local: " + std::string(address) + "\n";
    if (prefix->length == 32)
        return "        Local: " + dotted(prefix->address) + "\n";
    const std::uint32_t mask = prefix->length == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix->length);
    return "        Destination: " + dotted(prefix->address & mask) + "/" +
           std::to_string(prefix->length) + ", Local: " + dotted(prefix->address) +
           ", Broadcast: " + dotted(prefix->address | ~mask) + "\n";
}

std::string logical_detail(const unit_state& unit, std::uint32_t index) {
    std::string out = "  Logical interface " + unit.name + " (Index " + std::to_string(index) +
                      ") (SNMP ifIndex " + std::to_string(index + 200) + ")\n";
    out += std::string("    Flags: ") + (unit.enabled ? "Up" : "Down") +
           " SNMP-Traps 0x4004000 Encapsulation: ENET2\n";
    out += "    Input packets : 0\n    Output packets: 0\n";
    for (const auto& family : unit.families) {
        out += "    Protocol " + family.name + ", MTU: 1500\n";
        out += "      Flags: Sendbcast-pkt-to-re\n";
        for (const auto& address : family.addresses)
            out += "      Addresses, Flags: Is-Preferred Is-Primary\n" + address_line(address);
    }
    return out;
}

std::string type_line(const junos_port& port) {
    switch (port.kind) {
    case port_kind::loopback:
        return "  Type: Loopback, MTU: Unlimited\n";
    case port_kind::management:
        return "  Type: Ethernet, Link-level type: Ethernet, MTU: 1514, Speed: 1000mbps\n";
    case port_kind::ethernet:
        break;
    }
    return "  Link-level type: Ethernet, MTU: 1514, LAN-PHY mode, Speed: 1000mbps, BPDU Error: "
           "None, Loop Detect PDU Error: None, MAC-REWRITE Error: None, Loopback: Disabled, "
           "Source filtering: Disabled, Flow control: Enabled, Auto-negotiation: Enabled, Remote "
           "fault: Online\n";
}

std::string physical_detail(const interface_state& state, const junos_state& device,
                            sim_clock::time_point now) {
    const auto& port = *state.port;
    const auto& facts = device.facts();
    std::string out = "Physical interface: " + port.name + ", " +
                      (state.enabled ? "Enabled" : "Administratively down") +
                      ", Physical link is " + (state.link_up ? "Up" : "Down") + "\n";
    out += "  Interface index: " + std::to_string(port.interface_index) +
           ", SNMP ifIndex: " + std::to_string(port.snmp_index) + "\n";
    if (!state.description.empty())
        out += "  Description: " + state.description + "\n";
    out += type_line(port);
    out +=
        std::string("  Device flags   : Present Running") + (state.link_up ? "" : " Down") + "\n";
    out += std::string("  Interface flags: ") + (state.enabled ? "" : "Down ") +
           "SNMP-Traps Internal: 0x4000\n";
    if (!port.mac.empty())
        out += "  Current address: " + port.mac + ", Hardware address: " + port.mac + "\n";
    // Links came up with the system; nothing has flapped since.
    const auto flapped = facts.wall_at_start - facts.uptime_at_start + std::chrono::seconds{120};
    out += "  Last flapped   : " + format_timestamp(flapped) + " (" +
           format_age(device.clock().wall(now) - flapped) + " ago)\n";
    out += "  Input rate     : 0 bps (0 pps)\n  Output rate    : 0 bps (0 pps)\n";
    const std::string alarms = state.link_up || !state.enabled ? "None" : "LINK";
    out += "  Active alarms  : " + alarms + "\n  Active defects : " + alarms + "\n";
    std::uint32_t index = 300 + port.interface_index;
    for (const auto& unit : state.units)
        out += "\n" + logical_detail(unit, index++);
    return out;
}

} // namespace

std::string show_interfaces_terse(const junos_state& device, std::string_view only) {
    std::string out = "Interface               Admin Link Proto    Local                 Remote\n";
    for (const auto& state : interface_states(device.facts(), device.active())) {
        const auto& port = *state.port;
        if (!only.empty() && port.name != only)
            continue;
        out += terse_row(port.name, up_down(state.enabled), up_down(state.link_up), "", "", "");
        for (const auto& unit : state.units)
            out += terse_unit(unit, port.kind == port_kind::loopback);
    }
    return out;
}

std::optional<std::string> show_interfaces(const junos_state& device, std::string_view only,
                                           sim_clock::time_point now) {
    std::string out;
    for (const auto& state : interface_states(device.facts(), device.active())) {
        if (!only.empty() && state.port->name != only)
            continue;
        if (!out.empty())
            out += "\n";
        out += physical_detail(state, device, now);
    }
    if (out.empty())
        return std::nullopt;
    return out;
}

} // namespace sim::junos
