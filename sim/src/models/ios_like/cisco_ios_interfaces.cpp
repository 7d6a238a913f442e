// Cisco IOS XE: show ip interface brief and show interfaces.
#include "models/ios_like/cisco_ios_dialect.hpp"
#include "models/ios_like/formatting.hpp"

#include <algorithm>

namespace sim::ios_like {
namespace {

std::string_view status_of(const interface_state& state) {
    if (!state.admin_up) {
        return "administratively down";
    }
    return state.link_up ? "up" : "down";
}

// NVRAM: the address comes from the startup configuration; manual: set since; unset: none.
std::string_view address_method(const interface_state& state, const config_store& startup) {
    if (!state.address) {
        return "unset";
    }
    const config_entry* saved = startup.find_section("interface " + state.name);
    const std::string line = "ip address " + ios_address_arguments(*state.address);
    const bool kept = saved != nullptr &&
                      std::any_of(saved->children.begin(), saved->children.end(),
                                  [&](const config_entry& child) { return child.text == line; });
    return kept ? "NVRAM" : "manual";
}

// Switch ports say why they are down; routed and virtual interfaces do not.
std::string port_reason(const interface_state& state) {
    if (state.port == nullptr) {
        return "";
    }
    if (!state.admin_up) {
        return " (disabled)";
    }
    return state.link_up ? " (connected)" : " (notconnect)";
}

std::string rate_line(std::string_view direction, std::uint64_t bits, std::uint64_t packets) {
    return "  5 minute " + std::string(direction) + " rate " + std::to_string(bits) +
           " bits/sec, " + std::to_string(packets) + " packets/sec\n";
}

std::string interface_block(const interface_state& state) {
    const std::string n = "\n";
    const port_counters counters =
        state.port != nullptr && state.line_up() ? state.port->counters : port_counters{};
    std::string out = state.name + " is " + std::string(status_of(state)) + ", line protocol is " +
                      (state.line_up() ? "up" : "down") + port_reason(state) + n;
    out += "  Hardware is " + std::string(state.type != nullptr ? state.type->hardware : "Unknown");
    if (state.port != nullptr) {
        const std::string mac = mac_dotted(state.port->mac);
        out += ", address is " + mac + " (bia " + mac + ")";
    }
    out += n;
    if (!state.description.empty()) {
        out += "  Description: " + state.description + n;
    }
    if (state.address) {
        out += "  Internet address is " + format_ipv4_prefix(*state.address) + n;
    }
    const unsigned bandwidth = state.port != nullptr
                                   ? state.port->speed_mbps * 1000
                                   : (state.type ? state.type->bandwidth_kbit : 0);
    out += "  MTU " + std::to_string(state.mtu) + " bytes, BW " + std::to_string(bandwidth) +
           " Kbit/sec, DLY 10 usec,\n     reliability 255/255, txload 1/255, rxload 1/255\n";
    out += "  Encapsulation ARPA, loopback not set\n  Keepalive set (10 sec)\n";
    if (state.port != nullptr) {
        out += state.line_up() ? "  Full-duplex, " + link_speed(state.port->speed_mbps, 1000)
                               : std::string("  Auto-duplex, Auto-speed");
        out += ", media type is " + std::string(state.port->media) + n;
        out += "  input flow-control is off, output flow-control is unsupported\n";
    }
    out += "  ARP type: ARPA, ARP Timeout 04:00:00\n";
    out += state.line_up() ? "  Last input 00:00:00, output 00:00:01, output hang never\n"
                           : "  Last input never, output never, output hang never\n";
    out += "  Last clearing of \"show interface\" counters never\n";
    out += "  Input queue: 0/375/0/0 (size/max/drops/flushes); Total output drops: 0\n";
    out += "  Queueing strategy: fifo\n  Output queue: 0/40 (size/max)\n";
    out += rate_line("input", counters.in_bits_per_second, counters.in_packets_per_second());
    out += rate_line("output", counters.out_bits_per_second, counters.out_packets_per_second());
    const auto number = [](std::uint64_t v) { return std::to_string(v); };
    out += "     " + number(counters.in_packets) + " packets input, " + number(counters.in_bytes) +
           " bytes, 0 no buffer\n";
    out += "     Received " + number(counters.in_broadcast) + " broadcasts (" +
           number(counters.in_multicast) + " multicasts)\n";
    out += "     0 runts, 0 giants, 0 throttles\n";
    out += "     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored\n";
    out += "     0 watchdog, " + number(counters.in_multicast) + " multicast, 0 pause input\n";
    out += "     0 input packets with dribble condition detected\n";
    out += "     " + number(counters.out_packets) + " packets output, " +
           number(counters.out_bytes) + " bytes, 0 underruns\n";
    const unsigned resets = state.port != nullptr ? state.port->counters.resets : 0;
    out += "     0 output errors, 0 collisions, " + number(resets) + " interface resets\n";
    out += "     0 unknown protocol drops\n";
    out += "     0 babbles, 0 late collision, 0 deferred\n";
    out += "     0 lost carrier, 0 no carrier, 0 pause output\n";
    out += "     0 output buffer failures, 0 output buffers swapped out\n";
    return out;
}

} // namespace

std::string cisco_ios_dialect::show_ip_interface_brief(const device_view& view) const {
    std::string out = pad_right("Interface", 23) + pad_right("IP-Address", 16) + "OK? Method " +
                      pad_right("Status", 22) + "Protocol\n";
    for (const auto& state : view.interfaces) {
        const std::string address =
            state.address ? format_ipv4(state.address->address) : std::string("unassigned");
        out += pad_right(state.name, 22) + " " + pad_right(address, 15) + " YES " +
               pad_right(address_method(state, view.startup), 6) + " " +
               pad_right(status_of(state), 21) + " " + (state.line_up() ? "up" : "down") + "\n";
    }
    return out;
}

std::string cisco_ios_dialect::show_interfaces(const device_view& /*view*/,
                                               std::span<const interface_state> selected) const {
    std::string out;
    for (const auto& state : selected) {
        out += interface_block(state);
    }
    return out;
}

} // namespace sim::ios_like
