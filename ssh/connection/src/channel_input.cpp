// Channel messages from the peer (RFC 4254 §5.1-§5.3): each is parsed completely and checked
// against the channel's state before it changes anything.
#include "flow_control.hpp"
#include "message.hpp"
#include "text.hpp"

#include <ssh/connection/connection.hpp>
#include <ssh/wire/limits.hpp>

#include <array>
#include <string>

namespace ssh::connection {

using detail::channel;
using detail::channel_state;
using wire::msg;

namespace {

constexpr std::size_t max_string = wire::limits::max_string_length;

// Channel types of RFC 4254 and OpenSSH's PROTOCOL that we know and may refuse on purpose
// (ADMINISTRATIVELY_PROHIBITED); others are UNKNOWN_CHANNEL_TYPE (RFC 4254 §5.1).
bool known_channel_type(std::string_view type) noexcept {
    constexpr std::array<std::string_view, 8> known{
        "session",
        "x11",
        "forwarded-tcpip",
        "direct-tcpip",
        "auth-agent@openssh.com",
        "direct-streamlocal@openssh.com",
        "forwarded-streamlocal@openssh.com",
        "tun@openssh.com",
    };
    for (const auto k : known)
        if (k == type)
            return true;
    return false;
}

} // namespace

void connection::handle(wire::bytes_view payload, boost::system::error_code& ec) {
    if (payload.empty()) {
        ec = errc::bad_message;
        return;
    }
    wire::reader r{payload.subspan(1)};
    switch (static_cast<msg>(payload[0])) {
    case msg::global_request:
        return on_global_request(r, ec);
    case msg::request_success:
        return on_global_reply(true, r, ec);
    case msg::request_failure:
        return on_global_reply(false, r, ec);
    case msg::channel_open:
        return on_channel_open(r, ec);
    case msg::channel_open_confirmation:
        return on_open_confirmation(r, ec);
    case msg::channel_open_failure:
        return on_open_failure(r, ec);
    case msg::channel_window_adjust:
        return on_window_adjust(r, ec);
    case msg::channel_data:
        return on_data(r, false, ec);
    case msg::channel_extended_data:
        return on_data(r, true, ec);
    case msg::channel_eof:
        return on_eof(r, ec);
    case msg::channel_close:
        return on_close(r, ec);
    case msg::channel_request:
        return on_channel_request(r, ec);
    case msg::channel_success:
        return on_channel_reply(true, r, ec);
    case msg::channel_failure:
        return on_channel_reply(false, r, ec);
    default:
        ec = wire::is_connection(payload[0]) ? errc::unimplemented_message
                                             : errc::unexpected_message;
    }
}

// A channel the peer may address: one it knows the number of (RFC 4254 §5). Unconfirmed
// and unknown numbers are fatal, as in OpenSSH.
channel* connection::recipient(channel_id id, boost::system::error_code& ec) noexcept {
    auto* ch = channels_.find(id);
    if (ch == nullptr || ch->state == channel_state::opening ||
        ch->state == channel_state::awaiting_accept) {
        ec = errc::unknown_channel;
        return nullptr;
    }
    return ch;
}

void connection::on_channel_open(wire::reader& r, boost::system::error_code& ec) {
    const auto type = r.text(max_string);
    const auto sender = r.uint32();
    const auto window = r.uint32();
    const auto max_packet = r.uint32();
    if (r.failed()) {
        ec = errc::bad_message;
        return;
    }
    if (config_.side == role::server && type == "session") {
        if (r.remaining() != 0 || max_packet == 0) { // a session has no type-specific data
            ec = errc::bad_message;
            return;
        }
        if (no_more_sessions_)
            return send_open_failure(sender, open_failure::administratively_prohibited,
                                     "no more sessions");
        const auto id = channels_.allocate(channel_state::awaiting_accept);
        if (!id)
            return send_open_failure(sender, open_failure::resource_shortage, "too many channels");
        auto& ch = *channels_.find(*id);
        ch.remote_id = sender;
        ch.remote_window = window;
        ch.remote_max_packet = max_packet;
        ch.window_max = config_.initial_window;
        push(open_request{*id, std::string(type)});
        return;
    }
    // The client role accepts no channel from the server (forwarded-tcpip, x11, agent...).
    if (known_channel_type(type))
        send_open_failure(sender, open_failure::administratively_prohibited,
                          "channel type not allowed");
    else
        send_open_failure(sender, open_failure::unknown_channel_type, "unknown channel type");
}

void connection::on_open_confirmation(wire::reader& r, boost::system::error_code& ec) {
    const channel_id id = r.uint32();
    const auto sender = r.uint32();
    const auto window = r.uint32();
    const auto max_packet = r.uint32();
    // Channel-type-specific data may follow; a session has none, and it is ignored.
    if (r.failed() || max_packet == 0) {
        ec = errc::bad_message;
        return;
    }
    auto* ch = channels_.find(id);
    if (ch == nullptr) {
        ec = errc::unknown_channel;
        return;
    }
    if (ch->state != channel_state::opening) {
        ec = errc::unexpected_message;
        return;
    }
    ch->remote_id = sender;
    ch->remote_window = window; // OpenSSH sshd confirms sessions with 0 and adjusts later
    ch->remote_max_packet = max_packet;
    ch->state = channel_state::open;
    if (ch->close_when_confirmed)
        send_close(*ch);
    else
        push(open_confirmed{id});
}

void connection::on_open_failure(wire::reader& r, boost::system::error_code& ec) {
    const channel_id id = r.uint32();
    const auto reason = r.uint32();
    const auto description = r.text(max_string);
    r.text(max_string); // language tag
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_message;
        return;
    }
    auto* ch = channels_.find(id);
    if (ch == nullptr) {
        ec = errc::unknown_channel;
        return;
    }
    if (ch->state != channel_state::opening) {
        ec = errc::unexpected_message;
        return;
    }
    channels_.release(id);
    push(open_failed{id, reason, detail::sanitise(description)});
}

