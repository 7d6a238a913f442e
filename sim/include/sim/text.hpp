// Small text helpers shared by the simulator's spec parsers.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sim::text {

std::string_view trim(std::string_view s) noexcept;
// Splits at every `sep`; "a;;b" gives an empty middle piece.
std::vector<std::string_view> split(std::string_view s, char sep);
// Digits only (no sign, no spaces), at most `max`.
std::optional<std::uint64_t> parse_unsigned(std::string_view s, std::uint64_t max) noexcept;

} // namespace sim::text
