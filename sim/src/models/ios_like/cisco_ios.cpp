// Cisco IOS XE: hardware catalog, command-line conventions and the configuration a device
// starts with.
#include "models/ios_like/cisco_ios_dialect.hpp"
#include "models/ios_like/formatting.hpp"
#include "models/ios_like/ios_like_device.hpp"

#include <array>

namespace sim::ios_like {
namespace {

constexpr std::string_view copper = "10/100/1000BaseTX";

constexpr port_group c9300_48_ports[] = {{"GigabitEthernet", "1/0/", 1, 48, 1000, copper}};
constexpr port_group c9300_24_ports[] = {{"GigabitEthernet", "1/0/", 1, 24, 1000, copper}};
constexpr port_group c9200l_ports[] = {{"GigabitEthernet", "1/0/", 1, 24, 1000, copper},
                                       {"GigabitEthernet", "1/1/", 1, 4, 1000, "1000BaseSX SFP"}};
constexpr port_group isr4451_ports[] = {{"GigabitEthernet", "0/0/", 0, 4, 1000, "RJ45"},
                                        {"GigabitEthernet", "0/1/", 0, 8, 1000, "RJ45"}};
constexpr port_group c8300_ports[] = {
    {"GigabitEthernet", "0/0/", 0, 6, 1000, "RJ45"},
    {"TenGigabitEthernet", "0/1/", 0, 2, 10000, "SFP-10GBase-SR"}};
constexpr port_group switch_management{"GigabitEthernet", "0/", 0, 1, 1000, "RJ45"};
constexpr port_group router_management{"GigabitEthernet", "", 0, 1, 1000, "RJ45"};

constexpr std::string_view catalyst_l3 = "Catalyst L3 Switch Software (CAT9K_IOSXE)";

constexpr hardware_model models[] = {
    {"C9300-48P", "C9300-48P", "PWR-C1-715WAC", c9300_48_ports, switch_management, catalyst_l3,
     "flash:packages.conf", "X86", "", "", 8388608},
    {"C9300-24T", "C9300-24T", "PWR-C1-350WAC", c9300_24_ports, switch_management, catalyst_l3,
     "flash:packages.conf", "X86", "", "", 8388608},
    {"C9200L-24P-4G", "C9200L-24P-4G", "PWR-C5-600WAC", c9200l_ports, switch_management,
     "Catalyst L3 Switch Software (CAT9K_LITE_IOSXE)", "flash:packages.conf", "ARM64", "", "",
     2097152},
    {"ISR4451-X/K9", "Cisco ISR4451 Chassis", "PWR-4450-AC", isr4451_ports, router_management,
     "ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M)",
     "bootflash:isr4400-universalk9.{version}.SPA.bin", "2RU", "", "", 8388608},
    {"C8300-1N1S-6T", "Cisco C8300-1N1S-6T Chassis", "PWR-CC1-250WAC", c8300_ports,
     router_management, "c8000be (X86_64_LINUX_IOSD-UNIVERSALK9-M)",
     "bootflash:c8000be-universalk9.{version}.SPA.bin", "1RU", "", "", 8388608},
};

constexpr std::string_view versions[] = {"17.03.08a", "17.06.05", "17.09.04a", "17.12.02"};
constexpr std::uint32_t mac_ouis[] = {0x70DB98, 0x0CD0F8, 0x00EBD5, 0xA0B439};

// "FOC2145X0AB": a factory code, the year and week of manufacture, four more characters.
std::string cisco_serial(stable_random& random) {
    static constexpr std::array<std::string_view, 5> factories{"FOC", "FDO", "FCW", "FJC", "FXS"};
    std::string serial(factories[random.below(factories.size())]);
    serial += std::to_string(random.between(19, 24)) + two_digits(random.between(1, 52));
    return serial + random_text(random, alphanumerics, 4);
}

constexpr platform_catalog ios_catalog{models, versions, mac_ouis, cisco_serial};

constexpr interface_type types[] = {
    {"GigabitEthernet", "Gi", false, "Gigabit Ethernet", 1000000, 1500},
    {"TenGigabitEthernet", "Te", false, "Ten Gigabit Ethernet", 10000000, 1500},
    {"Loopback", "Lo", true, "Loopback", 8000000, 1514},
    {"Vlan", "Vl", true, "Ethernet SVI", 1000000, 1500},
    {"Port-channel", "Po", true, "EtherChannel", 1000000, 1500},
};

constexpr std::string_view global_order[] = {"version",
                                             "service",
                                             "hostname",
                                             "boot-start-marker",
                                             "vrf",
                                             "enable",
                                             "aaa",
                                             "clock",
                                             "ip domain-name",
                                             "ip name-server",
                                             "ip routing",
                                             "login",
                                             "username",
                                             "vlan",
                                             "spanning-tree",
                                             "interface",
                                             "router",
                                             "ip http",
                                             "ip route",
                                             "ip access-list",
                                             "access-list",
                                             "logging",
                                             "snmp-server",
                                             "ntp",
                                             "banner",
                                             "line"};
constexpr std::string_view section_order[] = {"description", "switchport", "mtu",   "ip address",
                                              "shutdown",    "speed",      "duplex"};

constexpr cli_conventions ios_conventions{
    "Router",
    "Enter configuration commands, one per line.  End with CNTL/Z.\n",
    "Building configuration...\n[OK]\n",
    "Destination filename [startup-config]? ",
    false,
    false,
    true,
    " ",
    512,
    global_order,
    section_order,
};

void add_interface(config_store& config, const std::string& name,
                   const std::optional<ipv4_prefix>& address, bool shut) {
    const std::string header = "interface " + name;
    config.add_section(header);
    config.set_in(header,
                  address ? "ip address " + ios_address_arguments(*address) : "no ip address", {2});
    if (shut) {
        config.set_in(header, "shutdown", {1});
    }
}

} // namespace

std::string ios_address_arguments(const ipv4_prefix& prefix) {
    return format_ipv4(prefix.address) + " " + format_ipv4(netmask(prefix.length));
}

cisco_ios_dialect::cisco_ios_dialect()
    : dialect(ios_conventions, ios_catalog, types) {}

config_store cisco_ios_dialect::initial_config(const device_profile& profile,
                                               const device_facts& facts) const {
    constexpr line_key whole{line_key::all_words};
    config_store config{global_order, section_order};
    const std::string release = ios_short_version(facts.version);
    config.set("version " + release.substr(0, release.rfind('.')), {1});
    config.set("service timestamps debug datetime msec", whole);
    config.set("service timestamps log datetime msec", whole);
    config.set("service password-encryption", whole);
    config.set("hostname " + profile.hostname, {1});
    config.set("no aaa new-model", whole);
    config.set("ip domain-name " + facts.domain_name, {2});
    stable_random secrets{profile.seed, profile.name, "secrets"};
    config.set("username " + profile.username + " privilege 15 secret 9 $9$" +
                   random_text(secrets, alphanumerics, 14) + "$" +
                   random_text(secrets, alphanumerics, 43),
               {2});
    config.set("spanning-tree mode rapid-pvst", {2});
    add_interface(config, "Loopback0", facts.loopback, false);
    for (const auto& port : facts.ports) {
        add_interface(config, port.name, port.address, port.shut);
    }
    config.set("ip route 0.0.0.0 0.0.0.0 " + format_ipv4(facts.gateway), whole);
    config.set("logging host " + format_ipv4(facts.syslog_server), whole);
    config.set("snmp-server community " + facts.snmp_community + " RO", {3});
    config.set("ntp server " + format_ipv4(facts.ntp_server), whole);
    config.set_in("line con 0", "logging synchronous", whole);
    config.set_in("line vty 0 4", "login local", whole);
    config.set_in("line vty 0 4", "transport input ssh", whole);
    return config;
}

std::string cisco_ios_dialect::mode_tag(std::string_view kind, std::string_view /*detail*/) const {
    return "config-" + std::string(kind);
}

std::string cisco_ios_dialect::parse_error(const parse_failure& failure, std::size_t caret_column,
                                           std::string_view line) const {
    switch (failure.status) {
    case parse_status::ambiguous:
        return "% Ambiguous command:  \"" + std::string(line) + "\"\n";
    case parse_status::incomplete:
        return "% Incomplete command.\n\n";
    default: // invalid, and privileged commands, which user mode does not know
        return std::string(caret_column, ' ') + "^\n% Invalid input detected at '^' marker.\n\n";
    }
}

std::string cisco_ios_dialect::access_denied(unsigned failures) const {
    return failures % 3 == 0 ? "% Bad secrets\n" : "% Access denied\n";
}

std::optional<ipv4_prefix> cisco_ios_dialect::parse_address(std::string_view arguments) const {
    const auto words = split_words(arguments);
    if (words.size() != 2) {
        return std::nullopt;
    }
    const auto address = parse_ipv4(words[0]);
    const auto mask = parse_ipv4(words[1]);
    const auto length = mask ? netmask_length(*mask) : std::nullopt;
    if (!address || !length) {
        return std::nullopt;
    }
    return ipv4_prefix{*address, *length};
}

} // namespace sim::ios_like

std::unique_ptr<sim::device_model> sim::make_cisco_ios(const device_profile& profile,
                                                       sim_clock::time_point now) {
    return std::make_unique<ios_like::ios_like_device>(
        profile, now, std::make_unique<ios_like::cisco_ios_dialect>());
}
