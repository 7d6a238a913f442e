// The configuration a simulated Junos device boots with, built from its facts.
#pragma once

#include "config_tree.hpp"
#include "junos_facts.hpp"

#include <sim/device_model.hpp>

namespace sim::junos {

config_node initial_config(const device_profile& profile, const junos_facts& facts);

} // namespace sim::junos
