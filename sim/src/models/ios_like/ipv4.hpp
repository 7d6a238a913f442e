// IPv4 addresses and prefixes as interface configuration writes them: IOS "A.B.C.D M.M.M.M",
// EOS "A.B.C.D/len".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sim::ios_like {

struct ipv4_prefix {
    std::uint32_t address = 0;
    unsigned length = 0; // 0..32

    bool operator==(const ipv4_prefix&) const = default;
};

std::optional<std::uint32_t> parse_ipv4(std::string_view text);
std::string format_ipv4(std::uint32_t address);

std::uint32_t netmask(unsigned length) noexcept;
// The prefix length of a contiguous netmask; nullopt for 255.0.255.0 and the like.
std::optional<unsigned> netmask_length(std::uint32_t mask) noexcept;

// "10.1.2.3/24".
std::optional<ipv4_prefix> parse_ipv4_prefix(std::string_view text);
std::string format_ipv4_prefix(const ipv4_prefix& prefix);

} // namespace sim::ios_like
