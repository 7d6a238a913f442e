// Arista EOS: hardware catalog, command-line conventions and the configuration a device
// starts with.
#include "models/ios_like/arista_eos_dialect.hpp"
#include "models/ios_like/formatting.hpp"
#include "models/ios_like/ios_like_device.hpp"

#include <array>

namespace sim::ios_like {
namespace {

constexpr port_group ports_48x25g[] = {{"Ethernet", "", 1, 48, 25000, "25GBASE-SR"}};
constexpr port_group ports_32x100g[] = {{"Ethernet", "", 1, 32, 100000, "100GBASE-SR4"}};
constexpr port_group ports_48x2500[] = {{"Ethernet", "", 1, 48, 2500, "2.5GBASE-T"}};
constexpr port_group ports_24x2500[] = {{"Ethernet", "", 1, 24, 2500, "2.5GBASE-T"}};
constexpr port_group management{"Management", "", 1, 1, 1000, "10/100/1000"};

constexpr hardware_model models[] = {
    {"DCS-7050SX3-48YC8", "48x25GbE SFP & 8x100GbE QSFP switch", "PWR-500AC-F", ports_48x25g,
     management, "", "", "", "11.01", "Strata-4GB", 8099732},
    {"DCS-7280CR3-32P4", "32x100GbE QSFP & 4x400GbE OSFP switch", "PWR-1900AC-F", ports_32x100g,
     management, "", "", "", "20.00", "Sand-4GB", 32551372},
    {"CCS-720XP-48ZC2", "48x2.5GbE PoE & 4x25GbE SFP & 2x100GbE QSFP switch", "PWR-1900AC-F",
     ports_48x2500, management, "", "", "", "11.00", "Strata-4GB", 8099732},
    {"CCS-720XP-24ZY4", "24x2.5GbE PoE & 4x25GbE SFP switch", "PWR-1050AC-F", ports_24x2500,
     management, "", "", "", "11.00", "Strata-4GB", 8099732},
};

constexpr std::string_view versions[] = {"4.27.5M", "4.28.3M", "4.29.2F", "4.30.1F", "4.31.2F"};
constexpr std::uint32_t mac_ouis[] = {0x001C73, 0x444CA8, 0x28993A, 0x985D82};

// "JPE14080421": a factory code and eight digits.
std::string arista_serial(stable_random& random) {
    static constexpr std::array<std::string_view, 5> factories{"JPE", "SSJ", "HSH", "JAS", "SGD"};
    return std::string(factories[random.below(factories.size())]) + random_text(random, digits, 8);
}

constexpr platform_catalog eos_catalog{models, versions, mac_ouis, arista_serial};

constexpr interface_type types[] = {
    {"Ethernet", "Et", false, "Ethernet", 0, 1500},
    {"Management", "Ma", false, "Ethernet", 0, 1500},
    {"Loopback", "Lo", true, "Loopback", 0, 65535},
    {"Vlan", "Vl", true, "Vlan", 0, 1500},
    {"Port-Channel", "Po", true, "Port-Channel", 0, 1500},
};

constexpr std::string_view global_order[] = {"aaa",
                                             "username",
                                             "transceiver",
                                             "service",
                                             "hostname",
                                             "ip name-server",
                                             "ip domain-name",
                                             "ntp",
                                             "snmp-server",
                                             "spanning-tree",
                                             "vlan",
                                             "interface",
                                             "ip access-list",
                                             "access-list",
                                             "ip routing",
                                             "ip route",
                                             "router",
                                             "logging",
                                             "banner",
                                             "line",
                                             "management"};
constexpr std::string_view section_order[] = {"description", "shutdown",   "speed",     "duplex",
                                              "mtu",         "switchport", "ip address"};

constexpr cli_conventions eos_conventions{
    "localhost",
    "",
    "Copy completed successfully.\n",
    "",
    true,
    true,
    false,
    "   ",
    32767,
    global_order,
    section_order,
};

void add_interface(config_store& config, const std::string& name,
                   const std::optional<ipv4_prefix>& address, bool shut, bool routed) {
    const std::string header = "interface " + name;
    config.add_section(header);
    if (shut) {
        config.set_in(header, "shutdown", {1});
    }
    if (routed) {
        config.set_in(header, "no switchport", {line_key::all_words});
    }
    if (address) {
        config.set_in(header, "ip address " + format_ipv4_prefix(*address), {2});
    }
}

} // namespace

arista_eos_dialect::arista_eos_dialect()
    : dialect(eos_conventions, eos_catalog, types) {}

config_store arista_eos_dialect::initial_config(const device_profile& profile,
                                                const device_facts& facts) const {
    constexpr line_key whole{line_key::all_words};
    config_store config{global_order, section_order};
    config.set("no aaa root", whole);
    stable_random secrets{profile.seed, profile.name, "secrets"};
    config.set(
        "username " + profile.username + " privilege 15 role network-admin secret sha512 $6$" +
            random_text(secrets, alphanumerics, 16) + "$" + random_text(secrets, alphanumerics, 86),
        {2});
    config.set("service routing protocols model multi-agent", whole);
    config.set("hostname " + profile.hostname, {1});
    config.set("ip domain-name " + facts.domain_name, {2});
    config.set("ntp server " + format_ipv4(facts.ntp_server), whole);
    config.set("snmp-server community " + facts.snmp_community + " ro", {3});
    config.set("spanning-tree mode mstp", {2});
    // EOS lists interfaces by name: Ethernet, Loopback, Management.
    for (const auto& port : facts.ports) {
        if (!port.management) {
            add_interface(config, port.name, port.address, port.shut, port.address.has_value());
        }
    }
    add_interface(config, "Loopback0", facts.loopback, false, false);
    for (const auto& port : facts.ports) {
        if (port.management) {
            add_interface(config, port.name, port.address, false, false);
        }
    }
    config.set("ip routing", whole);
    config.set("ip route 0.0.0.0/0 " + format_ipv4(facts.gateway), whole);
    config.set("logging host " + format_ipv4(facts.syslog_server), whole);
    config.set_in("management api http-commands", "no shutdown", whole);
    return config;
}

std::string arista_eos_dialect::mode_tag(std::string_view kind, std::string_view detail) const {
    return "config-" + std::string(kind) + (detail.empty() ? "" : "-" + std::string(detail));
}

std::string arista_eos_dialect::parse_error(const parse_failure& failure,
                                            std::size_t /*caret_column*/,
                                            std::string_view /*line*/) const {
    switch (failure.status) {
    case parse_status::ambiguous:
        return "% Ambiguous command\n";
    case parse_status::incomplete:
        return "% Incomplete command\n";
    case parse_status::privileged_required:
        return "% Invalid input (privileged mode required)\n";
    case parse_status::invalid:
        break;
    }
    return "% Invalid input\n";
}

std::string arista_eos_dialect::access_denied(unsigned /*failures*/) const {
    return "% Access denied\n";
}

std::optional<ipv4_prefix> arista_eos_dialect::parse_address(std::string_view arguments) const {
    const auto words = split_words(arguments);
    return words.size() == 1 ? parse_ipv4_prefix(words[0]) : std::nullopt;
}

} // namespace sim::ios_like

std::unique_ptr<sim::device_model> sim::make_arista_eos(const device_profile& profile,
                                                        sim_clock::time_point now) {
    return std::make_unique<ios_like::ios_like_device>(
        profile, now, std::make_unique<ios_like::arista_eos_dialect>());
}
