// keyboard-interactive (RFC 4256): rounds with 0, 1 and several prompts, the password rule,
// and answers from the application.
#include "auth_test_support.hpp"

#include <ssh/auth/errc.hpp>

#include <boost/test/unit_test.hpp>

#include <variant>

using namespace auth_test;
using ssh::auth::errc;
using ssh::auth::method;
using answers = std::vector<std::string>;

namespace {

// Up to the keyboard-interactive request.
void to_keyboard_interactive(harness& h) {
    h.begin();
    BOOST_REQUIRE(!h.feed(failure({"keyboard-interactive"})));
    const auto q = h.last_request();
    BOOST_REQUIRE_EQUAL(q.method, "keyboard-interactive");
    BOOST_TEST(q.language.empty());
    BOOST_TEST(q.submethods.empty());
}

std::vector<ssh::auth::secret> secrets(std::initializer_list<std::string_view> texts) {
    std::vector<ssh::auth::secret> out;
    for (auto t : texts)
        out.emplace_back(t);
    return out;
}

ssh::auth::prompts_event only_prompts(const std::vector<ssh::auth::auth_event>& events) {
    BOOST_REQUIRE_EQUAL(events.size(), 1u);
    const auto* p = std::get_if<ssh::auth::prompts_event>(&events[0]);
    BOOST_REQUIRE(p != nullptr);
    return *p;
}

} // namespace

BOOST_AUTO_TEST_SUITE(keyboard_interactive)

BOOST_AUTO_TEST_CASE(zero_prompts_answered_at_once) {
    harness h{config_with_password()};
    to_keyboard_interactive(h);
    const auto before = h.sink.sent.size();
    BOOST_TEST(!h.feed(info_request("", "", {})));
    BOOST_REQUIRE_EQUAL(h.sink.sent.size(), before + 1);
    BOOST_TEST(parse_info_response(h.last_sent()).empty());
    BOOST_TEST(h.events().empty()); // nothing to show
    BOOST_TEST(!h.auth.awaiting_answers());

    // With an instruction, the application sees it, already answered.
    BOOST_TEST(!h.feed(info_request("", "Welcome", {})));
    BOOST_TEST(parse_info_response(h.last_sent()).empty());
    const auto& ev = only_prompts(h.events());
    BOOST_TEST(ev.answered);
    BOOST_TEST(ev.instruction == "Welcome");
}

BOOST_AUTO_TEST_CASE(one_hidden_prompt_answered_with_password) {
    harness h{config_with_password("hunter2")};
    to_keyboard_interactive(h);
    BOOST_TEST(!h.feed(info_request("", "", {{"Password: ", false}})));
    BOOST_TEST((parse_info_response(h.last_sent()) == answers{"hunter2"}));
    const auto& ev = only_prompts(h.events());
    BOOST_TEST(ev.answered);
    BOOST_TEST(ev.prompts.size() == 1u);
    BOOST_TEST(!h.auth.awaiting_answers());
    BOOST_TEST(!h.feed(success()));
    BOOST_TEST((h.auth.succeeded_method() == method::keyboard_interactive));
}

BOOST_AUTO_TEST_CASE(password_rule_applies_once_per_attempt) {
    harness h{config_with_password("hunter2")};
    to_keyboard_interactive(h);
    BOOST_TEST(!h.feed(info_request("", "", {{"Password: ", false}})));
    h.events();
    const auto sent = h.sink.sent.size();
    BOOST_TEST(!h.feed(info_request("", "", {{"Password: ", false}})));
    BOOST_TEST(h.sink.sent.size() == sent); // waits for the application
    BOOST_TEST(h.auth.awaiting_answers());
    BOOST_TEST(!only_prompts(h.events()).answered);
}

BOOST_AUTO_TEST_CASE(echoed_prompt_or_rule_off_goes_to_the_application) {
    {
        harness h{config_with_password()};
        to_keyboard_interactive(h);
        BOOST_TEST(!h.feed(info_request("", "", {{"Username: ", true}})));
        BOOST_TEST(h.auth.awaiting_answers());
    }
    {
        auto config = config_with_password();
        config.answer_prompts_with_password = false;
        harness h{std::move(config)};
        to_keyboard_interactive(h);
        BOOST_TEST(!h.feed(info_request("", "", {{"Password: ", false}})));
        BOOST_TEST(h.auth.awaiting_answers());
    }
    {
        auto config = config_with_password();
        config.password.reset();
        harness h{std::move(config)};
        to_keyboard_interactive(h);
        BOOST_TEST(!h.feed(info_request("", "", {{"Password: ", false}})));
        BOOST_TEST(h.auth.awaiting_answers());
    }
}

