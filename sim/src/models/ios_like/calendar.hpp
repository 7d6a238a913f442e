// Wall-clock times and uptimes of the IOS-shaped platforms. The wall clock and the calendar
// pieces are every model's (models/common); the uptime's wording is IOS's and EOS's.
#pragma once

#include "models/common/calendar.hpp"
#include "models/common/wall_clock.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace sim::ios_like {

// To the millisecond: IOS's show clock prints them.
using device_clock = models::wall_clock<std::chrono::milliseconds>;
using wall_time = device_clock::time_point;

// "1 year, 2 weeks, 3 days, 4 hours, 5 minutes": the units that are not zero, and minutes
// always; `last_separator` joins the last two (", " on IOS, " and " on EOS).
std::string uptime_text(std::chrono::seconds uptime, std::string_view last_separator);

} // namespace sim::ios_like
