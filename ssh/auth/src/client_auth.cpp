// Dispatch of server messages and the chain of methods (RFC 4252 §5).
#include "messages.hpp"
#include "sanitize.hpp"

#include <ssh/auth/client_auth.hpp>
#include <ssh/wire/msg.hpp>

#include <algorithm>
#include <utility>

namespace ssh::auth {
namespace {

constexpr std::size_t max_language_display = 64;

std::string join(const std::vector<std::string>& names, std::string_view sep) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty())
            out += sep;
        out += n;
    }
    return out.empty() ? "none" : out;
}

std::vector<std::string> names_of(const std::vector<method>& methods) {
    std::vector<std::string> out;
    for (const auto m : methods)
        out.emplace_back(method_name(m));
    return out;
}

} // namespace

client_auth::client_auth(transport::payload_sink& out, client_auth_config config,
                         crypto::random_source& random)
    : out_{out}
    , config_{std::move(config)}
    , random_{random} {
    std::erase(config_.keys, nullptr);
}

void client_auth::start(wire::bytes_view session_id,
                        const std::vector<std::string>& server_sig_algs,
                        boost::system::error_code& ec) {
    ec.clear();
    if (phase_ != phase::idle) {
        ec = errc::invalid_call;
        return;
    }
    // RFC 4252 §5 allows any UTF-8; we refuse what no real account has and what would cut
    // a C string short (bad-input.md E47).
    if (config_.user.size() > max_user_name_length ||
        config_.user.find('\0') != std::string::npos) {
        fail(errc::bad_user_name, "the user name is longer than 1 KiB or contains NUL", ec);
        return;
    }
    session_id_.assign(session_id.begin(), session_id.end());
    server_sig_algs_ = server_sig_algs;
    out_.send(detail::encode_service_request()); // RFC 4253 §10
    phase_ = phase::service_requested;
}

void client_auth::update_server_sig_algs(const std::vector<std::string>& server_sig_algs) {
    server_sig_algs_ = server_sig_algs;
}

void client_auth::handle(wire::bytes_view payload, boost::system::error_code& ec) {
    ec.clear();
    if (phase_ == phase::failed) {
        ec = error_;
        return;
    }
    if (phase_ == phase::succeeded) {
        // RFC 4252 §5.1, §5.4: nothing of this layer follows SUCCESS.
        ec = errc::unexpected_message;
        return;
    }
    if (payload.empty()) {
        fail(errc::bad_message, "empty message", ec);
        return;
    }
    if (phase_ == phase::idle) {
        fail(errc::unexpected_message,
             std::string{wire::msg_name(payload[0])} + " before authentication started", ec);
        return;
    }
    switch (payload[0]) {
    case wire::number(wire::msg::service_accept):
        return on_service_accept(payload, ec);
    case wire::number(wire::msg::userauth_failure):
        return on_failure(payload, ec);
    case wire::number(wire::msg::userauth_success):
        return on_success(payload, ec);
    case wire::number(wire::msg::userauth_banner):
        return on_banner(payload, ec);
    case wire::number(wire::userauth_pk_ok): // also PASSWD_CHANGEREQ, INFO_REQUEST
        return on_method_specific(payload, ec);
    default:
        fail(errc::unexpected_message,
             "unexpected " + std::string{wire::msg_name(payload[0])} + " during authentication",
             ec);
    }
}

std::optional<auth_event> client_auth::next_event() {
    if (events_.empty())
        return std::nullopt;
    auto e = std::move(events_.front());
    events_.pop_front();
    return e;
}

std::optional<method> client_auth::succeeded_method() const noexcept {
    if (phase_ != phase::succeeded)
        return std::nullopt;
    return current_;
}

void client_auth::cancel() {
    if (done())
        return;
    boost::system::error_code ignored;
    fail(errc::cancelled, "authentication cancelled by the application", ignored);
}

void client_auth::on_service_accept(wire::bytes_view payload, boost::system::error_code& ec) {
    if (phase_ != phase::service_requested) {
        fail(errc::unexpected_message, "SERVICE_ACCEPT without a pending SERVICE_REQUEST", ec);
        return;
    }
    std::optional<std::string_view> service;
    if (detail::parse_service_accept(payload, service) != errc{}) {
        fail(errc::bad_message, "malformed SERVICE_ACCEPT", ec);
        return;
    }
    if (service && *service != detail::userauth_service) {
        fail(errc::unexpected_message, "SERVICE_ACCEPT for another service than ssh-userauth", ec);
        return;
    }
    // RFC 4252 §5.2: "none" returns the list of methods that can continue.
    current_ = method::none;
    send_request(detail::encode_none_request(config_.user), ec);
}

