// Counts as GNU coreutils 9.1 reads them for head -c/-n (gnulib xdectoumax with the suffixes
// "bkKmMGTPEZY0"): optional blanks and "+", decimal digits, then an optional multiplier —
// b 512; k K, m M, G, T, P, E, Z, Y powers of 1024, or of 1000 with "B" (or "D") after
// them ("kB"), "iB" meaning 1024 again ("KiB"). A multiplier alone counts one ("K" is 1024).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace sim::linux_host {

enum class count_error {
    invalid,   // not a count
    too_large, // more than 2^64 - 1
};

std::variant<std::uint64_t, count_error> parse_gnu_count(std::string_view text);

// "head: invalid number of bytes: '1x'\n", with ": Value too large for defined data type"
// before the line end when too large. `unit` is "bytes" or "lines".
std::string count_error_message(std::string_view program, std::string_view unit,
                                std::string_view text, count_error error);

} // namespace sim::linux_host
