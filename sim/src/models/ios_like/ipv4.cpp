#include "models/ios_like/ipv4.hpp"

#include <charconv>

namespace sim::ios_like {
namespace {

std::optional<unsigned> parse_number(std::string_view text, unsigned max) {
    unsigned value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || text.size() > 3 || ec != std::errc{} || ptr != end || value > max) {
        return std::nullopt;
    }
    return value;
}

} // namespace

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
    std::uint32_t address = 0;
    for (int octet = 0; octet < 4; ++octet) {
        const auto dot = text.find('.');
        if ((octet < 3) == (dot == std::string_view::npos)) {
            return std::nullopt;
        }
        const auto value = parse_number(text.substr(0, dot), 255);
        if (!value) {
            return std::nullopt;
        }
        address = (address << 8) | *value;
        text.remove_prefix(octet < 3 ? dot + 1 : text.size());
    }
    return address;
}

std::string format_ipv4(std::uint32_t address) {
    return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xff) + "." +
           std::to_string((address >> 8) & 0xff) + "." + std::to_string(address & 0xff);
}

std::uint32_t netmask(unsigned length) noexcept {
    return length == 0 ? 0 : ~std::uint32_t{0} << (32 - length);
}

std::optional<unsigned> netmask_length(std::uint32_t mask) noexcept {
    for (unsigned length = 0; length <= 32; ++length) {
        if (netmask(length) == mask) {
            return length;
        }
    }
    return std::nullopt;
}

std::optional<ipv4_prefix> parse_ipv4_prefix(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        return std::nullopt;
    }
    const auto address = parse_ipv4(text.substr(0, slash));
    const auto length = parse_number(text.substr(slash + 1), 32);
    if (!address || !length) {
        return std::nullopt;
    }
    return ipv4_prefix{*address, *length};
}

std::string format_ipv4_prefix(const ipv4_prefix& prefix) {
    return format_ipv4(prefix.address) + "/" + std::to_string(prefix.length);
}

} // namespace sim::ios_like
