// Requests we send: on a channel (RFC 4254 §5.4, §6) and global ones (§4).
#include "message.hpp"

#include <ssh/connection/connection.hpp>

namespace ssh::connection {

using detail::channel;
using detail::channel_state;
using wire::msg;

template <typename Fields>
void connection::send_request(channel_id id, std::string_view name, bool want_reply,
                              request_kind kind, Fields&& fields, boost::system::error_code& ec) {
    auto* ch = usable(id, ec);
    if (ch == nullptr)
        return;
    if (want_reply && ch->requests.full()) {
        ec = errc::too_many_requests;
        return;
    }
    // RFC 4254 §5.4: recipient channel, request type, want reply, type-specific fields.
    auto w = detail::start_message(msg::channel_request, 64);
    w.uint32(ch->remote_id);
    w.string(name);
    w.boolean(want_reply);
    if (!fields(w, ec))
        return;
    send(w, ec);
    if (!ec && want_reply)
        ch->requests.push(kind);
}

void connection::pty(channel_id id, const pty_request& request, boost::system::error_code& ec) {
    // RFC 4254 §6.2.
    send_request(
        id, "pty-req", true, request_kind::pty,
        [&](wire::writer& w, boost::system::error_code& e) {
            const auto modes = encode_tty_modes(request.modes, e);
            if (e)
                return false;
            w.string(request.term);
            w.uint32(request.size.cols);
            w.uint32(request.size.rows);
            w.uint32(request.size.width_px);
            w.uint32(request.size.height_px);
            w.string(modes);
            return true;
        },
        ec);
}

void connection::shell(channel_id id, boost::system::error_code& ec) {
    // RFC 4254 §6.5.
    send_request(
        id, "shell", true, request_kind::shell,
        [](wire::writer&, boost::system::error_code&) { return true; }, ec);
}

void connection::exec(channel_id id, std::string_view command, boost::system::error_code& ec) {
    // RFC 4254 §6.5.
    send_request(
        id, "exec", true, request_kind::exec,
        [&](wire::writer& w, boost::system::error_code&) {
            w.string(command);
            return true;
        },
        ec);
}

void connection::subsystem(channel_id id, std::string_view name, boost::system::error_code& ec) {
    // RFC 4254 §6.5.
    send_request(
        id, "subsystem", true, request_kind::subsystem,
        [&](wire::writer& w, boost::system::error_code&) {
            w.string(name);
            return true;
        },
        ec);
}

void connection::env(channel_id id, std::string_view name, std::string_view value,
                     boost::system::error_code& ec) {
    // RFC 4254 §6.4.
    send_request(
        id, "env", false, request_kind::other,
        [&](wire::writer& w, boost::system::error_code&) {
            w.string(name);
            w.string(value);
            return true;
        },
        ec);
}

void connection::window_change(channel_id id, const terminal_size& size,
                               boost::system::error_code& ec) {
    // RFC 4254 §6.7.
    send_request(
        id, "window-change", false, request_kind::other,
        [&](wire::writer& w, boost::system::error_code&) {
            w.uint32(size.cols);
            w.uint32(size.rows);
            w.uint32(size.width_px);
            w.uint32(size.height_px);
            return true;
        },
        ec);
}

void connection::signal(channel_id id, std::string_view name, boost::system::error_code& ec) {
    // RFC 4254 §6.9: the signal name without "SIG".
    send_request(
        id, "signal", false, request_kind::other,
        [&](wire::writer& w, boost::system::error_code&) {
            w.string(name);
            return true;
        },
        ec);
}

void connection::request(channel_id id, std::string_view name, bool want_reply,
                         wire::bytes_view type_specific, boost::system::error_code& ec) {
    send_request(
        id, name, want_reply, request_kind::other,
        [&](wire::writer& w, boost::system::error_code&) {
            w.raw(type_specific);
            return true;
        },
        ec);
}

void connection::send_global_request(std::string_view name, bool want_reply, wire::bytes_view extra,
                                     boost::system::error_code& ec) {
    // RFC 4254 §4: request name, want reply, request-specific data.
    auto w = detail::start_message(msg::global_request, 32 + name.size() + extra.size());
    w.string(name);
    w.boolean(want_reply);
    w.raw(extra);
    send(w, ec);
    if (!ec && want_reply)
        ++global_pending_;
}

} // namespace ssh::connection
