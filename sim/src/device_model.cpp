#include <sim/device_model.hpp>

#include <array>
#include <utility>

namespace sim {
namespace {

using factory = std::unique_ptr<device_model> (*)(const device_profile&, sim_clock::time_point);

constexpr std::array<std::pair<std::string_view, factory>, 4> factories{{
    {"cisco_ios", &make_cisco_ios},
    {"arista_eos", &make_arista_eos},
    {"juniper_junos", &make_juniper_junos},
    {"linux", &make_linux_host},
}};

} // namespace

bool has_device_model(std::string_view platform) noexcept {
    for (const auto& [name, make] : factories)
        if (name == platform)
            return true;
    return false;
}

std::unique_ptr<device_model> make_device_model(const device_profile& profile,
                                                sim_clock::time_point now) {
    for (const auto& [name, make] : factories)
        if (name == profile.platform)
            return make(profile, now);
    return nullptr;
}

} // namespace sim
