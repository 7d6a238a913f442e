#include "message_kinds.hpp"

#include <ssh/session/client_session.hpp>
#include <ssh/session/errc.hpp>

namespace ssh::session {
using detail::is_auth_message;
using detail::reason_by_application;
using detail::reason_protocol_error;

client_session::client_session(client_session_config config, crypto::random_source& random)
    : config_(std::move(config))
    , transport_(config_.transport, random)
    , auth_(transport_, config_.auth, random)
    , connection_(transport_, config_.connection) {}

std::size_t client_session::feed(wire::bytes_view data, boost::system::error_code& ec) {
    std::size_t used = 0;
    heard_from_server_ = heard_from_server_ || !data.empty();
    while (!ec && !host_key_event_) {
        const std::size_t n = transport_.feed(data.subspan(used), ec);
        used += n;
        bool delivered = false;
        if (!ec) {
            if (const auto payload = transport_.next_payload(ec)) {
                dispatch(*payload, ec);
                delivered = true; // one upper-layer payload per call: its events view it
            }
        }
        if (!ec)
            after_transport_progress(ec);
        // Stop when events may be waiting, or when nothing moved.
        if (delivered || n == 0)
            break;
    }
    return used;
}

void client_session::after_transport_progress(boost::system::error_code& ec) {
    if (const auto* offer = transport_.host_key_to_check(); offer && !host_key_reported_) {
        host_key_event_ = host_key_check{*offer};
        host_key_reported_ = true;
    }
    if (!transport_.secure())
        return;
    const auto& sig_algs = transport_.server_signature_algorithms();
    if (!auth_.started()) {
        sig_algs_seen_ = sig_algs;
        auth_.start(transport_.session_id(), sig_algs, ec);
    } else if (sig_algs != sig_algs_seen_) {
        sig_algs_seen_ = sig_algs;
        auth_.update_server_sig_algs(sig_algs);
    }
}

void client_session::dispatch(wire::bytes_view payload, boost::system::error_code& ec) {
    const std::uint8_t type = payload.front();
    if (is_auth_message(type)) {
        auth_.handle(payload, ec);
        if (auth_.succeeded())
            transport_.allow_rekey(); // OpenSSH never re-keys before authentication
        return;
    }
    if (wire::is_connection(type)) {
        detail::dispatch_connection(auth_.succeeded(), connection_, transport_, payload, ec);
        return;
    }
    transport_.send_unimplemented(transport_.last_received_sequence());
}

std::optional<session_event> client_session::next_event() {
    if (host_key_event_) {
        // Stays pending (and reported once) until answered.
        if (!host_key_event_delivered_) {
            host_key_event_delivered_ = true;
            return *host_key_event_;
        }
        return std::nullopt;
    }
    if (auto e = auth_.next_event())
        return session_event{std::move(*e)};
    while (auto e = connection_.next_event()) {
        if (std::holds_alternative<connection::global_reply>(*e) && keepalives_outstanding_ > 0) {
            keepalives_outstanding_ = 0; // any answer proves the server alive
            continue;
        }
        return session_event{std::move(*e)};
    }
    return std::nullopt;
}

void client_session::accept_host_key() {
    if (!host_key_event_)
        return;
    host_key_event_.reset();
    host_key_event_delivered_ = false;
    transport_.accept_host_key();
}

void client_session::reject_host_key() {
    if (!host_key_event_)
        return;
    host_key_event_.reset();
    host_key_event_delivered_ = false;
    transport_.reject_host_key();
}

void client_session::disconnect(std::string_view reason) {
    transport_.disconnect(reason_by_application, reason);
}

std::optional<transport::clock::time_point> client_session::next_deadline() const noexcept {
    auto deadline = transport_.next_deadline();
    if (config_.keepalive_interval.count() > 0 && auth_.succeeded() && last_heard_) {
        const auto due = *last_heard_ + config_.keepalive_interval;
        if (!deadline || due < *deadline)
            deadline = due;
    }
    return deadline;
}

void client_session::on_timer(transport::clock::time_point now, boost::system::error_code& ec) {
    transport_.on_timer(now);
    if (config_.keepalive_interval.count() <= 0 || !auth_.succeeded())
        return;
    if (heard_from_server_ || !last_heard_) {
        heard_from_server_ = false;
        keepalives_outstanding_ = 0;
        last_heard_ = now;
        return;
    }
    if (now < *last_heard_ + config_.keepalive_interval)
        return;
    // ServerAliveCountMax probes went unanswered: the server is gone (OpenSSH's semantics).
    if (keepalives_outstanding_ >= config_.keepalive_count_max) {
        ec = errc::keepalive_timeout;
        transport_.disconnect(reason_by_application, "server alive check timed out");
        return;
    }
    connection_.send_global_request("keepalive@openssh.com", true, {}, ec);
    ++keepalives_outstanding_;
    last_heard_ = now;
}

} // namespace ssh::session
