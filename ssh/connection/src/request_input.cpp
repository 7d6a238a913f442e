// Requests and replies from the peer: global (RFC 4254 §4) and per channel (§5.4, §6.10).
// Each is parsed completely before it changes anything.
#include "message.hpp"
#include "text.hpp"

#include <ssh/connection/connection.hpp>
#include <ssh/wire/limits.hpp>

#include <string>

namespace ssh::connection {

using detail::channel;
using detail::channel_state;
using wire::msg;

namespace {

constexpr std::size_t max_string = wire::limits::max_string_length;

} // namespace

void connection::on_global_request(wire::reader& r, boost::system::error_code& ec) {
    const auto name = r.text(max_string);
    const bool want_reply = r.boolean();
    if (r.failed()) {
        ec = errc::bad_message;
        return;
    }
    // Request-specific data is not parsed: we grant nothing that has any. keepalive@openssh.com
    // and everything unknown get REQUEST_FAILURE, which is all OpenSSH's keepalive needs.
    bool success = false;
    if (config_.side == role::server && name == "no-more-sessions@openssh.com") {
        no_more_sessions_ = true; // OpenSSH PROTOCOL §2.2
        success = true;
    }
    // Replies are immediate, hence in request order.
    if (want_reply) {
        auto w = detail::start_message(success ? msg::request_success : msg::request_failure);
        send(w, ec);
    }
}

void connection::on_global_reply(bool success, wire::reader& r, boost::system::error_code& ec) {
    // REQUEST_SUCCESS may carry request-specific data (RFC 4254 §4); FAILURE carries none.
    const auto data = success ? r.raw(r.remaining()) : wire::bytes_view{};
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_message;
        return;
    }
    if (global_pending_ == 0)
        return; // unsolicited: ignored, as OpenSSH does
    --global_pending_;
    push(global_reply{success, data});
}

void connection::on_channel_request(wire::reader& r, boost::system::error_code& ec) {
    const channel_id id = r.uint32();
    const auto name = r.text(max_string);
    const bool want_reply = r.boolean();
    if (r.failed()) {
        ec = errc::bad_message;
        return;
    }
    auto* ch = recipient(id, ec);
    if (ch == nullptr || ch->state == channel_state::closing)
        return; // no reply after our CLOSE, as OpenSSH
    if (want_reply && ch->replies.full()) {
        ec = errc::too_many_pending_requests;
        return;
    }
    if (config_.side == role::client)
        client_request(id, *ch, name, want_reply, r, ec);
    else
        server_request(id, *ch, name, want_reply, r, ec);
}

void connection::client_request(channel_id id, channel& ch, std::string_view name, bool want_reply,
                                wire::reader& r, boost::system::error_code& ec) {
    bool success = false;
    if (name == "exit-status") {
        // RFC 4254 §6.10: uint32 exit status. OpenSSH may send it before the last data.
        const auto code = r.uint32();
        r.expect_end();
        if (r.failed()) {
            ec = errc::bad_message;
            return;
        }
        push(exit_status{id, code});
        success = true;
    } else if (name == "exit-signal") {
        // RFC 4254 §6.10: signal name without "SIG", core dumped, message, language tag.
        const auto signal = r.text(max_string);
        const bool core = r.boolean();
        const auto message = r.text(max_string);
        r.text(max_string);
        r.expect_end();
        if (r.failed()) {
            ec = errc::bad_message;
            return;
        }
        push(exit_signal{id, detail::sanitise(signal, 32), core, detail::sanitise(message)});
        success = true;
    }
    // eow@openssh.com, keepalive@openssh.com and unknown requests: FAILURE if a reply is
    // wanted, never a disconnect (RFC 4254 §5.4).
    if (want_reply) {
        ch.replies.push(true, success);
        send_replies(ch);
    }
}

void connection::server_request(channel_id id, channel& ch, std::string_view name, bool want_reply,
                                wire::reader& r, boost::system::error_code&) {
    if (name == "keepalive@openssh.com") {
        // OpenSSH's ServerAlive/ClientAlive probe: any reply will do.
        if (want_reply) {
            ch.replies.push(true, false);
            send_replies(ch);
        }
        return;
    }
    // Everything else is the application's to grant; its reply keeps its place in line.
    if (want_reply)
        ch.replies.push(false, false);
    push(channel_request{id, std::string(name), want_reply, r.raw(r.remaining())});
}

void connection::on_channel_reply(bool success, wire::reader& r, boost::system::error_code& ec) {
    const channel_id id = r.uint32();
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_message;
        return;
    }
    auto* ch = recipient(id, ec);
    if (ch == nullptr || ch->state == channel_state::closing)
        return;
    const auto kind = ch->requests.pop();
    if (!kind)
        return; // unsolicited: ignored, as OpenSSH does
    push(request_result{id, *kind, success});
}

} // namespace ssh::connection
