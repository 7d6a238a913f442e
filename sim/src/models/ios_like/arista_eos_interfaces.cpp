// Arista EOS: show ip interface brief and show interfaces.
#include "models/ios_like/arista_eos_dialect.hpp"
#include "models/ios_like/calendar.hpp"
#include "models/ios_like/formatting.hpp"

#include <array>

namespace sim::ios_like {
namespace {

// show ip interface brief's columns, separated by one space.
struct column {
    std::string_view title;
    std::size_t width;
    bool right_aligned;
};
constexpr std::array<column, 6> brief_columns{{{"Interface", 17, false},
                                               {"IP Address", 21, false},
                                               {"Status", 12, false},
                                               {"Protocol", 14, false},
                                               {"MTU", 8, true},
                                               {"Owner", 7, false}}};

std::string brief_row(const std::array<std::string, 6>& cells) {
    std::string row;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto& c = brief_columns[i];
        row += (i == 0 ? "" : " ") +
               (c.right_aligned ? pad_left(cells[i], c.width) : pad_right(cells[i], c.width));
    }
    return row.erase(row.find_last_not_of(' ') + 1) + "\n";
}

// "1.23 Mbps".
std::string rate_text(std::uint64_t bits) {
    if (bits >= 1'000'000'000) {
        return fixed_decimals(static_cast<double>(bits) / 1e9, 2) + " Gbps";
    }
    if (bits >= 1'000'000) {
        return fixed_decimals(static_cast<double>(bits) / 1e6, 2) + " Mbps";
    }
    return fixed_decimals(static_cast<double>(bits) / 1e3, 2) + " kbps";
}

std::string rate_line(std::string_view direction, std::uint64_t bits, std::uint64_t packets) {
    return "  5 minutes " + std::string(direction) + " rate " + rate_text(bits) +
           " (0.0% with framing overhead), " + std::to_string(packets) + " packets/sec\n";
}

std::string counters_text(const port_counters& c) {
    const auto n = [](std::uint64_t v) { return std::to_string(v); };
    std::string out = "     " + n(c.in_packets) + " packets input, " + n(c.in_bytes) + " bytes\n";
    out +=
        "     Received " + n(c.in_broadcast) + " broadcasts, " + n(c.in_multicast) + " multicast\n";
    out += "     0 runts, 0 giants\n";
    out += "     0 input errors, 0 CRC, 0 alignment, 0 symbol, 0 input discards\n";
    out += "     0 PAUSE input\n";
    out += "     " + n(c.out_packets) + " packets output, " + n(c.out_bytes) + " bytes\n";
    out +=
        "     Sent " + n(c.out_broadcast) + " broadcasts, " + n(c.out_multicast) + " multicast\n";
    out += "     0 output errors, 0 collisions\n";
    out += "     0 late collision, 0 deferred, 0 output discards\n";
    out += "     0 PAUSE output\n";
    return out;
}

std::string interface_block(const interface_state& state, const device_view& view) {
    const std::string status =
        !state.admin_up ? "administratively down" : (state.link_up ? "up" : "down");
    std::string out = state.name + " is " + status + ", line protocol is " +
                      (state.line_up() ? "up" : "down") + " (" +
                      std::string(eos_interface_status(state)) + ")\n";
    out += "  Hardware is " + std::string(state.type != nullptr ? state.type->hardware : "Unknown");
    if (state.port != nullptr) {
        const std::string mac = mac_dotted(state.port->mac);
        out += ", address is " + mac + " (bia " + mac + ")";
    }
    out += "\n";
    if (!state.description.empty()) {
        out += "  Description: " + state.description + "\n";
    }
    if (state.address) {
        out += "  Internet address is " + format_ipv4_prefix(*state.address) + "\n";
        out += "  Broadcast address is 255.255.255.255\n";
    }
    out += "  IP MTU " + std::to_string(state.mtu) + " bytes";
    if (state.port != nullptr) {
        out += ", BW " + std::to_string(std::uint64_t{state.port->speed_mbps} * 1000) + " kbit\n";
        out += state.line_up() ? "  Full-duplex, " + link_speed(state.port->speed_mbps, 999)
                               : std::string("  Unconfigured duplex, unconfigured speed");
        out += ", auto negotiation: off, uni-link: n/a\n";
    } else {
        out += "\n";
    }
    if (state.line_up()) {
        out += "  Up " + uptime_text(view.uptime, ", ") + "\n";
    }
    if (state.port == nullptr) {
        return out;
    }
    const port_counters counters = state.line_up() ? state.port->counters : port_counters{};
    out += "  Loopback Mode : None\n";
    out += "  " + std::to_string(state.port->counters.resets + 1) +
           " link status changes since last clear\n";
    out += "  Last clearing of \"show interface\" counters never\n";
    out += rate_line("input", counters.in_bits_per_second, counters.in_packets_per_second());
    out += rate_line("output", counters.out_bits_per_second, counters.out_packets_per_second());
    return out + counters_text(counters);
}

} // namespace

std::string_view eos_status(const interface_state& state) {
    if (!state.admin_up) {
        return "adminDown";
    }
    return state.link_up ? "up" : "down";
}

std::string_view eos_line_protocol(const interface_state& state) {
    if (!state.admin_up) {
        return "down";
    }
    return state.link_up ? "up" : "lowerLayerDown";
}

std::string_view eos_interface_status(const interface_state& state) {
    if (!state.admin_up) {
        return "disabled";
    }
    return state.link_up ? "connected" : "notconnect";
}

std::string arista_eos_dialect::show_ip_interface_brief(const device_view& view) const {
    std::array<std::string, 6> titles;
    std::array<std::string, 6> rules;
    for (std::size_t i = 0; i < brief_columns.size(); ++i) {
        titles[i] = brief_columns[i].title;
        rules[i] = std::string(brief_columns[i].width, '-');
    }
    // "Address Owner": the first word stands above the second.
    std::string out = std::string(brief_row(titles).rfind("Owner"), ' ') + "Address\n";
    out += brief_row(titles) + brief_row(rules);
    for (const auto& state : view.interfaces) {
        out += brief_row({state.name,
                          state.address ? format_ipv4_prefix(*state.address) : "unassigned",
                          std::string(eos_status(state)), std::string(eos_line_protocol(state)),
                          std::to_string(state.mtu), ""});
    }
    return out;
}

std::string arista_eos_dialect::show_interfaces(const device_view& view,
                                                std::span<const interface_state> selected) const {
    std::string out;
    for (const auto& state : selected) {
        out += interface_block(state, view);
    }
    return out;
}

} // namespace sim::ios_like
