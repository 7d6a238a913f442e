#include "models/ios_like/calendar.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace sim::ios_like {

std::string uptime_text(std::chrono::seconds uptime, std::string_view last_separator) {
    struct unit {
        std::string_view name;
        std::int64_t seconds;
    };
    static constexpr std::array<unit, 5> units{{{"year", 365 * 86400},
                                                {"week", 7 * 86400},
                                                {"day", 86400},
                                                {"hour", 3600},
                                                {"minute", 60}}};
    std::int64_t left = uptime.count() < 0 ? 0 : uptime.count();
    std::vector<std::string> parts;
    for (const auto& u : units) {
        const std::int64_t n = left / u.seconds;
        left %= u.seconds;
        if (n > 0 || u.name == "minute") {
            parts.push_back(std::to_string(n) + " " + std::string(u.name) + (n == 1 ? "" : "s"));
        }
    }
    std::string out = parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) {
        out += (i + 1 == parts.size() ? std::string(last_separator) : std::string(", "));
        out += parts[i];
    }
    return out;
}

} // namespace sim::ios_like
