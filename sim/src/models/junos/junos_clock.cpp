#include "junos_clock.hpp"

#include "models/common/calendar.hpp"

#include <cstdio>

namespace sim::junos {

std::string format_timestamp(wall_time t) {
    const auto civil = models::to_civil(t);
    return models::iso_date(civil) + " " + models::time_of_day(civil) + " UTC";
}

std::string format_age(std::chrono::seconds age) {
    const long long total = age.count() < 0 ? 0 : age.count();
    const long long weeks = total / 604800;
    const long long days = total % 604800 / 86400;
    const long long hours = total % 86400 / 3600;
    const long long minutes = total % 3600 / 60;
    char text[48];
    if (weeks > 0)
        std::snprintf(text, sizeof text, "%lldw%lldd %02lld:%02lld", weeks, days, hours, minutes);
    else if (days > 0)
        std::snprintf(text, sizeof text, "%lldd %02lld:%02lld", days, hours, minutes);
    else
        std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", hours, minutes, total % 60);
    return text;
}

std::string format_clock_12h(wall_time t) {
    const std::chrono::hh_mm_ss time{t - std::chrono::floor<std::chrono::days>(t)};
    const int hour = int(time.hours().count());
    const int hour12 = hour % 12 == 0 ? 12 : hour % 12;
    char text[16];
    std::snprintf(text, sizeof text, "%2d:%02d%s", hour12, int(time.minutes().count()),
                  hour < 12 ? "AM" : "PM");
    return text;
}

} // namespace sim::junos
