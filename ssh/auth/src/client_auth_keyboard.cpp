// The keyboard-interactive method (RFC 4256).
#include "messages.hpp"
#include "sanitize.hpp"

#include <ssh/auth/client_auth.hpp>

#include <utility>

namespace ssh::auth {

void client_auth::begin_keyboard_interactive(boost::system::error_code& ec) {
    note_tried(method::keyboard_interactive);
    current_ = method::keyboard_interactive;
    keyboard_tried_ = true;
    info_rounds_ = 0;
    auto_answered_ = false;
    send_request(detail::encode_keyboard_interactive_request(config_.user), ec);
}

void client_auth::on_info_request(wire::bytes_view payload, boost::system::error_code& ec) {
    // A server may send any number of rounds (RFC 4256 §3.2); we stop an endless series.
    if (++info_rounds_ > config_.max_info_rounds) {
        fail(errc::too_many_prompts,
             "more than " + std::to_string(config_.max_info_rounds) +
                 " keyboard-interactive rounds",
             ec);
        return;
    }
    detail::info_request req;
    if (const auto e =
            detail::parse_info_request(payload, config_.max_prompts, config_.max_prompt_text, req);
        e != errc{}) {
        fail(e,
             e == errc::too_many_prompts ? "USERAUTH_INFO_REQUEST over the prompt limits (" +
                                               std::to_string(config_.max_prompts) + " prompts, " +
                                               std::to_string(config_.max_prompt_text) + " bytes)"
                                         : std::string{"malformed USERAUTH_INFO_REQUEST"},
             ec);
        return;
    }

    prompts_event ev;
    ev.name = detail::sanitize_text(req.name, config_.max_prompt_text);
    ev.instruction = detail::sanitize_text(req.instruction, config_.max_prompt_text);
    ev.prompts.reserve(req.prompts.size());
    for (const auto& p : req.prompts)
        ev.prompts.push_back(
            prompt{detail::sanitize_text(p.text, config_.max_prompt_text), p.echo});

    if (req.prompts.empty()) {
        // RFC 4256 §3.4: answered with zero responses, at once.
        send_info_response({});
        ev.answered = true;
        if (!ev.name.empty() || !ev.instruction.empty())
            events_.push_back(std::move(ev));
        return;
    }
    // The password rule: one prompt, echo off, answered once per attempt. A second such
    // prompt means the password was refused; repeating it would only count against a
    // lockout, so the application decides.
    if (config_.answer_prompts_with_password && config_.password && !auto_answered_ &&
        req.prompts.size() == 1 && !req.prompts[0].echo) {
        auto_answered_ = true;
        std::vector<secret> answers;
        answers.push_back(*config_.password);
        send_info_response(answers);
        ev.answered = true;
        events_.push_back(std::move(ev));
        return;
    }
    phase_ = phase::awaiting_answers;
    pending_prompts_ = req.prompts.size();
    events_.push_back(std::move(ev));
}

void client_auth::answer_prompts(std::vector<secret> answers, boost::system::error_code& ec) {
    ec.clear();
    if (phase_ != phase::awaiting_answers) {
        ec = errc::invalid_call;
        return;
    }
    if (answers.size() != pending_prompts_) {
        ec = errc::wrong_answer_count;
        return;
    }
    send_info_response(answers);
    // `answers` is wiped when it goes out of scope.
}

void client_auth::send_info_response(const std::vector<secret>& answers) {
    const auto response = detail::encode_info_response(answers); // RFC 4256 §3.4
    out_.send(response.view());
    pending_prompts_ = 0;
    phase_ = phase::awaiting_reply;
}

} // namespace ssh::auth
