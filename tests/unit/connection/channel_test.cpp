// Channel lifecycle (RFC 4254 §5.1, §5.3): open, confirm, exec, data, exit, EOF, CLOSE, and
// the reuse of channel numbers.
#include "peer.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>

using namespace conn_test;
using ssh::wire::number;

BOOST_AUTO_TEST_SUITE(channel_lifecycle)

BOOST_AUTO_TEST_CASE(exec_session_against_sshd_zero_window) {
    fixture f;
    boost::system::error_code ec;
    const auto id = f.c.open_session(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(id == 0u);
    {
        auto out = f.out.take();
        BOOST_REQUIRE_EQUAL(out.size(), 1u);
        sent m{out[0]};
        BOOST_TEST(m.type == number(msg::channel_open));
        BOOST_TEST(m.r.text(64) == "session");
        BOOST_TEST(m.r.uint32() == id);
        BOOST_TEST(m.r.uint32() == 2u * 1024 * 1024);
        BOOST_TEST(m.r.uint32() == 32768u);
        m.r.expect_end();
        BOOST_TEST(!m.r.failed());
    }
    // OpenSSH sshd confirms a session with window 0 and opens it after exec starts.
    BOOST_TEST(!f.feed(confirmation_msg(id, 7, 0, 32768)));
    BOOST_TEST(only<sc::open_confirmed>(f.events()).id == id);

    f.c.exec(id, "uptime", ec);
    BOOST_TEST(!ec);
    {
        auto out = f.out.take();
        BOOST_REQUIRE_EQUAL(out.size(), 1u);
        sent m{out[0]};
        BOOST_TEST(m.type == number(msg::channel_request));
        BOOST_TEST(m.r.uint32() == 7u);
        BOOST_TEST(m.r.text(64) == "exec");
        BOOST_TEST(m.r.boolean() == true);
        BOOST_TEST(m.r.text(64) == "uptime");
        m.r.expect_end();
        BOOST_TEST(!m.r.failed());
    }
    const auto input = to_bytes("password\n");
    BOOST_TEST(f.c.send_data(id, input, sc::data_stream::out, ec) == 0u);
    BOOST_TEST(!ec);
    BOOST_TEST(f.out.take().empty());

    BOOST_TEST(!f.feed(success_msg(id)));
    const auto result = only<sc::request_result>(f.events());
    BOOST_TEST(result.id == id);
    BOOST_TEST((result.kind == sc::request_kind::exec));
    BOOST_TEST(result.success);

    BOOST_TEST(!f.feed(adjust_msg(id, 2 * 1024 * 1024)));
    BOOST_TEST(only<sc::window_available>(f.events()).id == id);
    BOOST_TEST(f.c.send_data(id, input, sc::data_stream::out, ec) == input.size());
    BOOST_TEST(f.out.take().size() == 1u);

    BOOST_TEST(!f.feed(data_msg(id, " 10:00:00 up 1 day\n")));
    {
        const auto d = only<sc::channel_data>(f.events());
        BOOST_TEST(d.id == id);
        BOOST_TEST((d.stream == sc::data_stream::out));
        BOOST_TEST(text(d.bytes) == " 10:00:00 up 1 day\n");
    }
    BOOST_TEST(!f.feed(extended_msg(id, 1, "warning\n")));
    {
        const auto d = only<sc::channel_data>(f.events());
        BOOST_TEST((d.stream == sc::data_stream::err));
        BOOST_TEST(text(d.bytes) == "warning\n");
    }
    BOOST_TEST(!f.feed(eof_msg(id)));
    BOOST_TEST(only<sc::channel_eof>(f.events()).id == id);
    BOOST_TEST(!f.feed(exit_status_msg(id, 3)));
    {
        const auto s = only<sc::exit_status>(f.events());
        BOOST_TEST(s.id == id);
        BOOST_TEST(s.code == 3u);
    }
    BOOST_TEST(f.out.take().empty()); // nothing answers exit-status without want_reply

    BOOST_TEST(!f.feed(close_msg(id)));
    BOOST_TEST(only<sc::channel_closed>(f.events()).id == id);
    const auto out = f.out.take();
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    BOOST_TEST(out[0] == bytes(close_msg(7)));
    BOOST_TEST(f.c.channel_count() == 0u);
}

BOOST_AUTO_TEST_CASE(openssh_order_exit_status_before_data_and_eof) {
    fixture f;
    const auto id = f.open(3, 2 * 1024 * 1024);
    BOOST_TEST(!f.feed(exit_status_msg(id, 0)));
    BOOST_TEST(only<sc::exit_status>(f.events()).code == 0u);
    BOOST_TEST(!f.feed(data_msg(id, "late output")));
    BOOST_TEST(text(only<sc::channel_data>(f.events()).bytes) == "late output");
    BOOST_TEST(!f.feed(extended_msg(id, 1, "late error")));
    BOOST_TEST(text(only<sc::channel_data>(f.events()).bytes) == "late error");
    BOOST_TEST(!f.feed(eof_msg(id)));
    only<sc::channel_eof>(f.events());
    BOOST_TEST(!f.feed(close_msg(id)));
    only<sc::channel_closed>(f.events());
}

BOOST_AUTO_TEST_CASE(data_after_peer_eof_is_delivered) {
    fixture f;
    const auto id = f.open(3, 1000);
    BOOST_TEST(!f.feed(eof_msg(id)));
    only<sc::channel_eof>(f.events());
    BOOST_TEST(!f.feed(eof_msg(id))); // a second EOF says nothing new
    BOOST_TEST(f.events().empty());
    BOOST_TEST(!f.feed(extended_msg(id, 1, "stderr after eof")));
    BOOST_TEST(text(only<sc::channel_data>(f.events()).bytes) == "stderr after eof");
}

BOOST_AUTO_TEST_CASE(our_eof_then_close_and_nothing_after_close) {
    fixture f;
    boost::system::error_code ec;
    const auto id = f.open(9, 1000);
    f.c.send_eof(id, ec);
    f.c.send_eof(id, ec); // idempotent
    BOOST_TEST(!ec);
    auto out = f.out.take();
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    BOOST_TEST(out[0] == bytes(eof_msg(9)));
    const auto one = to_bytes("x");
    BOOST_TEST(f.c.send_data(id, one, sc::data_stream::out, ec) == 0u);
    BOOST_TEST(ec == sc::errc::eof_sent);

    ec = {};
    f.c.close(id, ec);
    f.c.close(id, ec); // idempotent
    BOOST_TEST(!ec);
    out = f.out.take();
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    BOOST_TEST(out[0] == bytes(close_msg(9)));

    // Nothing leaves after our CLOSE, whatever arrives or is asked.
    f.c.exec(id, "true", ec);
    BOOST_TEST(ec == sc::errc::channel_closed);
    ec = {};
    f.c.consumed(id, 0, ec);
    BOOST_TEST(!f.feed(data_msg(id, "in flight")));                      // dropped, not an error
    BOOST_TEST(!f.feed(request_msg(id, "keepalive@openssh.com", true))); // no reply
    BOOST_TEST(!f.feed(adjust_msg(id, 100)));
    BOOST_TEST(!f.feed(eof_msg(id)));
    BOOST_TEST(!f.feed(success_msg(id)));
    BOOST_TEST(f.events().empty());
    BOOST_TEST(f.out.take().empty());

    BOOST_TEST(!f.feed(close_msg(id)));
    BOOST_TEST(only<sc::channel_closed>(f.events()).id == id);
    BOOST_TEST(f.out.take().empty()); // our CLOSE went already
    BOOST_TEST(f.c.channel_count() == 0u);
}

BOOST_AUTO_TEST_CASE(ids_are_reused_only_after_both_closes) {
    fixture f;
    boost::system::error_code ec;
    const auto a = f.open(100, 0);
    const auto b = f.open(101, 0);
    BOOST_TEST(a == 0u);
    BOOST_TEST(b == 1u);

    f.c.close(a, ec); // sent, not yet received
    BOOST_TEST(f.c.open_session(ec) == 2u);
    BOOST_TEST(!f.feed(close_msg(a)));
    only<sc::channel_closed>(f.events());
    BOOST_TEST(f.c.open_session(ec) == 0u); // both CLOSEs done: 0 is free

    // Peer-initiated: its CLOSE, our CLOSE in reply, and the number is free at once.
    BOOST_TEST(!f.feed(close_msg(b)));
    only<sc::channel_closed>(f.events());
    BOOST_TEST(f.c.open_session(ec) == 1u);
    BOOST_TEST(!ec);

    // The old number, now unconfirmed, is not the peer's to address.
    BOOST_TEST(f.feed(data_msg(1, "stale")) == sc::errc::unknown_channel);
}

BOOST_AUTO_TEST_CASE(close_while_opening_waits_for_the_confirmation) {
    fixture f;
    boost::system::error_code ec;
    const auto id = f.c.open_session(ec);
    f.out.take();
    f.c.close(id, ec);
    BOOST_TEST(!ec);
    BOOST_TEST(f.out.take().empty()); // the peer's number is unknown yet
    BOOST_TEST(!f.feed(confirmation_msg(id, 55, 0)));
    BOOST_TEST(f.events().empty());
    const auto out = f.out.take();
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    BOOST_TEST(out[0] == bytes(close_msg(55)));
    BOOST_TEST(!f.feed(close_msg(id)));
    only<sc::channel_closed>(f.events());

    // And if the open fails instead, open_failed ends it.
    const auto id2 = f.c.open_session(ec);
    f.c.close(id2, ec);
    BOOST_TEST(!f.feed(open_failure_msg(id2, 4, "no")));
    BOOST_TEST(only<sc::open_failed>(f.events()).id == id2);
    BOOST_TEST(f.c.channel_count() == 0u);
}

BOOST_AUTO_TEST_CASE(open_failure_reports_sanitised_text_and_frees_the_id) {
    fixture f;
    boost::system::error_code ec;
    const auto id = f.c.open_session(ec);
    BOOST_TEST(!f.feed(open_failure_msg(id, 1, "prohibited\x1b[31m\n")));
    const auto e = only<sc::open_failed>(f.events());
    BOOST_TEST(e.id == id);
    BOOST_TEST(e.reason == 1u);
    BOOST_TEST(e.description == "prohibited?[31m?");
    BOOST_TEST(f.c.channel_count() == 0u);
    BOOST_TEST(f.feed(close_msg(id)) == sc::errc::unknown_channel);
}

BOOST_AUTO_TEST_CASE(operations_on_channels_not_open_are_refused) {
    fixture f;
    boost::system::error_code ec;
    f.c.exec(42, "ls", ec);
    BOOST_TEST(ec == sc::errc::channel_not_open);
    const auto id = f.c.open_session(ec = {});
    f.out.take();
    f.c.exec(id, "ls", ec);
    BOOST_TEST(ec == sc::errc::channel_not_open); // not confirmed yet
    ec = {};
    const auto one = to_bytes("x");
    BOOST_TEST(f.c.send_data(id, one, sc::data_stream::out, ec) == 0u);
    BOOST_TEST(ec == sc::errc::channel_not_open);
    f.c.close(77, ec = {});
    BOOST_TEST(ec == sc::errc::channel_not_open);
    BOOST_TEST(f.out.take().empty());
}

BOOST_AUTO_TEST_CASE(channel_limit) {
    sc::connection_config config;
    config.max_channels = 2;
    fixture f{config};
    boost::system::error_code ec;
    f.c.open_session(ec);
    f.c.open_session(ec);
    BOOST_TEST(!ec);
    f.out.take();
    f.c.open_session(ec);
    BOOST_TEST(ec == sc::errc::too_many_channels);
    BOOST_TEST(f.out.take().empty());
}

BOOST_AUTO_TEST_CASE(hundred_channels_interleaved) {
    fixture f;
    boost::system::error_code ec;
    constexpr std::uint32_t n = 100;
    std::vector<sc::channel_id> ids;
    for (std::uint32_t i = 0; i < n; ++i)
        ids.push_back(f.c.open_session(ec));
    BOOST_TEST(!ec);
    BOOST_TEST(f.out.take().size() == n);
    // Confirmed in reverse order, each with its own number on the peer's side.
    for (std::uint32_t i = n; i-- > 0;)
        BOOST_TEST(!f.feed(confirmation_msg(ids[i], 5000 + i, 1 << 20)));
    BOOST_TEST(f.events().size() == n);
    for (std::uint32_t i = 0; i < n; ++i)
        f.c.exec(ids[i], "cmd" + std::to_string(i), ec);
    auto out = f.out.take();
    BOOST_REQUIRE_EQUAL(out.size(), n);
    for (std::uint32_t i = 0; i < n; ++i) {
        sent m{out[i]};
        BOOST_TEST(m.r.uint32() == 5000 + i);
        m.r.text(64);
        m.r.boolean();
        BOOST_TEST(m.r.text(64) == "cmd" + std::to_string(i));
    }
    // Interleaved replies, output and exits in a shuffled order.
    std::vector<std::uint32_t> order(n);
    for (std::uint32_t i = 0; i < n; ++i)
        order[i] = i;
    std::mt19937 rng{42};
    std::shuffle(order.begin(), order.end(), rng);
    for (const auto i : order)
        BOOST_TEST(!f.feed(i % 3 ? success_msg(ids[i]) : failure_msg(ids[i])));
    for (const auto& e : f.events()) {
        const auto& r = std::get<sc::request_result>(e);
        BOOST_TEST(r.success == (r.id % 3 != 0));
    }
    for (int round = 0; round < 3; ++round) {
        std::shuffle(order.begin(), order.end(), rng);
        for (const auto i : order) {
            const auto line = "out" + std::to_string(i) + "." + std::to_string(round);
            BOOST_TEST(!f.feed(data_msg(ids[i], line)));
            const auto d = only<sc::channel_data>(f.events());
            BOOST_TEST(d.id == ids[i]);
            BOOST_TEST(text(d.bytes) == line);
            f.c.consumed(d.id, d.bytes.size(), ec);
        }
    }
    std::shuffle(order.begin(), order.end(), rng);
    for (const auto i : order) {
        BOOST_TEST(!f.feed(exit_status_msg(ids[i], i)));
        BOOST_TEST(only<sc::exit_status>(f.events()).code == i);
        BOOST_TEST(!f.feed(close_msg(ids[i])));
        BOOST_TEST(only<sc::channel_closed>(f.events()).id == ids[i]);
    }
    out = f.out.take();
    BOOST_TEST(out.size() == n); // a CLOSE each, and no window adjust for so little data
    BOOST_TEST(f.c.channel_count() == 0u);
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_CASE(invalid_config_is_refused) {
    recorder out;
    const auto make = [&](std::uint32_t window, std::uint32_t packet, std::uint32_t channels) {
        sc::connection_config config;
        config.initial_window = window;
        config.max_packet = packet;
        config.max_channels = channels;
        sc::connection c{out, config};
    };
    BOOST_CHECK_THROW(make(1000, 0, 1), std::invalid_argument);
    BOOST_CHECK_THROW(make(1000, 2000, 1), std::invalid_argument);
    BOOST_CHECK_THROW(make(1 << 30, 1 << 20, 1), std::invalid_argument);
    BOOST_CHECK_THROW(make(1000, 1000, 0), std::invalid_argument);
    BOOST_CHECK_NO_THROW(make(1000, 1000, 1));
}

BOOST_AUTO_TEST_CASE(channel_state_is_small) {
    // 10,000 idle sessions in 32 KiB each: the per-channel state must stay tiny.
    BOOST_TEST(sizeof(sc::detail::channel) <= 64u);
}

BOOST_AUTO_TEST_SUITE_END()
