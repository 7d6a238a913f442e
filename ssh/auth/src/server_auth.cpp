// Dispatch of client messages, the replies, failure counting and the queue of requests that
// wait for the application (RFC 4252 §5).
#include "messages.hpp"

#include <ssh/auth/server_auth.hpp>
#include <ssh/wire/msg.hpp>

#include <algorithm>
#include <utility>

namespace ssh::auth {

server_auth::server_auth(transport::payload_sink& out, server_auth_config config)
    : out_{out}
    , config_{std::move(config)} {
    // "none" is not a method one can pass (RFC 4252 §5.2); each method is offered once.
    for (const auto m : config_.methods)
        if (m != method::none && !offers(m))
            offered_.push_back(m);
}

void server_auth::start(wire::bytes_view session_id, boost::system::error_code& ec) {
    ec.clear();
    if (phase_ != phase::idle) {
        ec = errc::invalid_call;
        return;
    }
    session_id_.assign(session_id.begin(), session_id.end());
    phase_ = phase::awaiting_service;
}

void server_auth::handle(wire::bytes_view payload, boost::system::error_code& ec) {
    ec.clear();
    if (phase_ == phase::failed) {
        ec = error_;
        return;
    }
    if (payload.empty()) {
        fail(errc::bad_message, disconnect_protocol_error, "empty message", ec);
        return;
    }
    const auto type = payload[0];
    if (phase_ == phase::succeeded) {
        // RFC 4252 §5.1: requests after SUCCESS are ignored; nothing else of this layer may
        // come from the client.
        if (type != wire::number(wire::msg::userauth_request))
            ec = errc::unexpected_message;
        return;
    }
    if (phase_ == phase::idle) {
        fail(errc::unexpected_message, disconnect_protocol_error,
             std::string{wire::msg_name(type)} + " before authentication started", ec);
        return;
    }
    switch (type) {
    case wire::number(wire::msg::service_request):
        if (phase_ != phase::awaiting_service) {
            fail(errc::unexpected_message, disconnect_protocol_error, "second SERVICE_REQUEST", ec);
            return;
        }
        return on_service_request(payload, ec);
    case wire::number(wire::msg::userauth_request):
    case wire::number(wire::userauth_info_response):
        if (phase_ == phase::awaiting_service) {
            fail(errc::unexpected_message, disconnect_protocol_error,
                 std::string{wire::msg_name(type)} + " before SERVICE_REQUEST", ec);
            return;
        }
        if (phase_ == phase::awaiting_decision)
            return enqueue(payload, ec);
        return dispatch(payload, ec);
    default:
        // FAILURE, SUCCESS, BANNER and 60 go from server to client only (bad-input.md E40:
        // a client claiming SUCCESS is never authenticated by it).
        fail(errc::unexpected_message, disconnect_protocol_error,
             "unexpected " + std::string{wire::msg_name(type)} + " from the client", ec);
    }
}

std::optional<server_auth_event> server_auth::next_event() {
    if (events_.empty())
        return std::nullopt;
    auto e = std::move(events_.front());
    events_.pop_front();
    return e;
}

std::optional<method> server_auth::succeeded_method() const noexcept {
    if (phase_ != phase::succeeded)
        return std::nullopt;
    return current_;
}

void server_auth::accept_key_query(bool ok, boost::system::error_code& ec) {
    ec.clear();
    if (phase_ != phase::awaiting_decision || decision_ != decision::key_query) {
        ec = errc::invalid_call;
        return;
    }
    if (ok) {
        // RFC 4252 §7: PK_OK repeats the algorithm and blob of the query.
        out_.send(detail::encode_pk_ok(query_algorithm_, query_blob_));
        phase_ = phase::ready;
    } else {
        refuse(ec);
    }
    query_algorithm_.clear();
    query_blob_.clear();
    if (!ec)
        drain_queue(ec);
}

void server_auth::accept(bool ok, boost::system::error_code& ec) {
    ec.clear();
    if (phase_ != phase::awaiting_decision || decision_ == decision::key_query) {
        ec = errc::invalid_call;
        return;
    }
    if (ok)
        send_success();
    else
        refuse(ec);
    if (!ec)
        drain_queue(ec);
}

void server_auth::accept_partial(boost::system::error_code& ec) {
    ec.clear();
    if (phase_ != phase::awaiting_decision || decision_ == decision::key_query ||
        std::none_of(offered_.begin(), offered_.end(), [&](method m) { return m != current_; })) {
        ec = errc::invalid_call;
        return;
    }
    // RFC 4252 §5.1: this method worked and more are needed; it is not offered again.
    std::erase(offered_, current_);
    send_failure(true);
    phase_ = phase::ready;
    drain_queue(ec);
}

void server_auth::on_service_request(wire::bytes_view payload, boost::system::error_code& ec) {
    std::string_view service;
    if (detail::parse_service_request(payload, service) != errc{}) {
        fail(errc::bad_message, disconnect_protocol_error, "malformed SERVICE_REQUEST", ec);
        return;
    }
    // RFC 4253 §10: a rejected service request SHOULD be answered with DISCONNECT.
    if (service != detail::userauth_service) {
        fail(errc::unexpected_message, disconnect_service_not_available,
             "SERVICE_REQUEST for another service than ssh-userauth", ec);
        return;
    }
    out_.send(detail::encode_service_accept());
    phase_ = phase::ready;
}

void server_auth::dispatch(wire::bytes_view payload, boost::system::error_code& ec) {
    if (payload[0] == wire::number(wire::userauth_info_response))
        return on_info_response(payload, ec);
    on_request(payload, ec);
}

void server_auth::on_request(wire::bytes_view payload, boost::system::error_code& ec) {
    detail::request_header header;
    if (detail::parse_request_header(payload, header) != errc{}) {
        fail(errc::bad_message, disconnect_protocol_error, "malformed USERAUTH_REQUEST", ec);
        return;
    }
    // RFC 4252 §5: a new request abandons the attempt in progress (keyboard-interactive
    // waiting for its INFO_RESPONSE).
    prompts_sent_ = 0;
    phase_ = phase::ready;
    ++requests_;
    current_ = method::none;
    // RFC 4252 §5.4: any time before SUCCESS; OpenSSH sends it before the first reply.
    if (!banner_sent_) {
        banner_sent_ = true;
        if (!config_.banner.empty())
            out_.send(detail::encode_banner(config_.banner, config_.banner_language));
    }
    // RFC 4252 §5: authentication for a service that does not exist MUST NOT be accepted;
    // a DISCONNECT is RECOMMENDED.
    if (header.service != detail::connection_service) {
        fail(errc::unexpected_message, disconnect_service_not_available,
             "USERAUTH_REQUEST for another service than ssh-connection", ec);
        return;
    }
    if (!check_user(header, ec))
        return;

    const auto m = parse_method(header.method);
    if (m == method::none) {
        if (header.fields_offset != payload.size()) { // "none" has no fields (RFC 4252 §5.2)
            fail(errc::bad_message, disconnect_protocol_error, "malformed none request", ec);
            return;
        }
        // RFC 4252 §5.2: never accepted; the reply lists the methods. A first "none" is how
        // clients ask, and is not counted as a failure (as in OpenSSH).
        if (requests_ == 1)
            send_failure(false);
        else
            refuse(ec);
        return;
    }
    if (!m || !offers(*m)) { // hostbased, gssapi-*, or a method not offered (any longer)
        refuse(ec);
        return;
    }
    current_ = *m;
    switch (*m) {
    case method::publickey:
        return on_publickey(payload, header, ec);
    case method::password:
        return on_password(payload, header, ec);
    case method::keyboard_interactive:
        return on_keyboard_interactive(payload, header, ec);
    case method::none:
        break;
    }
}

bool server_auth::check_user(const detail::request_header& header, boost::system::error_code& ec) {
    // RFC 4252 §5 allows any UTF-8; we refuse what no account has and what would cut a C
    // string short (bad-input.md E47). Such a name fixes nothing.
    if (header.user.size() > config_.max_user_name || header.user.find('\0') != header.user.npos) {
        refuse(ec);
        return false;
    }
    if (!user_) {
        user_.emplace(header.user);
        return true;
    }
    // RFC 4252 §5 lets the user name change between requests; OpenSSH disconnects
    // ("Change of username or service not allowed"), and so do we.
    if (*user_ != header.user) {
        fail(errc::unexpected_message, disconnect_protocol_error,
             "the user name changed between authentication requests", ec);
        return false;
    }
    return true;
}

void server_auth::enqueue(wire::bytes_view payload, boost::system::error_code& ec) {
    if (queue_.size() >= config_.max_queued_messages ||
        payload.size() >
            config_.max_queued_bytes - std::min(queued_bytes_, config_.max_queued_bytes)) {
        fail(errc::unexpected_message, disconnect_protocol_error,
             "too many authentication messages sent ahead of the replies", ec);
        return;
    }
    queue_.emplace_back(payload.begin(), payload.end());
    queued_bytes_ += payload.size();
}

void server_auth::drain_queue(boost::system::error_code& ec) {
    while (!queue_.empty() && (phase_ == phase::ready || phase_ == phase::awaiting_info_response)) {
        const queued_payload payload = std::move(queue_.front()); // wiped when freed
        queue_.pop_front();
        queued_bytes_ -= payload.size();
        dispatch(payload, ec);
        if (ec)
            return;
    }
}

void server_auth::await(decision d, method m) {
    phase_ = phase::awaiting_decision;
    decision_ = d;
    current_ = m;
}

void server_auth::refuse(boost::system::error_code& ec) {
    // OpenSSH's MaxAuthTries: the failure that reaches the limit ends the connection instead
    // of being answered (bad-input.md E45).
    if (++failures_ >= config_.max_attempts) {
        events_.push_back(too_many_attempts{user_.value_or(std::string{}), failures_});
        fail(errc::auth_failed, disconnect_no_more_auth_methods, "too many authentication failures",
             ec);
        return;
    }
    send_failure(false);
    phase_ = phase::ready;
}

void server_auth::send_failure(bool partial) {
    std::vector<std::string_view> names;
    names.reserve(offered_.size());
    for (const auto m : offered_)
        names.push_back(method_name(m));
    out_.send(detail::encode_failure(names, partial)); // RFC 4252 §5.1
}

void server_auth::send_success() {
    out_.send(detail::encode_success()); // RFC 4252 §5.1: once
    phase_ = phase::succeeded;
    queue_.clear(); // requests after SUCCESS are ignored
    queued_bytes_ = 0;
    events_.push_back(authenticated{user_.value_or(std::string{}), current_});
}

void server_auth::fail(errc e, std::uint32_t reason, std::string message,
                       boost::system::error_code& ec) {
    phase_ = phase::failed;
    error_ = e;
    ec = e;
    error_message_ = std::move(message);
    disconnect_reason_ = reason;
    queue_.clear();
    queued_bytes_ = 0;
    prompts_sent_ = 0;
}

bool server_auth::offers(method m) const noexcept {
    return std::find(offered_.begin(), offered_.end(), m) != offered_.end();
}

} // namespace ssh::auth
