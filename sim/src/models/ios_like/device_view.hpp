// Everything show commands read, gathered at the moment a command runs.
#pragma once

#include "models/ios_like/calendar.hpp"
#include "models/ios_like/config_store.hpp"
#include "models/ios_like/device_facts.hpp"
#include "models/ios_like/interface_state.hpp"

#include <sim/device_model.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace sim::ios_like {

struct device_view {
    const device_profile& profile;
    const device_facts& facts;
    const config_store& running;
    const config_store& startup;
    std::string hostname;
    std::vector<interface_state> interfaces;
    std::chrono::seconds uptime;
    wall_time clock; // the device's wall clock now
};

} // namespace sim::ios_like
