#include "models/ios_like/device_facts.hpp"

#include <algorithm>
#include <array>

namespace sim::ios_like {
namespace {

template <typename T>
const T& pick(stable_random& random, std::span<const T> choices) {
    return choices[random.below(choices.size())];
}

std::uint32_t address(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
    return (a << 24) | (b << 16) | (c << 8) | d;
}

port_counters traffic(stable_random& random, bool link_up, std::chrono::seconds uptime) {
    port_counters c;
    c.resets = static_cast<unsigned>(random.below(4));
    if (!link_up) {
        return c;
    }
    c.in_packets = random.between(10'000, 2'000'000'000);
    c.in_bytes = c.in_packets * random.between(64, 1400);
    c.in_multicast = c.in_packets / random.between(20, 200);
    c.in_broadcast = c.in_multicast / random.between(2, 10);
    c.out_packets = random.between(10'000, 2'000'000'000);
    c.out_bytes = c.out_packets * random.between(64, 1400);
    c.out_multicast = c.out_packets / random.between(20, 200);
    c.out_broadcast = c.out_multicast / random.between(2, 10);
    const auto seconds = static_cast<std::uint64_t>(uptime.count() > 0 ? uptime.count() : 1);
    c.in_bits_per_second = c.in_bytes * 8 / seconds;
    c.out_bits_per_second = c.out_bytes * 8 / seconds;
    return c;
}

port_fact physical_port(stable_random& random, const port_group& group, unsigned n,
                        std::uint32_t site, std::chrono::seconds uptime) {
    port_fact port;
    port.name = std::string(group.type) + std::string(group.prefix) + std::to_string(n);
    port.speed_mbps = group.speed_mbps;
    port.media = group.media;
    if (random.below(100) < 30) {
        // A routed link: a /24 LAN or a /30 point-to-point subnet per port.
        const bool lan = random.below(2) == 0;
        const auto subnet = static_cast<std::uint32_t>(n % 250 + 1);
        port.address =
            ipv4_prefix{address(10, site, subnet, lan ? 1 : 1 + random.below(2)), lan ? 24u : 30u};
    }
    port.link_up = random.below(100) < (port.address ? 85 : 55);
    port.shut = random.below(100) < 10;
    port.counters = traffic(random, port.link_up, uptime);
    return port;
}

std::uint64_t packet_rate(std::uint64_t bits, std::uint64_t bytes, std::uint64_t packets) {
    const std::uint64_t average = packets == 0 ? 1 : std::max<std::uint64_t>(1, bytes / packets);
    return bits / 8 / average;
}

} // namespace

std::uint64_t port_counters::in_packets_per_second() const noexcept {
    return packet_rate(in_bits_per_second, in_bytes, in_packets);
}

std::uint64_t port_counters::out_packets_per_second() const noexcept {
    return packet_rate(out_bits_per_second, out_bytes, out_packets);
}

const port_fact* device_facts::find_port(std::string_view name) const {
    for (const auto& port : ports) {
        if (port.name == name) {
            return &port;
        }
    }
    return nullptr;
}

std::string random_text(stable_random& random, std::string_view alphabet, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        out += alphabet[random.below(alphabet.size())];
    }
    return out;
}

device_facts make_device_facts(const device_profile& profile, const platform_catalog& catalog) {
    const auto random = [&](std::string_view purpose) {
        return stable_random{profile.seed, profile.name, purpose};
    };
    device_facts facts;

    auto hardware = random("hardware");
    facts.model = &pick(hardware, catalog.models);
    facts.version = std::string(pick(hardware, catalog.versions));
    facts.memory_free_kb =
        static_cast<std::uint32_t>(facts.model->memory_kb / 100 * hardware.between(35, 70));

    auto serials = random("serial");
    facts.serial = catalog.serial_number(serials);
    facts.power_supply_serial = catalog.serial_number(serials);

    // The low byte stays free for the ports' MACs, which count up from the system MAC.
    auto macs = random("mac");
    facts.system_mac =
        (std::uint64_t{pick(macs, catalog.mac_ouis)} << 24) | (macs.below(0x10000) << 8);

    auto clock = random("clock");
    facts.uptime_at_start = std::chrono::seconds{clock.between(3600, 400 * 86400)};
    // Within a year of the origin (Junos and Linux draw theirs within two: draw_wall_start).
    facts.wall_clock_at_start =
        wall_time{models::calendar_origin + std::chrono::seconds{clock.below(365 * 86400)}};

    auto addresses = random("addresses");
    const auto site = static_cast<std::uint32_t>(addresses.between(1, 254));
    facts.loopback = {address(10, 255, site, static_cast<std::uint32_t>(addresses.between(1, 254))),
                      32};
    facts.gateway = address(10, site, 0, 1);

    auto ports = random("ports");
    for (const auto& group : facts.model->ports) {
        for (unsigned n = group.first; n < group.first + group.count; ++n) {
            facts.ports.push_back(physical_port(ports, group, n, site, facts.uptime_at_start));
        }
    }
    const auto& mgmt = facts.model->management;
    port_fact management;
    management.name =
        std::string(mgmt.type) + std::string(mgmt.prefix) + std::to_string(mgmt.first);
    management.speed_mbps = mgmt.speed_mbps;
    management.media = mgmt.media;
    management.management = true;
    management.link_up = true;
    management.counters = traffic(ports, true, facts.uptime_at_start);
    management.address = ipv4_prefix{
        address(10, site, 0, static_cast<std::uint32_t>(addresses.between(10, 250))), 24};
    facts.ports.push_back(std::move(management));
    for (std::size_t i = 0; i < facts.ports.size(); ++i) {
        facts.ports[i].mac = facts.system_mac + i + 1;
    }

    stable_random fleet{profile.seed, "", "infrastructure"};
    const auto services = static_cast<std::uint32_t>(fleet.between(1, 254));
    facts.ntp_server = address(10, services, 0, static_cast<std::uint32_t>(fleet.between(2, 9)));
    facts.syslog_server =
        address(10, services, 0, static_cast<std::uint32_t>(fleet.between(10, 20)));
    static constexpr std::array<std::string_view, 4> domains{"corp.example.net", "lab.example.com",
                                                             "net.example.org", "dc1.example.net"};
    facts.domain_name = std::string(domains[fleet.below(domains.size())]);
    facts.snmp_community = "ro-" + random_text(fleet, hex_digits, 8);
    return facts;
}

} // namespace sim::ios_like
