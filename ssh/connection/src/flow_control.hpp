#pragma once
// Window arithmetic of RFC 4254 §5.2, for both directions, apart from message handling.

#include <ssh/connection/channel_table.hpp>

#include <cstddef>
#include <cstdint>

namespace ssh::connection::detail {

// Whether `len` more bytes of received data fit in what we advertised, tolerating
// slack_percent of window_max beyond it (never beyond 2^32-1 outstanding).
bool fits_window(const channel& ch, std::size_t len, std::uint32_t slack_percent) noexcept;

// OpenSSH's rule for returning window: once the peer has used more than three max packets,
// or more than half the window, return everything the application consumed. Returns the
// WINDOW_ADJUST amount to send (0: none now) and counts it as returned.
std::uint32_t take_credit(channel& ch, std::uint32_t max_packet) noexcept;

// Bytes of the next data message: at most the peer's window, the peer's max packet and our
// own cap (RFC 4254 §5.2).
std::uint32_t next_chunk(const channel& ch, std::size_t left, std::uint32_t our_cap) noexcept;

// Adds a WINDOW_ADJUST; false (and no change) if the window would pass 2^32-1.
bool add_remote_window(channel& ch, std::uint32_t n) noexcept;

} // namespace ssh::connection::detail
