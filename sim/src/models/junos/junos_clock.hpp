// The wall clock of a simulated Junos device and the time formats its CLI prints.
#pragma once

#include "models/common/wall_clock.hpp"

#include <chrono>
#include <string>

namespace sim::junos {

// A calendar instant fixed by the seed at the model's creation, advanced by the simulator's
// clock: the same `now` always reads the same time.
using device_clock = models::wall_clock<std::chrono::seconds>;
using wall_time = device_clock::time_point;

// "2024-03-05 10:11:12 UTC"
std::string format_timestamp(wall_time t);
// How long ago, as Junos writes it: "1w4d 02:15", "3d 07:00", "00:42:10".
std::string format_age(std::chrono::seconds age);
// The BSD uptime line's clock part: "10:15AM", " 9:05PM".
std::string format_clock_12h(wall_time t);

} // namespace sim::junos
