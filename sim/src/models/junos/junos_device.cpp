// The Junos device model: its state, shared by every session, and the exec channel.
#include "junos_cli.hpp"
#include "junos_state.hpp"

#include <sim/device_model.hpp>
#include <sim/text.hpp>

namespace sim {
namespace {

class junos_device final : public device_model {
public:
    junos_device(const device_profile& profile, sim_clock::time_point now)
        : device_model(profile)
        , state_(std::make_shared<junos::junos_state>(profile, now)) {}

    std::unique_ptr<cli_context> open_cli(sim_clock::time_point now) override {
        state_->settle(now);
        return std::make_unique<junos::junos_cli>(state_, true);
    }

    // Like "cli -c": the lines run in order in one fresh operational-mode session, so a
    // "configure" line makes the following set/commit lines configuration commands.
    exec_result exec(std::string_view command, sim_clock::time_point now) override {
        junos::junos_cli cli{state_, false};
        exec_result result;
        for (auto line : text::split(command, '\n')) {
            if (line.ends_with('\r'))
                line.remove_suffix(1);
            auto output = cli.run(line, now);
            result.out += output.text;
            if (output.end_session)
                break;
        }
        return result;
    }

private:
    std::shared_ptr<junos::junos_state> state_;
};

} // namespace

std::unique_ptr<device_model> make_juniper_junos(const device_profile& profile,
                                                 sim_clock::time_point now) {
    return std::make_unique<junos_device>(profile, now);
}

} // namespace sim
