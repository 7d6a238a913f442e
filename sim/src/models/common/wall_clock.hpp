// A simulated device's wall clock, as every model keeps it: a calendar instant drawn from the
// device's seed, read when the simulator started, and advanced by the simulator's clock from
// then on, so that the same `now` always reads the same time.
#pragma once

#include <sim/device_model.hpp>
#include <sim/stable_random.hpp>

#include <chrono>

namespace sim::models {

// 2024-01-01T00:00:00Z: the drawn wall clocks start on or after it.
inline constexpr std::chrono::sys_days calendar_origin{std::chrono::days{19723}};

// `Precision`: milliseconds where a device prints them (IOS "show clock"), else seconds.
template <typename Precision>
struct wall_clock {
    using time_point = std::chrono::sys_time<Precision>;

    sim_clock::time_point started; // the simulator's start
    time_point wall_at_start;      // what the clock read then

    // How long the simulator has run at `now`; zero before it started.
    sim_clock::duration elapsed(sim_clock::time_point now) const {
        return now > started ? now - started : sim_clock::duration::zero();
    }
    time_point wall(sim_clock::time_point now) const {
        return wall_at_start + std::chrono::duration_cast<Precision>(elapsed(now));
    }
};

// A wall clock start within 700 days of calendar_origin, to the second (Junos, Linux).
std::chrono::sys_seconds draw_wall_start(stable_random& random);

} // namespace sim::models
