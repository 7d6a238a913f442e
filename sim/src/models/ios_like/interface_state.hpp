// An interface as show commands see it now: its port's facts combined with what the running
// configuration says (address, description, MTU, shutdown).
#pragma once

#include "models/ios_like/config_store.hpp"
#include "models/ios_like/device_facts.hpp"
#include "models/ios_like/interface_names.hpp"
#include "models/ios_like/ipv4.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sim::ios_like {

class dialect;

struct interface_state {
    std::string name;
    const interface_type* type = nullptr;
    const port_fact* port = nullptr; // nullptr for Loopback, Vlan, Port-channel
    std::string description;
    std::optional<ipv4_prefix> address;
    unsigned mtu = 1500;
    bool admin_up = true;
    bool link_up = true;

    bool line_up() const noexcept { return admin_up && link_up; }
};

// Every "interface" section of `running`, in configuration order.
std::vector<interface_state> interface_states(const config_store& running,
                                              const device_facts& facts, const dialect& vendor);

// The interface called `name`; nullptr when there is none.
const interface_state* find_interface(std::span<const interface_state> interfaces,
                                      std::string_view name);

} // namespace sim::ios_like
