// What a hostile or broken server may send (bad-input.md section E): success before any
// request, endless partial success, prompt floods, banners with escapes, truncated messages.
#include "auth_test_support.hpp"

#include <ssh/auth/errc.hpp>

#include <boost/test/unit_test.hpp>

#include <functional>
#include <variant>

using namespace auth_test;
using ssh::auth::errc;

namespace {

ssh::auth::client_auth_config full_config() {
    auto c = config_with_password("hunter2");
    c.keys = {keys().ed25519};
    return c;
}

void to_keyboard_interactive(harness& h) {
    h.begin();
    BOOST_REQUIRE(!h.feed(failure({"keyboard-interactive"})));
    BOOST_REQUIRE_EQUAL(h.last_request().method, "keyboard-interactive");
}

ssh::auth::banner_event only_banner(const std::vector<ssh::auth::auth_event>& events) {
    BOOST_REQUIRE_EQUAL(events.size(), 1u);
    const auto* b = std::get_if<ssh::auth::banner_event>(&events[0]);
    BOOST_REQUIRE(b != nullptr);
    return *b;
}

errc failure_error(harness& h) {
    const auto events = h.events();
    BOOST_REQUIRE(!events.empty());
    const auto* f = std::get_if<ssh::auth::failure_event>(&events.back());
    BOOST_REQUIRE(f != nullptr);
    return static_cast<errc>(f->error.value());
}

} // namespace

BOOST_AUTO_TEST_SUITE(client_auth_bad_input)

// E42.
BOOST_AUTO_TEST_CASE(success_before_any_request) {
    {
        harness h{full_config()};
        BOOST_TEST(h.feed(success()) == errc::unexpected_message);
        BOOST_TEST(!h.auth.succeeded());
    }
    {
        harness h{full_config()};
        boost::system::error_code ec;
        h.auth.start(session_id(), {}, ec);
        BOOST_TEST(h.feed(success()) == errc::unexpected_message);
        BOOST_TEST(h.auth.done());
        BOOST_TEST(!h.auth.succeeded());
        BOOST_TEST((failure_error(h) == errc::unexpected_message));
        BOOST_TEST(h.sink.sent.size() == 1u); // no request, no password
    }
    {
        harness h{full_config()};
        boost::system::error_code ec;
        h.auth.start(session_id(), {}, ec);
        BOOST_TEST(h.feed(failure({"password"})) == errc::unexpected_message);
        BOOST_TEST(h.sink.sent.size() == 1u);
    }
}

BOOST_AUTO_TEST_CASE(messages_after_success_are_unexpected) {
    for (const auto& late :
         {banner("late"), failure({"password"}), success(), info_request("", "", {})}) {
        harness h{full_config()};
        h.begin();
        BOOST_REQUIRE(!h.feed(success()));
        BOOST_TEST(h.feed(late) == errc::unexpected_message);
        BOOST_TEST(h.auth.succeeded());
        BOOST_TEST(!h.auth.error());
    }
}

BOOST_AUTO_TEST_CASE(messages_of_other_layers_or_roles) {
    for (const bytes& m :
         {bytes{50, 0, 0, 0, 0}, bytes{61, 0, 0, 0, 0}, bytes{79}, bytes{80}, bytes{2}, bytes{}}) {
        harness h{full_config()};
        h.begin();
        const auto ec = h.feed(m);
        BOOST_TEST((ec == errc::unexpected_message || (m.empty() && ec == errc::bad_message)));
        BOOST_TEST(h.auth.done());
    }
    harness h{full_config()};
    h.begin();
    // Message 60 answers nothing while "none" is in flight.
    BOOST_TEST(h.feed(info_request("", "", {})) == errc::unexpected_message);
}

