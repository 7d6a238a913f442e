#include "flow_control.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace ssh::connection::detail {
namespace {

constexpr std::uint64_t window_limit = std::numeric_limits<std::uint32_t>::max();

// Bytes the peer has sent that we have not yet returned.
std::uint64_t outstanding(const channel& ch) noexcept {
    return std::uint64_t{ch.unconsumed} + ch.uncredited;
}

} // namespace

bool fits_window(const channel& ch, std::size_t len, std::uint32_t slack_percent) noexcept {
    const std::uint64_t slack = std::uint64_t{ch.window_max} * slack_percent / 100;
    const std::uint64_t limit = std::min(window_limit, ch.window_max + slack);
    return len <= limit && outstanding(ch) + len <= limit;
}

std::uint32_t take_credit(channel& ch, std::uint32_t max_packet) noexcept {
    if (ch.uncredited == 0)
        return 0;
    // In OpenSSH's terms (channels.c, channel_check_window): window_max - window is what we
    // have not returned yet; window is what the peer may still send (negative when it
    // overshot within the slack).
    const std::uint64_t used = outstanding(ch);
    const std::int64_t window = std::int64_t{ch.window_max} - static_cast<std::int64_t>(used);
    if (used > 3 * std::uint64_t{max_packet} || window < std::int64_t{ch.window_max / 2}) {
        return std::exchange(ch.uncredited, 0);
    }
    return 0;
}

std::uint32_t next_chunk(const channel& ch, std::size_t left, std::uint32_t our_cap) noexcept {
    const std::uint64_t chunk =
        std::min<std::uint64_t>({left, ch.remote_window, ch.remote_max_packet, our_cap});
    return static_cast<std::uint32_t>(chunk);
}

bool add_remote_window(channel& ch, std::uint32_t n) noexcept {
    if (std::uint64_t{ch.remote_window} + n > window_limit)
        return false;
    ch.remote_window += n;
    return true;
}

} // namespace ssh::connection::detail
