// The device_model of the IOS-shaped platforms: one device's facts and its running and
// startup configurations, shared by all its sessions; the dialect gives it its vendor.
#pragma once

#include "models/ios_like/calendar.hpp"
#include "models/ios_like/config_store.hpp"
#include "models/ios_like/device_facts.hpp"
#include "models/ios_like/device_view.hpp"
#include "models/ios_like/dialect.hpp"

#include <sim/device_model.hpp>

#include <memory>
#include <string>

namespace sim::ios_like {

class ios_like_device final : public device_model {
public:
    // `boot` is the simulator's start; the device was already up for facts().uptime_at_start.
    ios_like_device(const device_profile& profile, sim_clock::time_point boot,
                    std::unique_ptr<const dialect> vendor);

    std::unique_ptr<cli_context> open_cli(sim_clock::time_point now) override;
    exec_result exec(std::string_view command, sim_clock::time_point now) override;

    const dialect& vendor() const noexcept { return *vendor_; }
    config_store& running() noexcept { return running_; }
    // write memory: the startup configuration becomes the running one.
    void save() { startup_ = running_; }
    std::string hostname() const;
    device_view view(sim_clock::time_point now) const;

private:
    std::unique_ptr<const dialect> vendor_;
    device_facts facts_;
    device_clock clock_; // started at `boot`
    config_store running_;
    config_store startup_;
};

} // namespace sim::ios_like
