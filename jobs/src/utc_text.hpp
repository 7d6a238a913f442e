// Private: a UTC time as text with a strftime format.
#pragma once

#include <chrono>
#include <ctime>
#include <string>

namespace jobs::detail {

inline std::string utc_text(std::chrono::system_clock::time_point t, const char* format) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm parts{};
    ::gmtime_r(&seconds, &parts);
    char text[64];
    return std::string(text, std::strftime(text, sizeof text, format, &parts));
}

} // namespace jobs::detail
