#pragma once
// Small helpers shared by the wire tests.

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wire_test {

using byte_vector = std::vector<std::uint8_t>;

// "00000008 09a378f9" -> bytes; spaces are ignored so vectors can be copied from the RFC.
inline byte_vector from_hex(std::string_view hex) {
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        throw std::invalid_argument("bad hex digit");
    };
    byte_vector out;
    int high = -1;
    for (char c : hex) {
        if (c == ' ')
            continue;
        if (high < 0) {
            high = nibble(c);
        } else {
            out.push_back(static_cast<std::uint8_t>(high * 16 + nibble(c)));
            high = -1;
        }
    }
    if (high >= 0)
        throw std::invalid_argument("odd number of hex digits");
    return out;
}

inline std::string to_hex(const std::vector<std::uint8_t>& b) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::uint8_t x : b) {
        out.push_back(digits[x >> 4]);
        out.push_back(digits[x & 15]);
    }
    return out;
}

// The bytes of a string, e.g. a string's contents written with its length by hand.
inline byte_vector bytes_of(std::string_view s) {
    return {s.begin(), s.end()};
}

inline byte_vector concat(std::initializer_list<byte_vector> parts) {
    byte_vector out;
    for (const auto& p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

} // namespace wire_test
