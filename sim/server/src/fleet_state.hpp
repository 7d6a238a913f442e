// Private: what a running fleet holds.
#pragma once

#include "device_runtime.hpp"

#include <sim/fleet.hpp>

namespace sim {

struct fleet::state {
    std::shared_ptr<server::fleet_shared> shared;
    std::vector<std::shared_ptr<server::device_runtime>> runtimes;
    std::vector<device_info> infos;
};

} // namespace sim
