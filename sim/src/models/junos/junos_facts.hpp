// What the seed decides about a simulated Junos device: hardware, software, ports and the
// starting configuration's addresses. Everything comes from stable_random, so the same
// profile always gives the same device.
#pragma once

#include "junos_clock.hpp"

#include <sim/device_model.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace sim::junos {

enum class port_kind { ethernet, management, loopback };

struct junos_port {
    std::string name; // "ge-0/0/3", "fxp0", "lo0"
    port_kind kind = port_kind::ethernet;
    std::string mac;
    bool cable_up = true; // physical link when enabled
    std::uint32_t interface_index = 0;
    std::uint32_t snmp_index = 0;
};

// One interface of the starting configuration.
struct port_plan {
    std::string name;
    std::string description; // "" for none
    std::string address;     // "10.1.2.1/30", "" for none
    bool disabled = false;
};

// One line of "show chassis hardware".
struct chassis_part {
    std::string item, version, part_number, serial, description;
};

struct junos_facts {
    std::string model;      // "mx204"
    std::string version;    // "22.4R2.8"
    std::string build_date; // "2023-06-27 07:51:56 UTC"
    std::string serial;
    std::vector<junos_port> ports; // in "show interfaces terse" order
    std::vector<port_plan> configured_ports;
    std::string default_gateway;
    std::uint32_t autonomous_system = 0;
    std::vector<chassis_part> hardware;
    std::chrono::seconds uptime_at_start{};
    wall_time wall_at_start;
    wall_time last_commit;     // of the starting configuration
    std::string load_averages; // "0.12, 0.08, 0.05"
};

junos_facts make_junos_facts(const device_profile& profile);

} // namespace sim::junos
