// The text of Junos's operational "show" commands, computed from the device's state.
#pragma once

#include "junos_state.hpp"

#include <sim/device_model.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace sim::junos {

std::string show_version(const junos_state& device);
std::string show_system_information(const junos_state& device);
std::string show_system_uptime(const junos_state& device, sim_clock::time_point now);
std::string show_system_commit(const junos_state& device);
std::string show_chassis_hardware(const junos_state& device);
std::string show_route_summary(const junos_state& device);

// `only`: one interface and its units, or "" for all.
std::string show_interfaces_terse(const junos_state& device, std::string_view only);
// One interface's detail, or all of them for ""; nullopt when there is no such interface.
std::optional<std::string> show_interfaces(const junos_state& device, std::string_view only,
                                           sim_clock::time_point now);

} // namespace sim::junos
