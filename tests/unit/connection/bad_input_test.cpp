// Hostile input (bad-input.md §F): every truncated message, trailing bytes, channel numbers
// the peer may not use, and message numbers that are not ours. Each is an error, never a
// crash, and a rejected message changes nothing.
#include "peer.hpp"

#include <functional>
#include <memory>

using namespace conn_test;
using ssh::wire::number;

namespace {

// Channel 0 is open (peer's number 50), channel 1 is still opening.
std::unique_ptr<fixture> two_channels(sc::role side = sc::role::client) {
    sc::connection_config config;
    config.side = side;
    auto f = std::make_unique<fixture>(config);
    f->open(50, 1000);
    boost::system::error_code ec;
    f->c.open_session(ec);
    f->out.take();
    return f;
}

struct sample {
    std::string name;
    bytes payload;
    sc::role side = sc::role::client;
};

std::vector<sample> samples() {
    return {
        {"open confirmation", confirmation_msg(1, 51, 0, 32768)},
        {"open failure", open_failure_msg(1, 2, "refused")},
        {"window adjust", adjust_msg(0, 10)},
        {"data", data_msg(0, "hello")},
        {"extended data", extended_msg(0, 1, "err")},
        {"eof", eof_msg(0)},
        {"close", close_msg(0)},
        {"channel success", success_msg(0)},
        {"channel failure", failure_msg(0)},
        {"exit-status", exit_status_msg(0, 2)},
        {"exit-signal", exit_signal_msg(0, "KILL", false, "killed")},
        {"channel request", request_msg(0, "x-unknown", true)},
        {"global request", global_request_msg("keepalive@openssh.com", true)},
        {"request failure", bytes{number(msg::request_failure)}},
        {"channel open", channel_open_msg("x11", 7, 0, 32768)},
        {"server channel open", channel_open_msg("session", 7, 0, 32768), sc::role::server},
    };
}

} // namespace

BOOST_AUTO_TEST_SUITE(bad_input)

BOOST_AUTO_TEST_CASE(every_truncated_prefix_is_bad_message_and_changes_nothing) {
    for (const auto& s : samples()) {
        auto f = two_channels(s.side);
        for (std::size_t n = 0; n < s.payload.size(); ++n) {
            const bytes prefix(s.payload.begin(), s.payload.begin() + n);
            BOOST_TEST(f->feed(prefix) == sc::errc::bad_message, s.name << " cut at " << n);
        }
        BOOST_TEST(f->events().empty(), s.name);
        BOOST_TEST(f->out.take().empty(), s.name);
        // The whole message still works: nothing was changed by the rejected ones.
        BOOST_TEST(!f->feed(s.payload), s.name);
    }
}

BOOST_AUTO_TEST_CASE(trailing_bytes_after_fixed_messages_are_bad_message) {
    for (const auto& s : samples()) {
        if (s.name == "open confirmation" || s.name == "channel request" ||
            s.name == "global request" || s.name == "channel open")
            continue; // type-specific data may follow these
        auto f = two_channels(s.side);
        auto longer = s.payload;
        longer.push_back(0);
        BOOST_TEST(f->feed(longer) == sc::errc::bad_message, s.name);
        BOOST_TEST(f->events().empty(), s.name);
    }
}

BOOST_AUTO_TEST_CASE(messages_for_channels_the_peer_may_not_address) {
    // Never opened, still opening (unconfirmed), and closed: all fatal (OpenSSH
    // channel_from_packet_id).
    const std::vector<std::function<bytes(std::uint32_t)>> makers{
        [](std::uint32_t id) { return data_msg(id, "x"); },
        [](std::uint32_t id) { return extended_msg(id, 1, "x"); },
        [](std::uint32_t id) { return adjust_msg(id, 1); },
        [](std::uint32_t id) { return eof_msg(id); },
        [](std::uint32_t id) { return close_msg(id); },
        [](std::uint32_t id) { return success_msg(id); },
        [](std::uint32_t id) { return failure_msg(id); },
        [](std::uint32_t id) { return request_msg(id, "exit-status", false); },
    };
    for (const auto& make : makers) {
        auto f = two_channels();
        BOOST_TEST(f->feed(make(7)) == sc::errc::unknown_channel);
        BOOST_TEST(f->feed(make(1)) == sc::errc::unknown_channel);
        BOOST_TEST(f->feed(make(0xffffffff)) == sc::errc::unknown_channel);
        BOOST_TEST(!f->feed(close_msg(0)));
        f->events();
        BOOST_TEST(f->feed(make(0)) == sc::errc::unknown_channel);
        BOOST_TEST(f->events().empty());
    }
    // Answers to opens we did not make.
    auto f = two_channels();
    BOOST_TEST(f->feed(confirmation_msg(9, 1, 0)) == sc::errc::unknown_channel);
    BOOST_TEST(f->feed(open_failure_msg(9, 1, "")) == sc::errc::unknown_channel);
    BOOST_TEST(f->feed(confirmation_msg(0, 1, 0)) == sc::errc::unexpected_message);
    BOOST_TEST(f->feed(open_failure_msg(0, 1, "")) == sc::errc::unexpected_message);
    BOOST_TEST(f->feed(confirmation_msg(1, 1, 0, 0)) == sc::errc::bad_message); // max packet 0
}

BOOST_AUTO_TEST_CASE(message_numbers_outside_the_layer) {
    fixture f;
    BOOST_TEST(f.feed(bytes{101}) == sc::errc::unimplemented_message);
    BOOST_TEST(f.feed(bytes{127, 1, 2}) == sc::errc::unimplemented_message);
    BOOST_TEST(f.feed(bytes{50}) == sc::errc::unexpected_message);
    BOOST_TEST(f.feed(bytes{128}) == sc::errc::unexpected_message);
    BOOST_TEST(f.feed(bytes{}) == sc::errc::bad_message);
    BOOST_TEST(f.out.take().empty());
}

BOOST_AUTO_TEST_CASE(huge_declared_lengths_are_bad_message) {
    auto f = two_channels();
    const bytes lie{number(msg::channel_data), 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 'x'};
    BOOST_TEST(f->feed(lie) == sc::errc::bad_message);
    const bytes name_lie{number(msg::channel_request), 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff};
    BOOST_TEST(f->feed(name_lie) == sc::errc::bad_message);
}

BOOST_AUTO_TEST_CASE(error_category) {
    const boost::system::error_code ec = sc::errc::window_overflow;
    BOOST_TEST(std::string(ec.category().name()) == "ssh.connection");
    BOOST_TEST(!ec.message().empty());
}

BOOST_AUTO_TEST_SUITE_END()
