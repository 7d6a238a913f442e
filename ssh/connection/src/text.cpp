#include "text.hpp"

namespace ssh::connection::detail {

std::string sanitise(std::string_view text, std::size_t max_shown) {
    const auto shown = text.substr(0, max_shown);
    std::string out;
    out.reserve(shown.size() + 3);
    for (const char c : shown)
        out.push_back(c >= 0x20 && c <= 0x7e ? c : '?');
    if (text.size() > max_shown)
        out += "...";
    return out;
}

} // namespace ssh::connection::detail
