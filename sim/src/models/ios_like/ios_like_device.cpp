#include "models/ios_like/ios_like_device.hpp"

#include "models/ios_like/cli_session.hpp"
#include "models/ios_like/formatting.hpp"

namespace sim::ios_like {

ios_like_device::ios_like_device(const device_profile& profile, sim_clock::time_point boot,
                                 std::unique_ptr<const dialect> vendor)
    : device_model(profile)
    , vendor_(std::move(vendor))
    , facts_(make_device_facts(profile, vendor_->catalog()))
    , clock_{boot, facts_.wall_clock_at_start}
    , running_(vendor_->initial_config(profile, facts_))
    , startup_(running_) {}

std::unique_ptr<cli_context> ios_like_device::open_cli(sim_clock::time_point /*now*/) {
    return std::make_unique<cli_session>(*this, cli_mode::user);
}

exec_result ios_like_device::exec(std::string_view command, sim_clock::time_point now) {
    // One session at privilege level 15 runs every line; errors go to out, as on the devices.
    cli_session session{*this, cli_mode::privileged};
    exec_result result;
    for (auto line : split_lines(command)) {
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        const command_output answer = session.run(line, now);
        result.out += answer.text;
        if (answer.end_session) {
            break;
        }
    }
    return result;
}

std::string ios_like_device::hostname() const {
    const std::string configured = running_.value_of("hostname");
    return configured.empty() ? std::string(vendor_->conventions().default_hostname) : configured;
}

device_view ios_like_device::view(sim_clock::time_point now) const {
    using namespace std::chrono;
    return device_view{profile(),
                       facts_,
                       running_,
                       startup_,
                       hostname(),
                       interface_states(running_, facts_, *vendor_),
                       facts_.uptime_at_start + duration_cast<seconds>(clock_.elapsed(now)),
                       clock_.wall(now)};
}

} // namespace sim::ios_like
