#include "shell_command.hpp"

#include <array>
#include <cstdio>
#include <optional>

namespace sim::linux_host {
namespace {

std::string flags(const network_interface& nic) {
    if (nic.name == "lo")
        return "<LOOPBACK,UP,LOWER_UP>";
    return nic.up ? "<BROADCAST,MULTICAST,UP,LOWER_UP>" : "<BROADCAST,MULTICAST>";
}

std::string state(const network_interface& nic) {
    if (nic.name == "lo")
        return "UNKNOWN";
    return nic.up ? "UP" : "DOWN";
}

std::string brief_row(const network_interface& nic, const std::string& rest) {
    char row[160];
    std::snprintf(row, sizeof row, "%-16s %-14s %s\n", nic.name.c_str(), state(nic).c_str(),
                  rest.c_str());
    return row;
}

std::string link_header(const network_interface& nic, std::size_t index, bool with_mode) {
    const bool loopback = nic.name == "lo";
    std::string out = std::to_string(index + 1) + ": " + nic.name + ": " + flags(nic) + " mtu " +
                      (loopback ? "65536 qdisc noqueue"
                       : nic.up ? "1500 qdisc fq_codel"
                                : "1500 qdisc noop") +
                      " state " + state(nic) + (with_mode ? " mode DEFAULT" : "") +
                      " group default qlen 1000\n";
    out += loopback ? "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                    : "    link/ether " + nic.mac + " brd ff:ff:ff:ff:ff:ff\n";
    if (!nic.altname.empty())
        out += "    altname " + nic.altname + "\n";
    return out;
}

std::string address_block(const network_interface& nic) {
    if (!nic.up || nic.address.empty())
        return "";
    const bool loopback = nic.name == "lo";
    std::string out = "    inet " + nic.address + "/" + std::to_string(nic.prefix_length) +
                      (loopback ? "" : " brd " + nic.broadcast) + " scope " +
                      (loopback ? "host" : "global") + " " + nic.name + "\n";
    out += "       valid_lft forever preferred_lft forever\n";
    out += "    inet6 " + nic.ipv6 + " scope " + (loopback ? "host" : "link") + " \n";
    out += "       valid_lft forever preferred_lft forever\n";
    return out;
}

enum class ip_object { address, link, route };

// iproute2 takes any prefix of an object's name: "a", "addr", "l", "r".
std::optional<ip_object> parse_object(std::string_view word) {
    if (std::string_view("address").starts_with(word))
        return ip_object::address;
    if (std::string_view("link").starts_with(word))
        return ip_object::link;
    if (std::string_view("route").starts_with(word))
        return ip_object::route;
    return std::nullopt;
}

// "ip [-br] {address|link|route} [show] [[dev] NAME]", objects abbreviated as iproute2 allows.
command_result ip(command_call& c) {
    bool brief = false;
    std::size_t i = 0;
    for (; i < c.args.size() && c.args[i].starts_with('-'); ++i) {
        const std::string_view option = std::string_view(c.args[i]).substr(1);
        if (option.empty() || !std::string_view("brief").starts_with(option))
            return failure("Option \"" + c.args[i] + "\" is unknown, try \"ip -help\".\n", 255);
        brief = true;
    }
    if (i == c.args.size())
        return failure("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n", 255);
    const std::string_view word = c.args[i++];
    const auto parsed = parse_object(word);
    if (!parsed)
        return failure("Object \"" + std::string(word) + "\" is unknown, try \"ip help\".\n", 255);
    const ip_object object = *parsed;
    if (i < c.args.size() && (c.args[i] == "show" || c.args[i] == "list" || c.args[i] == "ls"))
        ++i;
    if (i < c.args.size() && c.args[i] == "dev")
        ++i;
    const std::string device = i < c.args.size() ? c.args[i] : "";

    const auto& facts = c.shell.facts;
    std::string out;
    bool found = device.empty();
    for (std::size_t n = 0; n < facts.interfaces.size(); ++n) {
        const auto& nic = facts.interfaces[n];
        if (!device.empty() && nic.name != device)
            continue;
        found = true;
        if (object == ip_object::route) {
            if (nic.name == "lo" || !nic.up || nic.address.empty())
                continue;
            if (nic.name == "eth0")
                out += "default via " + facts.gateway + " dev eth0 onlink\n";
            out += nic.network + "/" + std::to_string(nic.prefix_length) + " dev " + nic.name +
                   " proto kernel scope link src " + nic.address + "\n";
        } else if (brief && object == ip_object::link) {
            out += brief_row(nic, nic.mac + " " + flags(nic) + " ");
        } else if (brief) {
            const bool addressed = nic.up && !nic.address.empty();
            out +=
                brief_row(nic, addressed ? nic.address + "/" + std::to_string(nic.prefix_length) +
                                               " " + nic.ipv6 + " "
                                         : "");
        } else {
            out += link_header(nic, n, object == ip_object::link);
            if (object == ip_object::address)
                out += address_block(nic);
        }
    }
    if (!found)
        return failure("Device \"" + device + "\" does not exist.\n");
    return {out};
}

// "ss -tln": the SSH daemon listening on both address families.
command_result ss(command_call&) {
    return {"State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n"
            "LISTEN 0      128          0.0.0.0:22         0.0.0.0:*          \n"
            "LISTEN 0      128             [::]:22            [::]:*          \n"};
}

constexpr std::array<named_command, 2> commands{{
    {"ip", ip},
    {"ss", ss},
}};

} // namespace

std::span<const named_command> network_commands() {
    return commands;
}

} // namespace sim::linux_host
