// Zero bytes counted, not stored. `head -c N /dev/zero` answers its N zeros as a count after
// its text; an exec channel sends them from one static buffer (sim/server channel_sender), so
// a fleet of devices each streaming 64 MiB holds none of it. Where the bytes must exist — piped
// into another command, redirected to stderr, shown by an interactive shell, or followed by
// more output — they are built, up to a bound a simulator can afford on every device at once;
// above it the command fails with a message saying so (a real host would not).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sim::linux_host {

// Built zeros: piped, redirected, shown on a terminal, or followed by text.
inline constexpr std::uint64_t max_built_zeros = std::uint64_t{1} << 20;
// Streamed zeros, per command: 16 GiB take minutes to send; more is surely a mistake.
inline constexpr std::uint64_t max_streamed_zeros = std::uint64_t{16} << 30;

// Appends `zeros` zero bytes to `text` and sets `zeros` to 0; false, changing nothing, above
// max_built_zeros.
bool build_zeros(std::string& text, std::uint64_t& zeros);

// Appends `more` after `text` and its `zeros`, building those first when `more` is not
// empty; false, changing nothing, when they are too many to build.
bool append_after_zeros(std::string& text, std::uint64_t& zeros, std::string_view more);

// "head: simulated host: ... zero bytes ...\n": why `zeros` could not be built.
std::string too_many_zeros(std::string_view program, std::uint64_t zeros);

} // namespace sim::linux_host
