// The interfaces as the active configuration and the hardware make them: which are enabled,
// which links are up, and the addresses of each logical unit.
#pragma once

#include "config_tree.hpp"
#include "junos_facts.hpp"

#include <string>
#include <vector>

namespace sim::junos {

struct family_state {
    std::string name; // "inet", "inet6", "ethernet-switching"
    std::vector<std::string> addresses;
};

struct unit_state {
    std::string name; // "ge-0/0/1.0"
    bool enabled = true;
    bool up = false; // enabled and the physical link up
    std::vector<family_state> families;
};

struct interface_state {
    const junos_port* port = nullptr;
    std::string description;
    bool enabled = true; // no "disable" statement
    bool link_up = false;
    std::vector<unit_state> units;
};

// One entry per port of the facts, in their order; configuration for ports the hardware
// does not have is ignored, as on a real device.
std::vector<interface_state> interface_states(const junos_facts& facts, const config_node& config);

} // namespace sim::junos
