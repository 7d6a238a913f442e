// The session log: what it writes, and that no secret reaches its sink however the bytes are cut.
#include <engine/session_log.hpp>

#include <boost/test/unit_test.hpp>

#include <string>

namespace {

struct captured {
    std::string text;
    std::size_t writes = 0;
    engine::session_log::sink sink() {
        return [this](std::string_view bytes) {
            text += bytes;
            ++writes;
        };
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(session_log)

BOOST_AUTO_TEST_CASE(events_sent_and_received_bytes_in_order) {
    captured out;
    {
        engine::session_log log(out.sink(), {});
        log.event("connected");
        log.received("r1>");
        log.sent("show clock");
        log.received("show clock\n10:00\nr1>");
    }
    BOOST_TEST(out.text == "## connected\nr1>\n>> show clock\nshow clock\n10:00\nr1>");
}

BOOST_AUTO_TEST_CASE(secrets_are_masked_wherever_they_appear) {
    captured out;
    {
        engine::session_log log(out.sink(), {"s3cret-pw", "", "en4ble"});
        log.event("login with s3cret-pw");
        log.sent("username admin secret en4ble");
        log.secret_sent();
        log.received("Password: en4ble\nr1#s3cret-pw");
    }
    BOOST_TEST(out.text.find("s3cret") == std::string::npos);
    BOOST_TEST(out.text.find("en4ble") == std::string::npos);
    BOOST_TEST(out.text == "## login with ********\n>> username admin secret ********\n"
                           ">> ********\nPassword: ********\nr1#********");
}

BOOST_AUTO_TEST_CASE(a_secret_split_across_chunks_never_leaks_a_prefix) {
    const std::string secret = "Tr0ub4dor&3";
    const std::string stream = "before " + secret + " middle " + secret + secret + " after";
    // Every way of cutting the stream in two, and byte by byte.
    for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
        captured out;
        std::string seen_before_end;
        {
            engine::session_log log(out.sink(), {secret});
            log.received(stream.substr(0, cut));
            seen_before_end = out.text;
            log.received(stream.substr(cut));
        }
        BOOST_TEST(out.text == "before ******** middle **************** after");
        // What was written before the rest arrived ends with no prefix of the secret.
        for (std::size_t n = 1; n < secret.size(); ++n)
            BOOST_TEST(!seen_before_end.ends_with(secret.substr(0, n)), "cut " << cut);
    }
    captured bytewise;
    {
        engine::session_log log(bytewise.sink(), {secret});
        for (char c : stream)
            log.received(std::string_view(&c, 1));
    }
    BOOST_TEST(bytewise.text == "before ******** middle **************** after");
}

BOOST_AUTO_TEST_CASE(the_longest_secret_wins_when_one_contains_another) {
    captured out;
    {
        engine::session_log log(out.sink(), {"pass", "password123"});
        log.received("x password123 y pass z");
    }
    BOOST_TEST(out.text == "x ******** y ******** z");
}

BOOST_AUTO_TEST_CASE(without_secrets_received_bytes_are_written_at_once) {
    captured out;
    engine::session_log log(out.sink(), {});
    log.received("abc");
    BOOST_TEST(out.text == "abc");
    log.received("def");
    BOOST_TEST(out.text == "abcdef");
    BOOST_TEST(out.writes == 2u);
}

BOOST_AUTO_TEST_CASE(held_back_bytes_are_written_by_flush_and_before_what_is_sent) {
    captured out;
    engine::session_log log(out.sink(), {"secret"});
    log.received("r1>sec");
    BOOST_TEST(out.text == "r"); // "1>sec" could be the start of the secret
    log.sent("show version");    // a sent line ends what was received before it
    BOOST_TEST(out.text == "r1>sec\n>> show version\n");
    log.received("ab");
    log.flush();
    BOOST_TEST(out.text == "r1>sec\n>> show version\nab");
}

BOOST_AUTO_TEST_SUITE_END()
