#include "message_kinds.hpp"

#include <ssh/session/errc.hpp>
#include <ssh/session/server_session.hpp>

namespace ssh::session {
using detail::is_auth_message;
using detail::reason_protocol_error;

server_session::server_session(server_session_config config, crypto::random_source& random)
    : config_(std::move(config))
    , transport_(config_.transport, random)
    , auth_(transport_, config_.auth)
    , connection_(transport_, config_.connection) {}

std::size_t server_session::feed(wire::bytes_view data, boost::system::error_code& ec) {
    std::size_t used = 0;
    while (!ec) {
        const std::size_t n = transport_.feed(data.subspan(used), ec);
        used += n;
        bool delivered = false;
        if (!ec) {
            if (const auto payload = transport_.next_payload(ec)) {
                dispatch(*payload, ec);
                delivered = true; // one upper-layer payload per call: its events view it
            }
        }
        if (!ec && transport_.secure() && !auth_.started())
            auth_.start(transport_.session_id(), ec);
        if (delivered || n == 0)
            break;
    }
    return used;
}

void server_session::dispatch(wire::bytes_view payload, boost::system::error_code& ec) {
    const std::uint8_t type = payload.front();
    if (is_auth_message(type)) {
        auth_.handle(payload, ec);
        check_auth_outcome(ec);
        return;
    }
    if (wire::is_connection(type)) {
        detail::dispatch_connection(auth_.succeeded(), connection_, transport_, payload, ec);
        return;
    }
    transport_.send_unimplemented(transport_.last_received_sequence());
}

void server_session::check_auth_outcome(boost::system::error_code& ec) {
    if (auth_.done() && !auth_.succeeded()) {
        transport_.disconnect(auth_.disconnect_reason(), auth_.error_message());
        if (!ec)
            ec = auth_.error();
    } else if (ec) {
        // After success, a server-only auth message from the client (bad-input E40).
        transport_.disconnect(reason_protocol_error, "unexpected authentication message");
    }
    if (auth_.succeeded())
        transport_.allow_rekey();
}

std::optional<server_session_event> server_session::next_event() {
    if (auto e = auth_.next_event())
        return server_session_event{std::move(*e)};
    if (auto e = connection_.next_event())
        return server_session_event{std::move(*e)};
    return std::nullopt;
}

void server_session::disconnect(std::uint32_t reason, std::string_view text) {
    transport_.disconnect(reason, text);
}

std::optional<transport::clock::time_point> server_session::next_deadline() const noexcept {
    // The login grace period starts at the first on_timer(): ask for that call at once.
    if (config_.login_grace.count() > 0 && !login_deadline_ && !auth_.succeeded())
        return transport::clock::time_point{};
    auto deadline = transport_.next_deadline();
    if (login_deadline_ && !auth_.succeeded() && (!deadline || *login_deadline_ < *deadline))
        deadline = login_deadline_;
    return deadline;
}

void server_session::on_timer(transport::clock::time_point now, boost::system::error_code& ec) {
    transport_.on_timer(now);
    if (config_.login_grace.count() <= 0 || auth_.succeeded())
        return;
    if (!login_deadline_)
        login_deadline_ = now + config_.login_grace;
    if (now >= *login_deadline_) {
        ec = errc::login_timeout;
        transport_.disconnect(reason_protocol_error, "authentication timed out");
    }
}

} // namespace ssh::session