void connection::on_window_adjust(wire::reader& r, boost::system::error_code& ec) {
    const channel_id id = r.uint32();
    const auto n = r.uint32();
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_message;
        return;
    }
    auto* ch = recipient(id, ec);
    if (ch == nullptr || ch->state == channel_state::closing)
        return;
    if (!detail::add_remote_window(*ch, n)) {
        ec = errc::window_overflow; // fatal in OpenSSH too
        return;
    }
    if (ch->blocked && ch->remote_window > 0) {
        ch->blocked = false;
        push(window_available{id});
    }
}

void connection::on_data(wire::reader& r, bool extended, boost::system::error_code& ec) {
    const channel_id id = r.uint32();
    const auto type = extended ? r.uint32() : 0;
    const auto data = r.string(max_string);
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_message;
        return;
    }
    auto* ch = recipient(id, ec);
    if (ch == nullptr || ch->state == channel_state::closing)
        return; // after our CLOSE, data still in flight is dropped (RFC 4254 §5.3)
    if (data.size() > config_.max_packet) {
        ec = errc::packet_exceeded;
        return;
    }
    if (!detail::fits_window(*ch, data.size(), config_.window_slack_percent)) {
        ec = errc::window_exceeded;
        return;
    }
    const auto size = static_cast<std::uint32_t>(data.size());
    if (extended && type != detail::extended_data_stderr) {
        // Unknown stream: dropped, but its window is returned as if consumed.
        ch->uncredited += size;
        return_window(*ch);
        return;
    }
    if (size == 0)
        return;
    // Data after the peer's EOF breaks RFC 4254 §5.3; it is delivered anyway, so no output
    // is lost (OpenSSH accepts it too, except on the stderr stream).
    ch->unconsumed += size;
    push(channel_data{id, extended ? data_stream::err : data_stream::out, data});
    // OpenSSH checks its windows on every turn, not only when output drains: consumed but
    // unreturned window may now be due.
    return_window(*ch);
}

void connection::on_eof(wire::reader& r, boost::system::error_code& ec) {
    const channel_id id = r.uint32();
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_message;
        return;
    }
    auto* ch = recipient(id, ec);
    if (ch == nullptr || ch->state == channel_state::closing || ch->eof_received)
        return;
    ch->eof_received = true;
    push(channel_eof{id});
}

void connection::on_close(wire::reader& r, boost::system::error_code& ec) {
    const channel_id id = r.uint32();
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_message;
        return;
    }
    auto* ch = recipient(id, ec);
    if (ch == nullptr)
        return;
    if (ch->state == channel_state::open)
        send_close(*ch);
    // Both CLOSEs done: the number is free again.
    channels_.release(id);
    push(channel_closed{id});
}

} // namespace ssh::connection
