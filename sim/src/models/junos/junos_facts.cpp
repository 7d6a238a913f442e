#include "junos_facts.hpp"

#include <sim/stable_random.hpp>

#include <array>
#include <cstdio>
#include <string_view>

namespace sim::junos {
namespace {

struct model_info {
    std::string_view model, chassis, routing_engine, fpc, pic, power_supply;
    std::string_view serial_prefix, management_port;
    unsigned ethernet_ports;
};

constexpr std::array<model_info, 5> models{{
    {"mx204", "MX204", "RE-S-1600x8", "MPC-MX204", "4XQSFP28 PIC", "AC AC PEM", "JN", "fxp0", 8},
    {"mx480", "MX480", "RE-S-X6-64G", "MPC7E-MRATE", "MRATE-12xQSFPP-XGE-XLGE-CGE", "PSM 2500W AC",
     "JN", "fxp0", 40},
    {"ex4300-48t", "EX4300-48T", "EX4300-48T", "EX4300-48T", "48x 10/100/1000 Base-T",
     "JPSU-350-AC-AFO", "PE", "em0", 48},
    {"srx345", "SRX345", "RE-SRX345", "FPC", "8x GE, 8x GE RJ45", "PWR-SRX345-AC", "CX", "fxp0",
     16},
    {"qfx5120-48y", "QFX5120-48Y-AFO", "QFX Routing Engine", "QFX5120-48Y-AFO", "48x10G/25G-8x100G",
     "JPSU-650W-AC-AFO", "WS", "em0", 48},
}};

struct release {
    std::string_view version, build_date;
};

constexpr std::array<release, 4> releases{{
    {"21.4R3-S5.4", "2023-09-26 04:14:43 UTC"},
    {"22.2R3-S2.8", "2023-09-06 11:10:22 UTC"},
    {"22.4R2.8", "2023-06-27 07:51:56 UTC"},
    {"23.2R1.14", "2023-07-10 20:04:09 UTC"},
}};

constexpr std::array<std::string_view, 4> juniper_ouis{"2c:6b:f5", "84:b5:9c", "f4:a7:39",
                                                       "3c:61:04"};

template <class T, std::size_t N>
const T& pick(const std::array<T, N>& items, stable_random& r) {
    return items[r.below(N)];
}

std::string hex_serial(std::string_view prefix, unsigned length, stable_random& r) {
    constexpr std::string_view digits = "0123456789ABCDEF";
    std::string serial(prefix);
    for (unsigned i = 0; i < length; ++i)
        serial += digits[r.below(digits.size())];
    return serial;
}

std::string part_number(stable_random& r) {
    char text[16];
    std::snprintf(text, sizeof text, "7%02u-0%05u", unsigned(r.between(40, 50)),
                  unsigned(r.below(100000)));
    return text;
}

std::string mac_address(std::string_view oui, std::uint32_t low24) {
    char text[24];
    std::snprintf(text, sizeof text, "%.8s:%02x:%02x:%02x", oui.data(), (low24 >> 16) & 0xff,
                  (low24 >> 8) & 0xff, low24 & 0xff);
    return text;
}

std::string dotted(unsigned a, unsigned b, unsigned c, unsigned d) {
    return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "." +
           std::to_string(d);
}

std::vector<junos_port> physical_ports(const device_profile& p, const model_info& model) {
    stable_random r{p.seed, p.name, "ports"};
    stable_random mac{p.seed, p.name, "mac"};
    const auto oui = pick(juniper_ouis, mac);
    const auto base = static_cast<std::uint32_t>(mac.below(0xffff00));

    std::vector<junos_port> ports;
    ports.push_back({std::string(model.management_port), port_kind::management,
                     mac_address(oui, base + 0xfe), true, 1, 1});
    for (unsigned i = 0; i < model.ethernet_ports; ++i)
        ports.push_back({"ge-0/0/" + std::to_string(i), port_kind::ethernet,
                         mac_address(oui, base + i), r.below(10) < 8, 148 + i, 500 + i});
    ports.push_back({"lo0", port_kind::loopback, "", true, 6, 6});
    return ports;
}

// Point-to-point /30 links in one 10.a.b.0/24 block, a /32 loopback and a management /24.
void plan_addresses(const device_profile& p, junos_facts& facts) {
    stable_random r{p.seed, p.name, "addresses"};
    const auto a = unsigned(r.between(1, 254));
    const auto b = unsigned(r.below(256));
    const auto lo_c = unsigned(r.below(256));
    const auto lo_d = unsigned(r.between(1, 254));
    const auto mgmt_c = unsigned(r.below(256));
    const auto mgmt_d = unsigned(r.between(10, 250));

    unsigned index = 0; // of the Ethernet port: its /30 in the block
    for (const auto& port : facts.ports) {
        if (port.kind != port_kind::ethernet)
            continue;
        port_plan plan{port.name, "", "", r.below(10) == 0};
        if (!plan.disabled && r.below(10) < 6) {
            plan.address = dotted(10, a, b, 4 * index + 1) + "/30";
            plan.description = "p2p to " + dotted(10, a, b, 4 * index + 2);
        }
        if (plan.disabled || !plan.address.empty())
            facts.configured_ports.push_back(std::move(plan));
        ++index;
    }
    facts.configured_ports.push_back({"lo0", "", dotted(10, 255, lo_c, lo_d) + "/32", false});
    facts.configured_ports.push_back(
        {facts.ports.front().name, "management", dotted(172, 16, mgmt_c, mgmt_d) + "/24", false});
    facts.default_gateway = dotted(172, 16, mgmt_c, 1);
}

std::vector<chassis_part> hardware(const device_profile& p, const junos_facts& facts,
                                   const model_info& model) {
    stable_random r{p.seed, p.name, "hardware"};
    const auto rev = [&] { return "REV " + std::to_string(r.between(1, 40)); };
    return {
        {"Chassis", "", "", facts.serial, std::string(model.chassis)},
        {"Routing Engine 0", rev(), part_number(r), hex_serial("9009", 6, r),
         std::string(model.routing_engine)},
        {"FPC 0", rev(), part_number(r), hex_serial("CAD", 5, r), std::string(model.fpc)},
        {"  PIC 0", "", "BUILTIN", "BUILTIN", std::string(model.pic)},
        {"Power Supply 0", rev(), part_number(r), hex_serial("1EDB", 7, r),
         std::string(model.power_supply)},
        {"Fan Tray 0", "", "", "", "Fan Tray"},
    };
}

std::string load_averages(const device_profile& p) {
    stable_random r{p.seed, p.name, "load"};
    char text[32];
    std::snprintf(text, sizeof text, "%u.%02u, %u.%02u, %u.%02u", unsigned(r.below(2)),
                  unsigned(r.below(100)), unsigned(r.below(2)), unsigned(r.below(100)),
                  unsigned(r.below(2)), unsigned(r.below(100)));
    return text;
}

} // namespace

junos_facts make_junos_facts(const device_profile& profile) {
    using namespace std::chrono;
    junos_facts facts;
    stable_random r{profile.seed, profile.name, "platform"};
    const auto& model = pick(models, r);
    const auto& software = pick(releases, r);
    facts.model = model.model;
    facts.version = software.version;
    facts.build_date = software.build_date;
    facts.serial = hex_serial(model.serial_prefix, 10, r);
    facts.ports = physical_ports(profile, model);
    plan_addresses(profile, facts);
    facts.autonomous_system = 64512 + unsigned(r.below(1000));
    facts.hardware = hardware(profile, facts, model);

    stable_random clock{profile.seed, profile.name, "clock"};
    facts.uptime_at_start = seconds{clock.between(86400, 400 * 86400)};
    facts.wall_at_start = models::draw_wall_start(clock);
    facts.last_commit = facts.wall_at_start - seconds{clock.between(3600, 45 * 86400)};
    facts.load_averages = load_averages(profile);
    return facts;
}

} // namespace sim::junos
