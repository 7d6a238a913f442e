#include "initial_config.hpp"

#include <sim/stable_random.hpp>

#include <string_view>

namespace sim::junos {
namespace {

// A SHA-512 crypt string: only its shape matters, it never has to verify.
std::string crypt_hash(stable_random& r) {
    constexpr std::string_view alphabet =
        "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const auto chars = [&](int n) {
        std::string s;
        for (int i = 0; i < n; ++i)
            s += alphabet[r.below(alphabet.size())];
        return s;
    };
    return "$6$" + chars(8) + "$" + chars(86);
}

std::string address_only(const std::string& prefix) {
    return prefix.substr(0, prefix.find('/'));
}

void add_system(config_node& root, const device_profile& profile) {
    stable_random r{profile.seed, profile.name, "passwords"};
    const std::string user = "user " + config_word(profile.username);
    set_statement(root, {{"system"}, {"host-name", profile.hostname}});
    set_statement(root,
                  {{"system"}, {"root-authentication"}, {"encrypted-password", crypt_hash(r)}});
    set_statement(root, {{"system"}, {"login"}, {user}, {"uid", "2000"}});
    set_statement(root, {{"system"}, {"login"}, {user}, {"class", "super-user"}});
    set_statement(
        root,
        {{"system"}, {"login"}, {user}, {"authentication"}, {"encrypted-password", crypt_hash(r)}});
    set_statement(root, {{"system"}, {"services"}, {"ssh"}});
    set_statement(root, {{"system"}, {"services"}, {"netconf"}, {"ssh"}});
    set_statement(root, {{"system"}, {"syslog"}, {"file messages"}, {"any", "notice"}});
}

void add_interfaces(config_node& root, const junos_facts& facts) {
    for (const auto& port : facts.configured_ports) {
        const path_step interfaces{"interfaces"};
        const path_step name{port.name};
        if (!port.description.empty())
            set_statement(root, {interfaces, name, {"description", port.description}});
        if (port.disabled)
            set_statement(root, {interfaces, name, {"disable"}});
        if (!port.address.empty())
            set_statement(
                root, {interfaces, name, {"unit 0"}, {"family inet"}, {"address " + port.address}});
    }
}

void add_routing(config_node& root, const junos_facts& facts) {
    const path_step options{"routing-options"};
    set_statement(root,
                  {options, {"static"}, {"route 0.0.0.0/0"}, {"next-hop", facts.default_gateway}});
    for (const auto& port : facts.configured_ports)
        if (port.name == "lo0")
            set_statement(root, {options, {"router-id", address_only(port.address)}});
    set_statement(root, {options, {"autonomous-system", std::to_string(facts.autonomous_system)}});
    set_statement(root, {{"protocols"}, {"lldp"}, {"interface all"}});
}

} // namespace

config_node initial_config(const device_profile& profile, const junos_facts& facts) {
    config_node root;
    set_statement(root, {{"version", facts.version}});
    add_system(root, profile);
    add_interfaces(root, facts);
    add_routing(root, facts);
    return root;
}

} // namespace sim::junos
