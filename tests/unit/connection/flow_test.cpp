// Flow control (RFC 4254 §5.2): what we send stays within the peer's window and max packet;
// what we receive stays within ours, and window returns per OpenSSH's rule.
#include "peer.hpp"

#include <limits>

using namespace conn_test;
using ssh::wire::number;

namespace {

// The data lengths of the CHANNEL_DATA messages in `out`.
std::vector<std::uint32_t> data_lengths(const std::vector<bytes>& out, std::uint32_t remote) {
    std::vector<std::uint32_t> lengths;
    for (const auto& b : out) {
        sent m{b};
        BOOST_TEST(m.type == number(msg::channel_data));
        BOOST_TEST(m.r.uint32() == remote);
        lengths.push_back(static_cast<std::uint32_t>(m.r.string(1 << 20).size()));
        m.r.expect_end();
        BOOST_TEST(!m.r.failed());
    }
    return lengths;
}

// The WINDOW_ADJUST amounts in `out`.
std::vector<std::uint32_t> adjustments(const std::vector<bytes>& out, std::uint32_t remote) {
    std::vector<std::uint32_t> amounts;
    for (const auto& b : out) {
        sent m{b};
        BOOST_TEST(m.type == number(msg::channel_window_adjust));
        BOOST_TEST(m.r.uint32() == remote);
        amounts.push_back(m.r.uint32());
    }
    return amounts;
}

} // namespace

BOOST_AUTO_TEST_SUITE(flow_control)