void client_auth::on_failure(wire::bytes_view payload, boost::system::error_code& ec) {
    if (phase_ != phase::awaiting_reply && phase_ != phase::awaiting_answers) {
        fail(errc::unexpected_message, "USERAUTH_FAILURE with no request pending", ec);
        return;
    }
    detail::failure_message msg;
    if (detail::parse_failure(payload, msg) != errc{}) {
        fail(errc::bad_message, "malformed USERAUTH_FAILURE", ec);
        return;
    }
    allowed_ = std::move(msg.can_continue);
    pending_prompts_ = 0; // prompts still waiting for answers are void now
    phase_ = phase::awaiting_reply;
    // RFC 4252 §5.1: partial_success means this method worked and more are needed.
    const bool partial = msg.partial_success && current_ != method::none;
    if (partial && std::find(partial_.begin(), partial_.end(), current_) == partial_.end())
        partial_.push_back(current_);
    if (current_ == method::publickey)
        on_publickey_refused(partial);
    continue_with_next_method(ec);
}

void client_auth::on_success(wire::bytes_view payload, boost::system::error_code& ec) {
    if (phase_ != phase::awaiting_reply && phase_ != phase::awaiting_answers) {
        // bad-input.md E42: success before we asked for anything is a protocol violation.
        fail(errc::unexpected_message, "USERAUTH_SUCCESS before any authentication request", ec);
        return;
    }
    if (detail::parse_success(payload) != errc{}) {
        fail(errc::bad_message, "malformed USERAUTH_SUCCESS", ec);
        return;
    }
    phase_ = phase::succeeded;
    pending_prompts_ = 0;
    config_.password.reset(); // secret's allocator wipes it
    events_.push_back(success_event{current_});
}

void client_auth::on_banner(wire::bytes_view payload, boost::system::error_code& ec) {
    detail::text_message msg;
    if (detail::parse_text_message(payload, msg) != errc{}) {
        fail(errc::bad_message, "malformed USERAUTH_BANNER", ec);
        return;
    }
    // RFC 4252 §5.4; shown sanitised and truncated (bad-input.md E44).
    banner_event ev;
    ev.message = detail::sanitize_text(msg.text, max_banner_display, &ev.truncated);
    ev.language = detail::sanitize_text(msg.language, max_language_display);
    events_.push_back(std::move(ev));
}

void client_auth::on_method_specific(wire::bytes_view payload, boost::system::error_code& ec) {
    // RFC 4250 §4.1.2: 60-79 mean what the method in progress says they mean.
    if (phase_ == phase::awaiting_reply) {
        if (current_ == method::publickey && !signature_sent_)
            return on_pk_ok(payload, ec);
        if (current_ == method::password)
            return on_passwd_changereq(payload, ec);
        if (current_ == method::keyboard_interactive)
            return on_info_request(payload, ec);
    }
    fail(errc::unexpected_message,
         "unexpected message 60 while " + std::string{method_name(current_)} + " is in progress",
         ec);
}

bool client_auth::server_allows(method m) const noexcept {
    return std::find(allowed_.begin(), allowed_.end(), method_name(m)) != allowed_.end();
}

bool client_auth::can_try(method m) const noexcept {
    switch (m) {
    case method::publickey:
        return key_index_ < config_.keys.size();
    case method::password:
        return config_.password.has_value() && !password_tried_;
    case method::keyboard_interactive:
        return !keyboard_tried_;
    case method::none:
        break;
    }
    return false;
}

void client_auth::continue_with_next_method(boost::system::error_code& ec) {
    for (const auto m : config_.methods) {
        if (!server_allows(m) || !can_try(m))
            continue;
        switch (m) {
        case method::publickey:
            return begin_publickey(ec);
        case method::password:
            return begin_password(ec);
        case method::keyboard_interactive:
            return begin_keyboard_interactive(ec);
        case method::none:
            break;
        }
    }
    if (tried_.empty())
        fail(errc::no_methods_left,
             "no authentication method left to try (" + methods_summary() + ")", ec);
    else
        fail(errc::auth_failed, "permission denied (" + methods_summary() + ")", ec);
}

bool client_auth::send_request(wire::bytes_view payload, boost::system::error_code& ec) {
    // bad-input.md E45: a server that keeps answering "partial success" ends here.
    if (requests_ >= config_.max_requests) {
        fail(errc::auth_failed,
             "gave up after " + std::to_string(requests_) + " authentication requests (" +
                 methods_summary() + ")",
             ec);
        return false;
    }
    out_.send(payload);
    ++requests_;
    phase_ = phase::awaiting_reply;
    return true;
}

void client_auth::note_tried(method m) {
    if (std::find(tried_.begin(), tried_.end(), m) == tried_.end())
        tried_.push_back(m);
}

std::string client_auth::methods_summary() const {
    std::string s = "methods tried: " + join(names_of(tried_), ", ");
    if (!partial_.empty())
        s += "; accepted with partial success: " + join(names_of(partial_), ", ");
    s += "; the server allows: " + join(allowed_, ",");
    return s;
}

void client_auth::fail(errc e, std::string message, boost::system::error_code& ec) {
    phase_ = phase::failed;
    error_ = e;
    ec = e;
    pending_prompts_ = 0;
    config_.password.reset();
    events_.push_back(failure_event{e, names_of(tried_), allowed_, std::move(message)});
}

} // namespace ssh::auth
