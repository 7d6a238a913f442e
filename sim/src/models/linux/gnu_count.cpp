#include "gnu_count.hpp"

#include <limits>

namespace sim::linux_host {
namespace {

constexpr std::uint64_t max_count = std::numeric_limits<std::uint64_t>::max();

bool blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// value * factor; false on overflow.
bool scale(std::uint64_t& value, std::uint64_t factor) {
    if (value != 0 && factor > max_count / value)
        return false;
    value *= factor;
    return true;
}

// The power of the base a multiplier letter stands for; 0 for none of them.
int power_of(char letter) {
    switch (letter) {
    case 'k':
    case 'K':
        return 1;
    case 'm':
    case 'M':
        return 2;
    case 'G':
        return 3;
    case 'T':
        return 4;
    case 'P':
        return 5;
    case 'E':
        return 6;
    case 'Z':
        return 7;
    case 'Y':
        return 8;
    default:
        return 0;
    }
}

// Scales `value` by the multiplier `suffix` spells ("K", "kB", "MiB", "b"); false when it
// spells none. `overflow` is set when the product does not fit.
bool apply_multiplier(std::string_view suffix, std::uint64_t& value, bool& overflow) {
    if (suffix[0] == 'b') { // no "B"/"iB" after b: "1bB" is not a count
        overflow = overflow || !scale(value, 512);
        return suffix.size() == 1;
    }
    std::uint64_t base = 1024;
    std::size_t length = 1;
    if (suffix.substr(1).starts_with("iB")) {
        length = 3;
    } else if (suffix.size() > 1 && (suffix[1] == 'B' || suffix[1] == 'D')) {
        base = 1000;
        length = 2;
    }
    for (int i = 0; i < power_of(suffix[0]); ++i)
        overflow = overflow || !scale(value, base);
    return suffix.size() == length;
}

} // namespace

std::variant<std::uint64_t, count_error> parse_gnu_count(std::string_view text) {
    std::size_t at = 0;
    while (at < text.size() && blank(text[at]))
        ++at;
    if (at < text.size() && text[at] == '+')
        ++at;
    const std::size_t digits_start = at;
    std::uint64_t value = 0;
    bool overflow = false;
    for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
        const auto digit = static_cast<std::uint64_t>(text[at] - '0');
        if (!scale(value, 10) || value > max_count - digit)
            overflow = true;
        else
            value += digit;
    }
    const auto suffix = text.substr(at);
    const bool multiplier = !suffix.empty() && (suffix[0] == 'b' || power_of(suffix[0]) > 0);
    if (at == digits_start) {
        // No digits: strtoumax took nothing, so only a multiplier right at the start counts.
        if (!multiplier || digits_start != 0)
            return count_error::invalid;
        value = 1;
    }
    if (!suffix.empty() && !(multiplier && apply_multiplier(suffix, value, overflow)))
        return count_error::invalid; // as GNU, even when the digits overflowed
    if (overflow)
        return count_error::too_large;
    return value;
}

std::string count_error_message(std::string_view program, std::string_view unit,
                                std::string_view text, count_error error) {
    return std::string(program) + ": invalid number of " + std::string(unit) + ": '" +
           std::string(text) + "'" +
           (error == count_error::too_large ? ": Value too large for defined data type" : "") +
           "\n";
}

} // namespace sim::linux_host