// E45.
BOOST_AUTO_TEST_CASE(endless_partial_success_ends_in_auth_failed) {
    auto config = full_config();
    config.keys = {keys().ed25519, keys().ecdsa, keys().ed25519_b};
    harness h{std::move(config)};
    h.begin();
    const auto all = failure({"publickey", "keyboard-interactive", "password"}, true);
    boost::system::error_code ec;
    for (int i = 0; i < 100 && !ec; ++i)
        ec = h.feed(all);
    BOOST_TEST(ec == errc::auth_failed);
    BOOST_TEST(h.auth.requests_sent() == 6u); // none, 3 keys, keyboard-interactive, password
    const auto events = h.events();
    const auto& f = std::get<ssh::auth::failure_event>(events.back());
    BOOST_TEST((f.methods_tried ==
                std::vector<std::string>{"publickey", "keyboard-interactive", "password"}));
    BOOST_TEST(f.message.find("partial success") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(request_cap) {
    auto config = full_config();
    config.keys = {keys().ed25519, keys().ecdsa, keys().ed25519_b};
    config.max_requests = 3;
    harness h{std::move(config)};
    h.begin();
    const auto all = failure({"publickey", "keyboard-interactive", "password"}, true);
    BOOST_TEST(!h.feed(all));
    BOOST_TEST(!h.feed(all));
    BOOST_TEST(h.feed(all) == errc::auth_failed);
    BOOST_TEST(h.auth.requests_sent() == 3u);
    BOOST_TEST(h.sink.sent.size() == 4u); // the service request, then 3
    const auto events = h.events();
    const auto& f = std::get<ssh::auth::failure_event>(events.back());
    BOOST_TEST(f.message.find("gave up after 3") != std::string::npos);
}

// E43.
BOOST_AUTO_TEST_CASE(a_million_prompts) {
    harness h{full_config()};
    to_keyboard_interactive(h);
    BOOST_TEST(h.feed(info_request_header_only(1'000'000)) == errc::too_many_prompts);
    BOOST_TEST((failure_error(h) == errc::too_many_prompts));
}

BOOST_AUTO_TEST_CASE(prompt_count_cap) {
    std::vector<test_prompt> many(64, test_prompt{"x", true});
    {
        harness h{full_config()};
        to_keyboard_interactive(h);
        BOOST_TEST(!h.feed(info_request("", "", many)));
        BOOST_TEST(h.auth.awaiting_answers());
    }
    many.push_back({"x", true});
    harness h{full_config()};
    to_keyboard_interactive(h);
    BOOST_TEST(h.feed(info_request("", "", many)) == errc::too_many_prompts);
}

BOOST_AUTO_TEST_CASE(prompt_text_cap) {
    const std::string big(40 * 1024, 'p');
    {
        harness h{full_config()};
        to_keyboard_interactive(h);
        BOOST_TEST(h.feed(info_request("", "", {{big, true}, {big, true}})) ==
                   errc::too_many_prompts);
    }
    {
        harness h{full_config()};
        to_keyboard_interactive(h);
        BOOST_TEST(h.feed(info_request(big + big, "", {})) == errc::too_many_prompts);
    }
    {
        harness h{full_config()};
        to_keyboard_interactive(h);
        BOOST_TEST(!h.feed(info_request(big, "", {{std::string(24 * 1024, 'q'), true}})));
    }
}

BOOST_AUTO_TEST_CASE(endless_empty_rounds) {
    harness h{full_config()};
    to_keyboard_interactive(h);
    const auto empty = info_request("", "", {});
    for (int i = 0; i < 16; ++i)
        BOOST_REQUIRE(!h.feed(empty));
    BOOST_TEST(h.feed(empty) == errc::too_many_prompts);
}

// E44.
BOOST_AUTO_TEST_CASE(banner_is_sanitised_and_truncated) {
    harness h{full_config()};
    boost::system::error_code ec;
    h.auth.start(session_id(), {}, ec);
    // Before SERVICE_ACCEPT is fine too.
    BOOST_TEST(!h.feed(banner("Authorized use only\r\n\tGr\xc3\xbc\xc3\x9f"
                              "e \x1b[31mred\x1b[0m\n",
                              "en-US")));
    {
        const auto& b = only_banner(h.events());
        BOOST_TEST(b.message == "Authorized use only\n\tGr\xc3\xbc\xc3\x9f"
                                "e ?[31mred?[0m\n");
        BOOST_TEST(b.language == "en-US");
        BOOST_TEST(!b.truncated);
    }
    BOOST_TEST(!h.feed(banner("a\xff"
                              "b\xc2\x9b"
                              "c\xe2\x80\xae"
                              "d\xe2\x82\r\x7f\x01")));
    BOOST_TEST(only_banner(h.events()).message == "a?b?c?d?????");

    std::string huge;
    while (huge.size() < 200 * 1024) // a packet holds at most 256 KiB
        huge += "\x1b[2J\xe2\x82\xac line\n";
    BOOST_TEST(!h.feed(banner(huge)));
    const auto& b = only_banner(h.events());
    BOOST_TEST(b.truncated);
    BOOST_TEST(b.message.size() <= ssh::auth::max_banner_display);
    BOOST_TEST(b.message.size() > ssh::auth::max_banner_display - 16);
    BOOST_TEST(b.message.find('\x1b') == std::string::npos);
    // Cut at a character boundary: the text ends with a whole euro sign or ASCII.
    BOOST_TEST(static_cast<unsigned char>(b.message.back()) < 0x80);
}

// Every proper prefix of each server message, and each message with a byte appended, is
// bad_message in the state that expects it.
BOOST_AUTO_TEST_CASE(truncated_and_padded_messages) {
    struct scripted {
        std::string what;
        std::function<void(harness&)> setup;
        bytes message;
        std::size_t min_valid_prefix; // a prefix this long parses (old-server tolerance)
    };
    const auto blob = keys().ed25519->public_key().blob();
    const auto after_none = [](harness& h) { h.begin(); };
    const std::vector<scripted> cases{
        {"SERVICE_ACCEPT",
         [](harness& h) {
             boost::system::error_code ec;
             h.auth.start(session_id(), {}, ec);
         },
         service_accept(), 1},
        {"FAILURE", after_none, failure({"publickey", "password"}, true), 0},
        {"SUCCESS", after_none, success(), 0},
        {"BANNER", after_none, banner("hello", "en"), 0},
        {"PK_OK",
         [](harness& h) {
             h.begin();
             BOOST_REQUIRE(!h.feed(failure({"publickey"})));
         },
         pk_ok("ssh-ed25519", blob), 0},
        {"PASSWD_CHANGEREQ",
         [](harness& h) {
             h.begin();
             BOOST_REQUIRE(!h.feed(failure({"password"})));
         },
         passwd_changereq("expired"), 0},
        {"INFO_REQUEST", to_keyboard_interactive,
         info_request("n", "i", {{"Password: ", false}, {"Token: ", true}}), 0},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.what) {
            for (std::size_t len = 0; len < c.message.size(); ++len) {
                if (len == c.min_valid_prefix && len != 0)
                    continue;
                harness h{full_config()};
                c.setup(h);
                const auto sent = h.sink.sent.size();
                const bytes prefix(c.message.begin(), c.message.begin() + len);
                BOOST_TEST_CONTEXT("prefix " << len) {
                    BOOST_TEST(h.feed(prefix) == errc::bad_message);
                    BOOST_TEST(h.auth.done());
                    BOOST_TEST(h.sink.sent.size() == sent);
                }
            }
            harness h{full_config()};
            c.setup(h);
            auto padded = c.message;
            padded.push_back(0);
            BOOST_TEST(h.feed(padded) == errc::bad_message);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
