#pragma once
// What the connection layer tells the application, drained with connection::next_event().

#include <ssh/wire/reader.hpp>

#include <cstdint>
#include <string>
#include <variant>

namespace ssh::connection {

// Our channel number (RFC 4254 §5.1 "sender channel"). Reused only after CLOSE was both sent
// and received, i.e. after the channel_closed event.
using channel_id = std::uint32_t;

// CHANNEL_DATA, or CHANNEL_EXTENDED_DATA with SSH_EXTENDED_DATA_STDERR (RFC 4254 §5.2).
enum class data_stream : std::uint8_t { out, err };

// Our want_reply requests, for matching replies (RFC 4254 §5.4).
enum class request_kind : std::uint8_t { pty, shell, exec, subsystem, other };

// OPEN_FAILURE reason codes (RFC 4254 §5.1, RFC 4250 §4.3).
namespace open_failure {
inline constexpr std::uint32_t administratively_prohibited = 1;
inline constexpr std::uint32_t connect_failed = 2;
inline constexpr std::uint32_t unknown_channel_type = 3;
inline constexpr std::uint32_t resource_shortage = 4;
} // namespace open_failure

// --- Channels we opened ---

struct open_confirmed {
    channel_id id;
};

// The channel is gone: its id may be reused.
struct open_failed {
    channel_id id;
    std::uint32_t reason;    // open_failure::*
    std::string description; // the peer's text, sanitised and truncated
};

// --- Any open channel ---

// Received data. `bytes` views the payload given to handle() and is valid until the next
// handle(). The window comes back only when the application reports connection::consumed().
struct channel_data {
    channel_id id;
    data_stream stream;
    wire::bytes_view bytes;
};

// The peer sends no more data on this channel (RFC 4254 §5.3); our direction stays open.
struct channel_eof {
    channel_id id;
};

// CLOSE was sent and received (RFC 4254 §5.3): the channel is gone and its id may be reused.
struct channel_closed {
    channel_id id;
};

// The reply to one of our want_reply requests, in request order per channel (RFC 4254 §5.4).
struct request_result {
    channel_id id;
    request_kind kind;
    bool success;
};

// "exit-status" (RFC 4254 §6.10). OpenSSH may send it before the last data and EOF.
struct exit_status {
    channel_id id;
    std::uint32_t code;
};

// "exit-signal" (RFC 4254 §6.10).
struct exit_signal {
    channel_id id;
    std::string signal; // without "SIG", e.g. "TERM"; sanitised
    bool core_dumped;
    std::string message; // sanitised
};

// A send_data() that sent less than asked can go on: the peer opened the window.
struct window_available {
    channel_id id;
};

// --- Connection wide ---

// The reply to our global request with want_reply, in request order (RFC 4254 §4).
// `data` is REQUEST_SUCCESS's request-specific data, valid until the next handle().
struct global_reply {
    bool success;
    wire::bytes_view data;
};

// --- Server role: decisions the application makes ---

// The peer opened a channel: answer with accept_open() or reject_open().
struct open_request {
    channel_id id;
    std::string type; // "session"
};

// A channel request for the application. If want_reply, answer with reply_request(); replies
// go out in request order. `data` (the type-specific fields) is valid until the next handle().
struct channel_request {
    channel_id id;
    std::string name;
    bool want_reply;
    wire::bytes_view data;
};

using connection_event =
    std::variant<open_confirmed, open_failed, channel_data, channel_eof, channel_closed,
                 request_result, exit_status, exit_signal, window_available, global_reply,
                 open_request, channel_request>;

} // namespace ssh::connection
