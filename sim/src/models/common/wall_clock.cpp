#include "models/common/wall_clock.hpp"

namespace sim::models {

std::chrono::sys_seconds draw_wall_start(stable_random& random) {
    // The time of day is drawn before the day: the order in which GCC evaluated the one
    // expression this replaces, kept so that every device reads the same time as before.
    const std::chrono::seconds time_of_day{random.below(86400)};
    const std::chrono::days day{random.below(700)};
    return calendar_origin + day + time_of_day;
}

} // namespace sim::models
