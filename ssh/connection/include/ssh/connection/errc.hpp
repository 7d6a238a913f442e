#pragma once
// Errors of the connection layer (category "ssh.connection").

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace ssh::connection {

enum class errc {
    // The peer broke the protocol; the session should disconnect (RFC 4253 §11.1, reason 2).
    bad_message = 1,           // a message that does not parse
    unexpected_message,        // a message not allowed in the channel's state
    unknown_channel,           // recipient channel unknown, unconfirmed or closed (RFC 4254 §5)
    window_exceeded,           // data beyond the window we advertised (RFC 4254 §5.2)
    packet_exceeded,           // data longer than the max packet we advertised (RFC 4254 §5.2)
    window_overflow,           // WINDOW_ADJUST taking the window above 2^32-1 (RFC 4254 §5.2)
    too_many_pending_requests, // the peer awaits more replies than we keep track of
    // Not ours: a message number 101-127 this layer does not know; the session answers
    // SSH_MSG_UNIMPLEMENTED (RFC 4253 §11.4) and carries on.
    unimplemented_message,
    // Refused local operations; nothing was sent.
    too_many_channels, // connection_config::max_channels reached
    channel_not_open,  // no such channel, or not confirmed yet
    channel_closed,    // we sent CLOSE on this channel (RFC 4254 §5.3)
    eof_sent,          // data after our EOF (RFC 4254 §5.3)
    too_many_requests, // too many of our want_reply requests await their replies
    invalid_argument,  // a value the protocol cannot carry (tty opcode, consumed count...)
    message_too_large, // the payload would exceed the packet limit
};

const boost::system::error_category& connection_category() noexcept;
boost::system::error_code make_error_code(errc e) noexcept;

} // namespace ssh::connection

template <>
struct boost::system::is_error_code_enum<ssh::connection::errc> : std::true_type {};
