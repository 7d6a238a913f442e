// Calendar dates and times of day as device output writes them, for every model's wall clock
// (wall_clock.hpp). All in UTC.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace sim::models {

// Seconds convert to it without loss, so the second-precision clocks use it too.
using calendar_time = std::chrono::sys_time<std::chrono::milliseconds>;

struct civil_time {
    int year = 1970;
    unsigned month = 1;   // 1..12
    unsigned day = 1;     // 1..31
    unsigned weekday = 4; // 0 = Sunday
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    unsigned millisecond = 0;
};

civil_time to_civil(calendar_time time);
std::string_view month_name(unsigned month);     // "Jan"
std::string_view weekday_name(unsigned weekday); // "Sun"
// "13:05:09".
std::string time_of_day(const civil_time& time);
// "2024-03-05".
std::string iso_date(const civil_time& time);
// C's ctime() without its "\n": "Tue Mar  5 13:05:09 2024"; with `zone`
// "Tue Mar  5 13:05:09 UTC 2024", as date(1) prints it.
std::string ctime_text(calendar_time time, bool zone);

} // namespace sim::models