BOOST_AUTO_TEST_CASE(two_prompts_answered_by_the_application_over_several_rounds) {
    harness h{config_with_password("hunter2")};
    to_keyboard_interactive(h);
    BOOST_TEST(!h.feed(info_request("", "", {})));
    BOOST_TEST(parse_info_response(h.last_sent()).empty());

    BOOST_TEST(
        !h.feed(info_request("Login", "Two factors", {{"Password: ", false}, {"Token: ", true}})));
    const auto ev = only_prompts(h.events());
    BOOST_TEST(!ev.answered);
    BOOST_TEST(ev.name == "Login");
    BOOST_TEST(ev.instruction == "Two factors");
    BOOST_REQUIRE_EQUAL(ev.prompts.size(), 2u);
    BOOST_TEST(ev.prompts[0].text == "Password: ");
    BOOST_TEST(!ev.prompts[0].echo);
    BOOST_TEST(ev.prompts[1].text == "Token: ");
    BOOST_TEST(ev.prompts[1].echo);
    BOOST_TEST(h.auth.awaiting_answers());

    boost::system::error_code ec;
    const auto sent = h.sink.sent.size();
    h.auth.answer_prompts(secrets({"only one"}), ec);
    BOOST_TEST(ec == errc::wrong_answer_count);
    BOOST_TEST(h.sink.sent.size() == sent);
    BOOST_TEST(h.auth.awaiting_answers());

    // A server message 60 while our answers are pending breaks the protocol... but the
    // banner may come at any time (RFC 4252 §5.4).
    BOOST_TEST(!h.feed(banner("note\n")));
    BOOST_TEST(h.events().size() == 1u);

    h.auth.answer_prompts(secrets({"hunter2", "123456"}), ec);
    BOOST_TEST(!ec);
    BOOST_TEST((parse_info_response(h.last_sent()) == answers{"hunter2", "123456"}));
    BOOST_TEST(!h.auth.awaiting_answers());
    h.auth.answer_prompts(secrets({}), ec);
    BOOST_TEST(ec == errc::invalid_call);

    // Third round: one hidden prompt, answered with the password.
    BOOST_TEST(!h.feed(info_request("", "", {{"Password again: ", false}})));
    BOOST_TEST((parse_info_response(h.last_sent()) == answers{"hunter2"}));
    BOOST_TEST(!h.feed(success()));
    BOOST_TEST(h.auth.succeeded());
}

BOOST_AUTO_TEST_CASE(failure_while_prompts_wait_voids_them) {
    harness h{config_with_password()};
    to_keyboard_interactive(h);
    BOOST_TEST(!h.feed(info_request("", "", {{"A: ", true}, {"B: ", true}})));
    BOOST_TEST(!h.feed(failure({"keyboard-interactive", "password"})));
    BOOST_TEST(h.last_request().method == "password");
    boost::system::error_code ec;
    h.auth.answer_prompts(secrets({"a", "b"}), ec);
    BOOST_TEST(ec == errc::invalid_call);
}

BOOST_AUTO_TEST_CASE(info_request_while_answers_pending_is_unexpected) {
    harness h{config_with_password()};
    to_keyboard_interactive(h);
    BOOST_TEST(!h.feed(info_request("", "", {{"A: ", true}, {"B: ", true}})));
    BOOST_TEST(h.feed(info_request("", "", {})) == errc::unexpected_message);
}

BOOST_AUTO_TEST_CASE(cancel_while_prompts_wait) {
    harness h{config_with_password()};
    to_keyboard_interactive(h);
    BOOST_TEST(!h.feed(info_request("", "", {{"OTP: ", true}})));
    h.events();
    h.auth.cancel();
    BOOST_TEST(h.auth.error() == errc::cancelled);
    BOOST_TEST(!h.auth.awaiting_answers());
}

BOOST_AUTO_TEST_CASE(prompt_text_is_sanitised) {
    harness h{config_with_password()};
    to_keyboard_interactive(h);
    BOOST_TEST(!h.feed(info_request("\x1b]0;title\x07", "", {{"Pass\x1b[8mword: ", true}})));
    const auto& ev = only_prompts(h.events());
    BOOST_TEST(ev.name == "?]0;title?");
    BOOST_TEST(ev.prompts[0].text == "Pass?[8mword: ");
}

BOOST_AUTO_TEST_SUITE_END()