BOOST_AUTO_TEST_CASE(send_data_splits_by_max_packet_and_stops_at_the_window) {
    fixture f;
    boost::system::error_code ec;
    const auto id = f.open(8, 100, 40);
    const bytes payload(250, 'a');
    BOOST_TEST(f.c.send_data(id, payload, sc::data_stream::out, ec) == 100u);
    BOOST_TEST(!ec);
    BOOST_TEST(data_lengths(f.out.take(), 8) == (std::vector<std::uint32_t>{40, 40, 20}));
    BOOST_TEST(f.c.remote_window(id) == 0u);

    BOOST_TEST(f.c.send_data(id, payload, sc::data_stream::out, ec) == 0u);
    BOOST_TEST(f.out.take().empty());
    BOOST_TEST(f.events().empty());

    BOOST_TEST(!f.feed(adjust_msg(id, 10)));
    BOOST_TEST(only<sc::window_available>(f.events()).id == id);
    BOOST_TEST(f.c.send_data(id, payload, sc::data_stream::out, ec) == 10u);
    BOOST_TEST(data_lengths(f.out.take(), 8) == (std::vector<std::uint32_t>{10}));

    // window_available comes once per stall, and only after a stall.
    BOOST_TEST(!f.feed(adjust_msg(id, 90)));
    BOOST_TEST(only<sc::window_available>(f.events()).id == id);
    BOOST_TEST(!f.feed(adjust_msg(id, 5)));
    BOOST_TEST(f.events().empty());
    const auto small = to_bytes("hi");
    BOOST_TEST(f.c.send_data(id, small, sc::data_stream::out, ec) == 2u);
    BOOST_TEST(!f.feed(adjust_msg(id, 5)));
    BOOST_TEST(f.events().empty());
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_CASE(stderr_goes_as_extended_data_type_1) {
    fixture f;
    boost::system::error_code ec;
    const auto id = f.open(8, 1000, 1000);
    const auto err = to_bytes("oops");
    BOOST_TEST(f.c.send_data(id, err, sc::data_stream::err, ec) == 4u);
    const auto out = f.out.take();
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    BOOST_TEST(out[0] == bytes(extended_msg(8, 1, "oops")));
    BOOST_TEST(f.c.remote_window(id) == 996u);
}

BOOST_AUTO_TEST_CASE(our_sends_never_pass_our_own_max_packet) {
    fixture f;
    boost::system::error_code ec;
    const auto id = f.open(8, 1 << 20, 1 << 20); // the peer would take 1 MiB messages
    const bytes payload(70000, 'z');
    BOOST_TEST(f.c.send_data(id, payload, sc::data_stream::out, ec) == 70000u);
    BOOST_TEST(data_lengths(f.out.take(), 8) == (std::vector<std::uint32_t>{32768, 32768, 4464}));
}

BOOST_AUTO_TEST_CASE(window_returns_per_openssh_rule_three_packets) {
    // 2 MiB window, 32 KiB packets: adjust once more than 3 packets are outstanding.
    fixture f;
    boost::system::error_code ec;
    const auto id = f.open(4, 0);
    const std::string packet(32768, 'p');
    const std::uint32_t window_max = 2 * 1024 * 1024;
    std::uint64_t credited = 0;
    std::uint64_t received = 0;
    for (int i = 0; i < 200; ++i) {
        BOOST_TEST(!f.feed(data_msg(id, packet)));
        received += packet.size();
        const auto d = only<sc::channel_data>(f.events());
        f.c.consumed(id, d.bytes.size(), ec);
        BOOST_TEST(!ec);
        for (const auto n : adjustments(f.out.take(), 4)) {
            // The first adjust comes with the 4th packet: 3 consumed (98304) + 1 outstanding.
            if (credited == 0)
                BOOST_TEST(received == 4u * 32768);
            BOOST_TEST(n == 3u * 32768); // what was consumed since the last adjust
            credited += n;
        }
        // What the peer may send never passes the window we advertised.
        BOOST_TEST(window_max + credited - received <= window_max);
        BOOST_TEST(f.c.local_window(id) == window_max + credited - received);
    }
    BOOST_TEST(credited > 0u);
}

BOOST_AUTO_TEST_CASE(window_returns_per_openssh_rule_half_window) {
    // 3 x max_packet exceeds the window: only the half-window rule applies.
    sc::connection_config config;
    config.initial_window = 1000;
    config.max_packet = 400;
    fixture f{config};
    boost::system::error_code ec;
    const auto id = f.open(4, 0);
    BOOST_TEST(!f.feed(data_msg(id, std::string(400, 'a'))));
    f.c.consumed(id, 400, ec);
    BOOST_TEST(f.out.take().empty()); // 600 left >= 500
    // 200 more leave 400 (< 500): what was consumed comes back, not what is still held.
    BOOST_TEST(!f.feed(data_msg(id, std::string(200, 'b'))));
    BOOST_TEST(adjustments(f.out.take(), 4) == (std::vector<std::uint32_t>{400}));
    BOOST_TEST(f.c.local_window(id) == 800u);
    f.c.consumed(id, 200, ec);
    BOOST_TEST(f.out.take().empty()); // 800 left
    BOOST_TEST(!f.feed(data_msg(id, std::string(400, 'c'))));
    BOOST_TEST(adjustments(f.out.take(), 4) == (std::vector<std::uint32_t>{200}));
    BOOST_TEST(f.c.local_window(id) == 600u);
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_CASE(slow_consumer_holds_the_window_shut) {
    sc::connection_config config;
    config.initial_window = 4096;
    config.max_packet = 1024;
    config.window_slack_percent = 0;
    fixture f{config};
    const auto id = f.open(4, 0);
    for (int i = 0; i < 4; ++i)
        BOOST_TEST(!f.feed(data_msg(id, std::string(1024, 'x'))));
    BOOST_TEST(f.out.take().empty()); // nothing consumed, nothing returned
    BOOST_TEST(f.c.local_window(id) == 0u);
    BOOST_TEST(f.feed(data_msg(id, "!")) == sc::errc::window_exceeded);
    boost::system::error_code ec;
    f.c.consumed(id, 5000, ec);
    BOOST_TEST(ec == sc::errc::invalid_argument); // more than was received
}

BOOST_AUTO_TEST_CASE(data_beyond_window_tolerates_the_slack_only) {
    sc::connection_config config;
    config.initial_window = 1000;
    config.max_packet = 1000;
    fixture f{config}; // 10 % slack: 100 bytes
    const auto id = f.open(4, 0);
    BOOST_TEST(!f.feed(data_msg(id, std::string(1000, 'x'))));
    BOOST_TEST(!f.feed(data_msg(id, std::string(100, 'y'))));
    BOOST_TEST(f.events().size() == 2u);
    BOOST_TEST(f.feed(data_msg(id, "z")) == sc::errc::window_exceeded);
    BOOST_TEST(f.events().empty());
    // Consuming everything returns all of it: the window is whole again, not more.
    boost::system::error_code ec;
    f.c.consumed(id, 1100, ec);
    BOOST_TEST(adjustments(f.out.take(), 4) == (std::vector<std::uint32_t>{1100}));
    BOOST_TEST(f.c.local_window(id) == 1000u);
}

BOOST_AUTO_TEST_CASE(data_beyond_max_packet_is_an_error) {
    fixture f;
    const auto id = f.open(4, 0);
    BOOST_TEST(!f.feed(data_msg(id, std::string(32768, 'x'))));
    f.events();
    BOOST_TEST(f.feed(data_msg(id, std::string(32769, 'x'))) == sc::errc::packet_exceeded);
    BOOST_TEST(f.feed(extended_msg(id, 1, std::string(32769, 'x'))) == sc::errc::packet_exceeded);
    BOOST_TEST(f.events().empty());
}

BOOST_AUTO_TEST_CASE(window_adjust_overflow_is_an_error) {
    fixture f;
    const auto id = f.open(4, 1);
    constexpr auto max = std::numeric_limits<std::uint32_t>::max();
    BOOST_TEST(f.feed(adjust_msg(id, max)) == sc::errc::window_overflow);
    BOOST_TEST(f.c.remote_window(id) == 1u);
    BOOST_TEST(!f.feed(adjust_msg(id, max - 1)));
    BOOST_TEST(f.c.remote_window(id) == max);
    BOOST_TEST(f.feed(adjust_msg(id, 1)) == sc::errc::window_overflow);
    BOOST_TEST(!f.feed(adjust_msg(id, 0)));
}

BOOST_AUTO_TEST_CASE(unknown_extended_data_is_dropped_but_its_window_returned) {
    sc::connection_config config;
    config.initial_window = 1000;
    config.max_packet = 400;
    fixture f{config};
    const auto id = f.open(4, 0);
    BOOST_TEST(!f.feed(extended_msg(id, 2, std::string(400, 'q'))));
    BOOST_TEST(f.events().empty());
    BOOST_TEST(f.out.take().empty()); // 600 left: not yet due
    BOOST_TEST(!f.feed(extended_msg(id, 7, std::string(200, 'q'))));
    BOOST_TEST(f.events().empty());
    BOOST_TEST(adjustments(f.out.take(), 4) == (std::vector<std::uint32_t>{600}));
    BOOST_TEST(f.c.local_window(id) == 1000u);
}

BOOST_AUTO_TEST_CASE(empty_data_is_no_event) {
    fixture f;
    const auto id = f.open(4, 0);
    BOOST_TEST(!f.feed(data_msg(id, "")));
    BOOST_TEST(f.events().empty());
}

BOOST_AUTO_TEST_SUITE_END()
