// The keyboard-interactive method, server side (RFC 4256).
#include "messages.hpp"

#include <ssh/auth/server_auth.hpp>

#include <utility>

namespace ssh::auth {

void server_auth::on_keyboard_interactive(wire::bytes_view payload,
                                          const detail::request_header& header,
                                          boost::system::error_code& ec) {
    // RFC 4256 §3.1: the submethods are hints the application may not rely on; we ignore
    // them.
    std::string_view submethods;
    if (detail::parse_keyboard_interactive_request(payload, header, submethods) != errc{}) {
        fail(errc::bad_message, disconnect_protocol_error, "malformed keyboard-interactive request",
             ec);
        return;
    }
    events_.push_back(kbd_start{*user_});
    await(decision::keyboard, method::keyboard_interactive);
}

void server_auth::send_prompts(std::string_view name, std::string_view instruction,
                               const std::vector<prompt>& prompts, boost::system::error_code& ec) {
    ec.clear();
    if (phase_ != phase::awaiting_decision || decision_ != decision::keyboard) {
        ec = errc::invalid_call;
        return;
    }
    out_.send(detail::encode_info_request(name, instruction, prompts)); // RFC 4256 §3.2
    prompts_sent_ = prompts.size();
    phase_ = phase::awaiting_info_response;
    drain_queue(ec);
}

void server_auth::on_info_response(wire::bytes_view payload, boost::system::error_code& ec) {
    if (phase_ != phase::awaiting_info_response) {
        fail(errc::unexpected_message, disconnect_protocol_error,
             "USERAUTH_INFO_RESPONSE without an INFO_REQUEST outstanding", ec);
        return;
    }
    // RFC 4256 §3.4: exactly one response per prompt; the count is checked before anything
    // is stored (bad-input.md E43).
    std::vector<std::string_view> responses;
    if (detail::parse_info_response(payload, prompts_sent_, responses) != errc{}) {
        fail(errc::bad_message, disconnect_protocol_error,
             "malformed USERAUTH_INFO_RESPONSE, or not one response per prompt", ec);
        return;
    }
    kbd_answers ev{*user_, {}};
    ev.answers.reserve(responses.size());
    for (const auto r : responses)
        ev.answers.emplace_back(r);
    prompts_sent_ = 0;
    events_.push_back(std::move(ev));
    await(decision::keyboard, method::keyboard_interactive);
}

} // namespace ssh::auth
