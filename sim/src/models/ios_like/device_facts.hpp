// The facts of one simulated IOS or EOS device that no command changes: hardware model,
// software version, serial numbers, MACs, ports and their traffic, clocks, and the addresses
// its configuration starts with. All drawn from sim::stable_random{seed, name, purpose}.
#pragma once

#include "models/ios_like/calendar.hpp"
#include "models/ios_like/ipv4.hpp"

#include <sim/device_model.hpp>
#include <sim/stable_random.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sim::ios_like {

// Ports named <type><prefix><n> for n in [first, first + count).
struct port_group {
    std::string_view type; // an interface_type name
    std::string_view prefix;
    unsigned first;
    unsigned count;
    unsigned speed_mbps;
    std::string_view media; // "10/100/1000BaseTX"
};

struct hardware_model {
    std::string_view name;         // "C9300-48P"
    std::string_view description;  // as show inventory describes the chassis
    std::string_view power_supply; // its power supplies' part number
    std::span<const port_group> ports;
    port_group management;
    std::string_view software_family;   // IOS: "Catalyst L3 Switch Software (CAT9K_IOSXE)"
    std::string_view image;             // IOS: boot image; "{version}" stands for the version
    std::string_view processor;         // IOS: "X86", "2RU"
    std::string_view hardware_revision; // EOS: "11.01"
    std::string_view image_variant;     // EOS: "Strata-4GB"
    std::uint32_t memory_kb;
};

// What a platform's devices are drawn from.
struct platform_catalog {
    std::span<const hardware_model> models;
    std::span<const std::string_view> versions;
    std::span<const std::uint32_t> mac_ouis;
    std::string (*serial_number)(stable_random&);
};

struct port_counters {
    std::uint64_t in_packets = 0;
    std::uint64_t in_bytes = 0;
    std::uint64_t in_multicast = 0;
    std::uint64_t in_broadcast = 0;
    std::uint64_t out_packets = 0;
    std::uint64_t out_bytes = 0;
    std::uint64_t out_multicast = 0;
    std::uint64_t out_broadcast = 0;
    std::uint64_t in_bits_per_second = 0;
    std::uint64_t out_bits_per_second = 0;
    unsigned resets = 0;

    // The packet rates the bit rates make at the port's average packet size.
    std::uint64_t in_packets_per_second() const noexcept;
    std::uint64_t out_packets_per_second() const noexcept;
};

struct port_fact {
    std::string name; // "GigabitEthernet1/0/1"
    unsigned speed_mbps = 1000;
    std::string_view media;
    std::uint64_t mac = 0;
    bool management = false;
    bool link_up = false; // cabled to a live peer: up unless shut down
    port_counters counters;
    // How the configuration starts.
    std::optional<ipv4_prefix> address;
    bool shut = false;
};

struct device_facts {
    const hardware_model* model = nullptr;
    std::string version;
    std::string serial;
    std::string power_supply_serial;
    std::uint64_t system_mac = 0;
    std::uint32_t memory_free_kb = 0;
    std::chrono::seconds uptime_at_start{0}; // already up when the simulator starts it
    wall_time wall_clock_at_start;
    std::vector<port_fact> ports; // physical ports, then the management port
    ipv4_prefix loopback;         // Loopback0
    std::uint32_t gateway = 0;    // the management subnet's default gateway
    // Shared by the whole fleet (drawn from the seed alone).
    std::uint32_t ntp_server = 0;
    std::uint32_t syslog_server = 0;
    std::string domain_name;
    std::string snmp_community;

    const port_fact* find_port(std::string_view name) const;
};

device_facts make_device_facts(const device_profile& profile, const platform_catalog& catalog);

// `count` characters drawn from `alphabet`, for serial numbers, secrets and build IDs.
std::string random_text(stable_random& random, std::string_view alphabet, std::size_t count);
inline constexpr std::string_view digits = "0123456789";
inline constexpr std::string_view hex_digits = "0123456789abcdef";
inline constexpr std::string_view alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

} // namespace sim::ios_like
