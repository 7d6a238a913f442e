#include "models/ios_like/formatting.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace sim::ios_like {
namespace {

char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string mac_with(std::uint64_t mac, char separator, std::size_t group) {
    static constexpr std::string_view hex = "0123456789abcdef";
    std::string out;
    for (int nibble = 11; nibble >= 0; --nibble) {
        out += hex[(mac >> (nibble * 4)) & 0xf];
        const auto written = static_cast<std::size_t>(12 - nibble);
        if (nibble > 0 && written % group == 0) {
            out += separator;
        }
    }
    return out;
}

} // namespace

std::string pad_right(std::string_view text, std::size_t width) {
    std::string out(text);
    if (out.size() < width) {
        out.append(width - out.size(), ' ');
    }
    return out;
}

std::string pad_left(std::string_view text, std::size_t width) {
    std::string out;
    if (text.size() < width) {
        out.append(width - text.size(), ' ');
    }
    out += text;
    return out;
}

bool equals_ci(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && starts_with_ci(a, b);
}

bool starts_with_ci(std::string_view word, std::string_view prefix) noexcept {
    if (prefix.size() > word.size()) {
        return false;
    }
    return std::equal(prefix.begin(), prefix.end(), word.begin(),
                      [](char x, char y) { return lower(x) == lower(y); });
}

std::string mac_dotted(std::uint64_t mac) {
    return mac_with(mac, '.', 4);
}

std::string mac_colons(std::uint64_t mac) {
    return mac_with(mac, ':', 2);
}

std::string fixed_decimals(double value, int decimals) {
    std::array<char, 64> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                         std::chars_format::fixed, decimals);
    return ec == std::errc{} ? std::string(buffer.data(), end) : std::string("0");
}

std::string link_speed(unsigned mbps, unsigned megabit_limit) {
    if (mbps <= megabit_limit) {
        return std::to_string(mbps) + "Mb/s";
    }
    std::string fraction = std::to_string(1000 + mbps % 1000).substr(1);
    fraction.erase(fraction.find_last_not_of('0') + 1);
    return std::to_string(mbps / 1000) + (fraction.empty() ? "" : "." + fraction) + "Gb/s";
}

std::string two_digits(unsigned value) {
    return (value < 10 ? "0" : "") + std::to_string(value);
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        lines.push_back(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    }
    return lines;
}

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto start = text.find_first_not_of(" \t", at);
        if (start == std::string_view::npos) {
            break;
        }
        const auto end = std::min(text.find_first_of(" \t", start), text.size());
        words.push_back(text.substr(start, end - start));
        at = end;
    }
    return words;
}

} // namespace sim::ios_like
