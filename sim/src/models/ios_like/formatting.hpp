// Text helpers for the IOS-shaped platforms: columns, case-insensitive keyword matching, and
// MAC addresses and numbers written the way network devices write them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sim::ios_like {

// `text` followed by spaces up to `width` characters; never cut (devices let long names
// overflow their column).
std::string pad_right(std::string_view text, std::size_t width);
// Spaces, then `text`, right-aligned in `width` characters.
std::string pad_left(std::string_view text, std::size_t width);

bool equals_ci(std::string_view a, std::string_view b) noexcept;
// Whether `word` begins with `prefix`, ignoring ASCII case.
bool starts_with_ci(std::string_view word, std::string_view prefix) noexcept;

// "001c.7312.3456", as IOS and EOS text output show MACs.
std::string mac_dotted(std::uint64_t mac);
// "00:1c:73:12:34:56", as EOS JSON and IOS show version show them.
std::string mac_colons(std::uint64_t mac);

// `value` with exactly `decimals` digits after the point ("12.50").
std::string fixed_decimals(double value, int decimals);
// A link speed: "1000Mb/s", "10Gb/s", "2.5Gb/s"; megabits up to `megabit_limit` (IOS writes
// gigabit ports as "1000Mb/s", EOS as "1Gb/s").
std::string link_speed(unsigned mbps, unsigned megabit_limit);
// Zero-padded to two digits ("07").
std::string two_digits(unsigned value);

// Lines of `text` without their "\n"; a final line without "\n" counts too.
std::vector<std::string_view> split_lines(std::string_view text);
// The words of `text` separated by spaces or tabs.
std::vector<std::string_view> split_words(std::string_view text);

} // namespace sim::ios_like
