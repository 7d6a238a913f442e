#include "models/common/calendar.hpp"

#include <array>
#include <cstdio>

namespace sim::models {

civil_time to_civil(calendar_time time) {
    using namespace std::chrono;
    const auto day = floor<days>(time);
    const year_month_day date{day};
    const hh_mm_ss clock{time - day};
    civil_time out;
    out.year = static_cast<int>(date.year());
    out.month = static_cast<unsigned>(date.month());
    out.day = static_cast<unsigned>(date.day());
    out.weekday = weekday{day}.c_encoding();
    out.hour = static_cast<unsigned>(clock.hours().count());
    out.minute = static_cast<unsigned>(clock.minutes().count());
    out.second = static_cast<unsigned>(clock.seconds().count());
    out.millisecond = static_cast<unsigned>(clock.subseconds().count());
    return out;
}

std::string_view month_name(unsigned month) {
    static constexpr std::array<std::string_view, 12> names{
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return names[(month + 11) % 12];
}

std::string_view weekday_name(unsigned weekday) {
    static constexpr std::array<std::string_view, 7> names{"Sun", "Mon", "Tue", "Wed",
                                                           "Thu", "Fri", "Sat"};
    return names[weekday % 7];
}

std::string time_of_day(const civil_time& time) {
    char text[40];
    std::snprintf(text, sizeof text, "%02u:%02u:%02u", time.hour, time.minute, time.second);
    return text;
}

std::string iso_date(const civil_time& time) {
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", time.year, time.month, time.day);
    return text;
}

std::string ctime_text(calendar_time time, bool zone) {
    const civil_time civil = to_civil(time);
    char day[16];
    std::snprintf(day, sizeof day, "%2u", civil.day);
    return std::string(weekday_name(civil.weekday)) + " " + std::string(month_name(civil.month)) +
           " " + day + " " + time_of_day(civil) + (zone ? " UTC " : " ") +
           std::to_string(civil.year);
}

} // namespace sim::models
