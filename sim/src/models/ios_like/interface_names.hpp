// Interface types and names: "gi0/1", "Gi 1/0/3", "et1", "lo0" and "vlan10" resolve to the
// full names IOS and EOS print ("GigabitEthernet0/1", "Ethernet1", "Loopback0", "Vlan10").
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sim::ios_like {

struct interface_type {
    std::string_view name;       // "GigabitEthernet"
    std::string_view short_name; // "Gi"
    bool is_virtual;             // created by "interface <name>" (Loopback, Vlan, Port-channel)
    std::string_view hardware;   // "Gigabit Ethernet", as show interfaces names it
    unsigned bandwidth_kbit;
    unsigned mtu;
};

struct interface_name {
    const interface_type* type = nullptr;
    std::string full; // "GigabitEthernet1/0/3"
};

// The interface `typed` names: a unique prefix of a type's name (any case) followed by its
// number ("1/0/3"), spaces allowed between. nullopt when the type is unknown or ambiguous or
// the number malformed; whether the interface exists is the caller's question.
std::optional<interface_name> resolve_interface_name(std::string_view typed,
                                                     std::span<const interface_type> types);

// The type of a full name ("Loopback0" -> Loopback); nullptr when none matches.
const interface_type* interface_type_of(std::string_view full_name,
                                        std::span<const interface_type> types);

// "GigabitEthernet1/0/3" -> "Gi1/0/3".
std::string short_interface_name(std::string_view full_name, std::span<const interface_type> types);

} // namespace sim::ios_like
