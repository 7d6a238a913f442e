// A hostile client against server_session, in memory. The client is a bare client-role
// transport: once the keys are set it sends whatever payload the test writes, in the order
// the test writes it, so each case can break the protocol exactly where it wants to
// (bad-input.md E40, E41, E49, E50, E57, B11, B12, B15). Each case checks that the server ends
// that connection with a typed error and a DISCONNECT the client can read, or, where the
// protocol says so, refuses the request and keeps serving.
#include <ssh/auth/errc.hpp>
#include <ssh/connection/errc.hpp>
#include <ssh/session/errc.hpp>
#include <ssh/session/server_session.hpp>
#include <ssh/transport/algorithm_preferences.hpp>
#include <ssh/transport/errc.hpp>
#include <ssh/wire/msg.hpp>
#include <ssh/wire/reader.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <functional>
#include <new>
#include <string>
#include <vector>

using namespace ssh;

// Every allocation of this test binary goes through here so that a case can check the
// largest single request made while the server parsed a hostile length (bad-input.md B11:
// rejected "before any allocation").
namespace {
std::atomic<std::size_t> largest_allocation{0};
} // namespace

void* operator new(std::size_t n) {
    std::size_t seen = largest_allocation.load(std::memory_order_relaxed);
    while (n > seen &&
           !largest_allocation.compare_exchange_weak(seen, n, std::memory_order_relaxed))
        ;
    if (void* p = std::malloc(n == 0 ? 1 : n))
        return p;
    throw std::bad_alloc();
}
// Array forms too: under ASan the runtime's own operator new[] would not call ours.
void* operator new[](std::size_t n) {
    return operator new(n);
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete[](void* p) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    std::free(p);
}

namespace {

using bytes = std::vector<std::uint8_t>;
using wire::msg;
using wire::number;

constexpr std::uint32_t reason_protocol_error = 2; // RFC 4250 §4.2.2

std::shared_ptr<const crypto::private_key> make_key(std::uint64_t seed) {
    auto rng = crypto::make_deterministic_random(seed);
    boost::system::error_code ec;
    auto key = crypto::private_key::generate(crypto::key_type::ed25519, *rng, ec);
    BOOST_REQUIRE_MESSAGE(key.has_value(), ec.message());
    return std::make_shared<const crypto::private_key>(std::move(*key));
}

// --- Payloads a client sends (RFC 4252, RFC 4254), built by hand ---

bytes service_request(std::string_view service) {
    wire::writer w;
    w.byte(number(msg::service_request));
    w.string(service);
    return w.take();
}

bytes password_request(std::string_view user, std::string_view password) {
    wire::writer w;
    w.byte(number(msg::userauth_request));
    w.string(user);
    w.string("ssh-connection");
    w.string("password");
    w.boolean(false);
    w.string(password);
    return w.take();
}

// A message of the userauth range with a plausible body (its exact content does not matter:
// the client may not send these at all).
bytes server_only_auth_message(std::uint8_t type) {
    wire::writer w;
    w.byte(type);
    if (type == number(msg::userauth_failure)) {
        w.string("password");
        w.boolean(false);
    } else if (type == number(msg::userauth_banner)) {
        w.string("welcome\r\n");
        w.string("");
    } else if (type == number(wire::userauth_pk_ok)) {
        w.string("ssh-ed25519");
        w.string("blob");
    }
    return w.take();
}

bytes channel_open_session(std::uint32_t sender, std::uint32_t window = 1u << 20,
                           std::uint32_t max_packet = 32 * 1024) {
    wire::writer w;
    w.byte(number(msg::channel_open));
    w.string("session");
    w.uint32(sender);
    w.uint32(window);
    w.uint32(max_packet);
    return w.take();
}

bytes global_request(std::string_view name, bool want_reply) {
    wire::writer w;
    w.byte(number(msg::global_request));
    w.string(name);
    w.boolean(want_reply);
    return w.take();
}

bytes exec_request(std::uint32_t recipient, std::string_view command) {
    wire::writer w;
    w.byte(number(msg::channel_request));
    w.uint32(recipient);
    w.string("exec");
    w.boolean(true);
    w.string(command);
    return w.take();
}

bytes channel_data(std::uint32_t recipient, std::size_t size) {
    wire::writer w;
    w.byte(number(msg::channel_data));
    w.uint32(recipient);
    w.string(bytes(size, 'x'));
    return w.take();
}

bytes window_adjust(std::uint32_t recipient, std::uint32_t n) {
    wire::writer w;
    w.byte(number(msg::channel_window_adjust));
    w.uint32(recipient);
    w.uint32(n);
    return w.take();
}

bytes channel_close(std::uint32_t recipient) {
    wire::writer w;
    w.byte(number(msg::channel_close));
    w.uint32(recipient);
    return w.take();
}

// --- The server application: password "pw" for "netops", every channel, exec echoes ---

struct server_app {
    bool answer_auth = true; // false: leave password attempts waiting
    std::size_t password_attempts = 0;
    std::size_t authenticated_events = 0;
    std::size_t open_requests = 0;
    std::size_t data_events = 0;
    std::size_t data_bytes = 0;
    std::vector<std::string> commands;

    void handle(session::server_session& s, session::server_session_event& e) {
        boost::system::error_code ec;
        if (auto* a = std::get_if<auth::server_auth_event>(&e)) {
            if (auto* pw = std::get_if<auth::password_attempt>(a)) {
                ++password_attempts;
                if (answer_auth)
                    s.authentication().accept(pw->user == "netops" && pw->password.view() == "pw",
                                              ec);
            } else if (std::holds_alternative<auth::publickey_query>(*a)) {
                s.authentication().accept_key_query(false, ec);
            } else if (std::holds_alternative<auth::authenticated>(*a)) {
                ++authenticated_events;
            } else if (!std::holds_alternative<auth::too_many_attempts>(*a)) {
                s.authentication().accept(false, ec);
            }
        } else {
            auto& c = std::get<connection::connection_event>(e);
            auto& ch = s.channels();
            if (auto* open = std::get_if<connection::open_request>(&c)) {
                ++open_requests;
                ch.accept_open(open->id, ec);
            } else if (auto* d = std::get_if<connection::channel_data>(&c)) {
                ++data_events;
                data_bytes += d->bytes.size(); // not consumed: the window is not returned
            } else if (auto* req = std::get_if<connection::channel_request>(&c)) {
                if (req->name != "exec") {
                    if (req->want_reply)
                        ch.reply_request(req->id, false, ec);
                } else {
                    wire::reader r{req->data};
                    const std::string command(r.text(64 * 1024));
                    commands.push_back(command);
                    const std::string out = "you said: " + command + "\n";
                    ch.reply_request(req->id, true, ec);
                    ch.send_data(req->id,
                                 {reinterpret_cast<const std::uint8_t*>(out.data()), out.size()},
                                 connection::data_stream::out, ec);
                    ch.send_eof(req->id, ec);
                    wire::writer status;
                    status.uint32(0);
                    ch.request(req->id, "exit-status", false, status.data(), ec);
                    ch.close(req->id, ec);
                }
            }
        }
        BOOST_TEST(!ec, "server application call: " << ec.message());
    }
};

session::server_session_config server_config() {
    session::server_session_config s;
    s.transport.side = transport::role::server;
    s.transport.offer = transport::default_client_offer();
    s.transport.host_keys = {make_key(1)};
    s.transport.server_signature_algorithms = auth::default_server_signature_algorithms();
    s.auth.methods = {auth::method::password};
    s.connection.side = connection::role::server;
    return s;
}

transport::transport_config client_config() {
    transport::transport_config c;
    c.side = transport::role::client;
    c.offer = transport::default_client_offer();
    return c;
}

// A server_session and a bare client transport, pumped into each other in memory. The
// server's output is taken (and so its memory released) at every step; the client keeps
// every upper-layer payload it receives.
struct harness {
    std::shared_ptr<const crypto::private_key> host = make_key(1);
    std::unique_ptr<crypto::random_source> rng_s = crypto::make_deterministic_random(21);
    std::unique_ptr<crypto::random_source> rng_c = crypto::make_deterministic_random(22);
    session::server_session server;
    transport::transport client{client_config(), *rng_c};
    server_app app;
    boost::system::error_code server_ec, client_ec;
    std::vector<bytes> received;           // payloads the client got, in order
    std::size_t largest_server_output = 0; // the most server output ever waiting at once

    explicit harness(session::server_session_config config = server_config())
        : server(with_host(std::move(config)), *rng_s) {}

    session::server_session_config with_host(session::server_session_config c) const {
        c.transport.host_keys = {host};
        return c;
    }

    // Client bytes into the server; returns whether there were any.
    bool client_to_server() {
        bytes out;
        client.take_output(out);
        feed_server(out);
        return !out.empty();
    }

    void feed_server(wire::bytes_view data) {
        std::size_t used = 0;
        for (std::size_t guard = 0; !server_ec && used < data.size() && guard < data.size() + 16;
             ++guard) {
            used += server.feed(data.subspan(used), server_ec);
            while (auto e = server.next_event())
                app.handle(server, *e);
        }
    }

    // Server bytes into the client; returns whether there were any.
    bool server_to_client() {
        largest_server_output = std::max(largest_server_output, server.pending_output().size());
        bytes out;
        server.take_output(out);
        std::size_t used = 0;
        for (std::size_t guard = 0; !client_ec && guard < out.size() + 16; ++guard) {
            const std::size_t n = client.feed({out.data() + used, out.size() - used}, client_ec);
            used += n;
            bool delivered = false;
            while (!client_ec) {
                const auto p = client.next_payload(client_ec);
                if (!p)
                    break;
                received.emplace_back(p->begin(), p->end());
                delivered = true;
            }
            if (const auto* offer = client.host_key_to_check()) {
                const auto blob = host->public_key().blob();
                BOOST_REQUIRE(
                    std::equal(offer->blob.begin(), offer->blob.end(), blob.begin(), blob.end()));
                client.accept_host_key();
                continue;
            }
            if (used == out.size() || (n == 0 && !delivered))
                break;
        }
        return !out.empty();
    }

    // Until neither side has anything more to say (or both stopped).
    void pump() {
        for (int round = 0; round < 100; ++round) {
            const bool a = client_to_server();
            const bool b = server_to_client();
            if (!a && !b)
                return;
        }
        BOOST_FAIL("pump did not settle");
    }

    void send(const bytes& payload) { client.send(payload); }

    // Identification, key exchange and EXT_INFO; nothing of authentication yet.
    void handshake() {
        pump();
        BOOST_REQUIRE_MESSAGE(!server_ec && !client_ec, server_ec.message()
                                                            << " / " << client_ec.message());
        BOOST_REQUIRE(client.secure());
    }

    // ...then the userauth service, but no request.
    void service_accepted() {
        handshake();
        send(service_request("ssh-userauth"));
        pump();
        BOOST_REQUIRE(!server_ec);
        BOOST_REQUIRE(count(msg::service_accept) == 1);
    }

    // ...then password authentication.
    void authenticate() {
        service_accepted();
        send(password_request("netops", "pw"));
        pump();
        BOOST_REQUIRE_MESSAGE(!server_ec, server_ec.message());
        BOOST_REQUIRE(server.authenticated());
        BOOST_REQUIRE(count(msg::userauth_success) == 1);
    }

    // An accepted session channel; returns the server's number for it.
    std::uint32_t open_channel(std::uint32_t our_id, std::uint32_t window = 1u << 20) {
        const auto before = count(msg::channel_open_confirmation);
        send(channel_open_session(our_id, window));
        pump();
        BOOST_REQUIRE(count(msg::channel_open_confirmation) == before + 1);
        wire::reader r{last(msg::channel_open_confirmation)};
        r.byte();
        BOOST_REQUIRE(r.uint32() == our_id);
        const auto server_id = r.uint32();
        BOOST_REQUIRE(!r.failed());
        return server_id;
    }

    std::size_t count(msg type) const {
        return static_cast<std::size_t>(
            std::count_if(received.begin(), received.end(),
                          [&](const bytes& p) { return !p.empty() && p[0] == number(type); }));
    }
    const bytes& last(msg type) const {
        for (auto it = received.rbegin(); it != received.rend(); ++it)
            if (!it->empty() && (*it)[0] == number(type))
                return *it;
        BOOST_FAIL("no such message received");
        return received.front(); // not reached
    }

    // The client has read everything the server wrote: its last word was a DISCONNECT.
    void expect_disconnected(std::uint32_t reason) {
        BOOST_TEST(server.finished());
        BOOST_TEST(server.pending_output().empty());
        BOOST_TEST((client_ec == transport::errc::peer_disconnected),
                   "the client saw " << client_ec.message() << " instead of a DISCONNECT");
        BOOST_TEST(client.diagnostics().disconnect_reason == reason);
    }

    // Exec on an open channel gets its reply and output: the connection still works.
    void expect_exec_works(std::uint32_t server_id, std::string_view command) {
        const auto successes = count(msg::channel_success);
        const auto data = count(msg::channel_data);
        send(exec_request(server_id, command));
        pump();
        BOOST_REQUIRE_MESSAGE(!server_ec, server_ec.message());
        BOOST_TEST(count(msg::channel_success) == successes + 1);
        BOOST_REQUIRE(count(msg::channel_data) == data + 1);
        wire::reader r{last(msg::channel_data)};
        r.byte();
        r.uint32();
        BOOST_TEST(r.text(1024) == "you said: " + std::string(command) + "\n");
    }
};

std::string name(std::uint8_t type) {
    return std::string(wire::msg_name(type)) + " (" + std::to_string(type) + ")";
}

// The server's plaintext output (before any key exchange) as payloads: the identification
// line, then binary packets with the "none" cipher (RFC 4253 §6).
std::vector<bytes> plaintext_payloads(wire::bytes_view out) {
    std::vector<bytes> payloads;
    const std::string_view text(reinterpret_cast<const char*>(out.data()), out.size());
    std::size_t at = text.find("\r\n");
    BOOST_REQUIRE(at != std::string_view::npos);
    at += 2;
    while (at + 5 <= out.size()) {
        wire::reader r{out.subspan(at)};
        const auto length = r.uint32();
        const auto padding = r.byte();
        BOOST_REQUIRE(length >= padding + 1u && at + 4 + length <= out.size());
        const auto payload = r.raw(length - padding - 1u);
        payloads.emplace_back(payload.begin(), payload.end());
        at += 4 + length;
    }
    BOOST_TEST(at == out.size());
    return payloads;
}

} // namespace

BOOST_AUTO_TEST_SUITE(server_hostile)

// E40: USERAUTH_SUCCESS and the other messages only a server sends, from the client, before
// the userauth service was even requested and after it was granted.
BOOST_AUTO_TEST_CASE(server_only_auth_messages_from_the_client_end_the_connection) {
    const std::uint8_t types[] = {number(msg::userauth_failure), number(msg::userauth_success),
                                  number(msg::userauth_banner), number(wire::userauth_pk_ok)};
    for (const bool service_first : {false, true}) {
        for (const auto type : types) {
            BOOST_TEST_CONTEXT(name(type) << (service_first ? " after SERVICE_ACCEPT"
                                                            : " before SERVICE_REQUEST")) {
                harness h;
                if (service_first)
                    h.service_accepted();
                else
                    h.handshake();
                h.send(server_only_auth_message(type));
                h.pump();
                BOOST_TEST((h.server_ec == auth::errc::unexpected_message), h.server_ec.message());
                BOOST_TEST(!h.server.authenticated());
                BOOST_TEST(h.app.authenticated_events == 0u);
                h.expect_disconnected(reason_protocol_error);
                // Nothing more is read from this connection.
                const bytes more(64, 0x42);
                boost::system::error_code again;
                BOOST_TEST(h.server.feed(more, again) == 0u);
                BOOST_TEST(!h.server.next_event());
            }
        }
    }
}

// E40 while a real request waits for the application: a client claiming SUCCESS does not
// turn the pending password into an authentication, even if the application then says yes.
BOOST_AUTO_TEST_CASE(userauth_success_while_a_password_waits_for_the_application) {
    harness h;
    h.app.answer_auth = false;
    h.service_accepted();
    h.send(password_request("netops", "pw"));
    h.pump();
    BOOST_REQUIRE(h.app.password_attempts == 1u);
    BOOST_REQUIRE(h.server.authentication().awaiting_decision());
    h.send(server_only_auth_message(number(msg::userauth_success)));
    h.pump();
    BOOST_TEST((h.server_ec == auth::errc::unexpected_message), h.server_ec.message());
    h.expect_disconnected(reason_protocol_error);
    boost::system::error_code late;
    h.server.authentication().accept(true, late);
    BOOST_TEST((late == auth::errc::invalid_call), late.message());
    BOOST_TEST(!h.server.authenticated());
    h.server_to_client();
    BOOST_TEST(h.count(msg::userauth_success) == 0u);
}

// E40, the neighbour: after a real SUCCESS the client may still send USERAUTH_REQUESTs
// (ignored, RFC 4252 §5.1) but no server-only message; one ends the connection like any
// protocol error, with a DISCONNECT.
BOOST_AUTO_TEST_CASE(userauth_success_from_the_client_after_authentication) {
    harness h;
    h.authenticate();
    h.send(password_request("netops", "pw")); // ignored
    h.pump();
    BOOST_REQUIRE_MESSAGE(!h.server_ec, h.server_ec.message());
    BOOST_TEST(h.count(msg::userauth_success) == 1u);
    h.send(server_only_auth_message(number(msg::userauth_success)));
    h.pump();
    BOOST_TEST((h.server_ec == auth::errc::unexpected_message), h.server_ec.message());
    h.expect_disconnected(reason_protocol_error);
}

// E41: nothing of the connection protocol before authentication, at each stage of it.
BOOST_AUTO_TEST_CASE(connection_protocol_before_authentication_ends_the_connection) {
    struct attempt {
        const char* what;
        bytes payload;
    };
    const attempt attempts[] = {
        {"CHANNEL_OPEN session", channel_open_session(0)},
        {"GLOBAL_REQUEST tcpip-forward", global_request("tcpip-forward", true)},
        {"GLOBAL_REQUEST keepalive", global_request("keepalive@openssh.com", false)},
        {"CHANNEL_DATA", channel_data(0, 16)},
        {"CHANNEL_REQUEST exec", exec_request(0, "id")},
    };
    enum class stage { after_kex, after_service_accept, password_pending, password_refused };
    for (const auto st : {stage::after_kex, stage::after_service_accept, stage::password_pending,
                          stage::password_refused}) {
        for (const auto& a : attempts) {
            BOOST_TEST_CONTEXT(a.what << " at stage " << static_cast<int>(st)) {
                harness h;
                if (st == stage::after_kex) {
                    h.handshake();
                } else {
                    h.app.answer_auth = st != stage::password_pending;
                    h.service_accepted();
                    if (st != stage::after_service_accept) {
                        h.send(password_request("netops",
                                                st == stage::password_refused ? "wrong" : "pw"));
                        h.pump();
                        BOOST_REQUIRE(h.app.password_attempts == 1u);
                        if (st == stage::password_refused)
                            BOOST_REQUIRE(h.count(msg::userauth_failure) == 1u);
                    }
                }
                h.send(a.payload);
                h.pump();
                BOOST_TEST((h.server_ec == session::errc::not_authenticated),
                           h.server_ec.message());
                h.expect_disconnected(reason_protocol_error);
                BOOST_TEST(h.app.open_requests == 0u);
                BOOST_TEST(h.server.channels().channel_count() == 0u);
                BOOST_TEST(h.count(msg::channel_open_confirmation) == 0u);
                BOOST_TEST(h.count(msg::request_success) + h.count(msg::request_failure) == 0u);
                BOOST_TEST(!h.server.authenticated());
            }
        }
    }
}

// E50/E51/E49 after authentication: data beyond the window we advertised (with its 10%
// slack), beyond our max packet, for a channel that does not exist, and a WINDOW_ADJUST
// past 2^32-1. Each is a protocol violation: the connection ends with the connection
// layer's error and, as connection.hpp promises ("the session disconnects"), a DISCONNECT.
BOOST_AUTO_TEST_CASE(window_overflow_ends_the_connection) {
    auto config = server_config();
    config.connection.initial_window = 64 * 1024;
    config.connection.max_packet = 32 * 1024;
    harness h{config};
    h.authenticate();
    const auto id = h.open_channel(7);
    BOOST_REQUIRE(h.server.channels().local_window(id) == 64u * 1024);

    // The whole window and its slack (10% of 64 KiB, rounded down) are accepted.
    const std::size_t slack = 64 * 1024 / 10;
    for (const std::size_t n : {std::size_t{32 * 1024}, std::size_t{32 * 1024}, slack}) {
        h.send(channel_data(id, n));
        h.pump();
        BOOST_REQUIRE_MESSAGE(!h.server_ec, h.server_ec.message());
    }
    BOOST_TEST(h.app.data_events == 3u);
    BOOST_TEST(h.app.data_bytes == 64u * 1024 + slack);

    // One byte more is one too many.
    h.send(channel_data(id, 1));
    h.pump();
    BOOST_TEST((h.server_ec == connection::errc::window_exceeded), h.server_ec.message());
    BOOST_TEST(h.app.data_events == 3u); // the offending data was not delivered
    h.expect_disconnected(reason_protocol_error);
}

BOOST_AUTO_TEST_CASE(other_channel_violations_end_the_connection) {
    struct violation {
        const char* what;
        std::function<bytes(std::uint32_t id)> payload;
        connection::errc expected;
    };
    const violation violations[] = {
        {"data over max packet", [](std::uint32_t id) { return channel_data(id, 32 * 1024 + 1); },
         connection::errc::packet_exceeded},
        {"data for an unknown channel", [](std::uint32_t id) { return channel_data(id + 5, 10); },
         connection::errc::unknown_channel},
        {"window adjust past 2^32-1",
         [](std::uint32_t id) { return window_adjust(id, 0xFFFFFFFFu); },
         connection::errc::window_overflow},
    };
    for (const auto& v : violations) {
        BOOST_TEST_CONTEXT(v.what) {
            harness h;
            h.authenticate();
            const auto id = h.open_channel(3);
            h.send(v.payload(id));
            h.pump();
            BOOST_TEST((h.server_ec == v.expected), h.server_ec.message());
            BOOST_TEST(h.app.data_events == 0u);
            h.expect_disconnected(reason_protocol_error);
        }
    }
}

// B15: an unknown message of the connection range after authentication is answered with
// UNIMPLEMENTED (connection.hpp: "the session answers SSH_MSG_UNIMPLEMENTED and carries
// on"), not fatal.
BOOST_AUTO_TEST_CASE(unknown_connection_message_after_authentication_is_not_fatal) {
    harness h;
    h.authenticate();
    const auto id = h.open_channel(1);
    h.send(bytes{120, 1, 2, 3});
    h.client_to_server();
    BOOST_TEST(!h.server_ec, "server error: " << h.server_ec.message());
    BOOST_TEST(!h.server.finished());
    BOOST_TEST(!h.server.pending_output().empty()); // the UNIMPLEMENTED reply
    h.server_to_client();
    h.expect_exec_works(id, "show version");
}

// E57: 5000 CHANNEL_OPENs against max_channels 10. Exactly 10 reach the application, the
// rest get OPEN_FAILURE (resource shortage) from the core; the server's memory stays flat
// (the table holds 10 channels, the output waiting at any time is a batch of small
// failures); the connection stays usable, and a closed channel frees its place.
BOOST_AUTO_TEST_CASE(channel_open_flood_is_capped_and_the_connection_still_works) {
    auto config = server_config();
    config.connection.max_channels = 10;
    harness h{config};
    h.authenticate();
    h.largest_server_output = 0;

    constexpr std::uint32_t total = 5000;
    constexpr std::uint32_t batch = 50;
    for (std::uint32_t sent = 0; sent < total; sent += batch) {
        for (std::uint32_t i = sent; i < sent + batch; ++i)
            h.send(channel_open_session(i));
        h.pump();
        BOOST_REQUIRE_MESSAGE(!h.server_ec, h.server_ec.message());
        BOOST_REQUIRE(h.server.channels().channel_count() <= 10u);
    }
    BOOST_TEST(h.app.open_requests == 10u);
    BOOST_TEST(h.server.channels().channel_count() == 10u);
    BOOST_TEST(h.count(msg::channel_open_confirmation) == 10u);
    BOOST_TEST(h.count(msg::channel_open_failure) == total - 10);
    // A batch of 50 failures is about 50 * 64 bytes; nothing piles up across batches.
    BOOST_TEST(h.largest_server_output <= std::size_t{batch} * 128);

    // Which of our numbers were confirmed (the first ten), and every failure's reason.
    std::vector<std::uint32_t> confirmed_ours, server_ids;
    std::size_t shortage = 0;
    for (const auto& p : h.received) {
        wire::reader r{p};
        const auto type = r.byte();
        if (type == number(msg::channel_open_confirmation)) {
            confirmed_ours.push_back(r.uint32());
            server_ids.push_back(r.uint32());
        } else if (type == number(msg::channel_open_failure)) {
            const auto recipient = r.uint32();
            shortage += r.uint32() == connection::open_failure::resource_shortage;
            BOOST_TEST(recipient >= 10u);
        }
    }
    BOOST_TEST(shortage == total - 10);
    BOOST_TEST(confirmed_ours == (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));

    // Still a working connection: exec on an accepted channel.
    BOOST_REQUIRE(!server_ids.empty());
    h.expect_exec_works(server_ids.front(), "show clock");
    // The echo closed that channel; our CLOSE completes it and frees a place.
    h.send(channel_close(server_ids.front()));
    h.pump();
    BOOST_TEST(h.server.channels().channel_count() == 9u);
    const auto again = h.open_channel(9000);
    BOOST_TEST(h.app.open_requests == 11u);
    h.expect_exec_works(again, "show interfaces");
    // And the cap still holds.
    h.send(channel_open_session(9001));
    h.pump();
    BOOST_TEST(h.count(msg::channel_open_failure) == total - 10 + 1);
    BOOST_TEST(!h.server_ec);
}

// B11/B12: a hostile packet length as the first binary packet after the identification.
// The length is refused before the body is buffered: a typed error, a DISCONNECT (in
// plaintext: no keys yet), and no allocation anywhere near the claimed size.
BOOST_AUTO_TEST_CASE(hostile_first_packet_length_is_refused_without_allocating_it) {
    struct length_case {
        std::uint32_t length;
        transport::errc expected;
    };
    const length_case cases[] = {
        {0xFFFFFFFFu, transport::errc::packet_too_large},
        {256 * 1024 + 4, transport::errc::packet_too_large}, // aligned, one block over the cap
        {0x10000000u, transport::errc::packet_too_large},
        {0, transport::errc::bad_packet_length},
        {4, transport::errc::bad_packet_length},  // too small for padding and a type
        {13, transport::errc::bad_packet_length}, // 4 + 13 is not a multiple of 8
        {1001, transport::errc::bad_packet_length},
    };
    // The measurement itself works: an allocation of 100 000 bytes is seen.
    largest_allocation = 0;
    static std::uint8_t* volatile probe = nullptr;
    probe = new std::uint8_t[100000];
    delete[] probe;
    BOOST_REQUIRE(largest_allocation >= 100000u);

    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("packet_length " << c.length) {
            auto rng = crypto::make_deterministic_random(7);
            session::server_session server{server_config(), *rng};
            std::string ident = "SSH-2.0-hostile\r\n";
            bytes input(ident.begin(), ident.end());
            for (int shift = 24; shift >= 0; shift -= 8)
                input.push_back(static_cast<std::uint8_t>(c.length >> shift));
            input.resize(input.size() + 60, 0x41); // a little of the "body"
            boost::system::error_code ec;
            std::size_t used = 0;
            largest_allocation = 0;
            for (int guard = 0; !ec && used < input.size() && guard < 100; ++guard)
                used += server.feed({input.data() + used, input.size() - used}, ec);
            const std::size_t largest = largest_allocation;
            BOOST_TEST((ec == c.expected), ec.message());
            BOOST_TEST(largest < std::size_t{64} * 1024);
            BOOST_TEST(server.finished());
            BOOST_TEST(!server.next_event());
            // Identification, KEXINIT, DISCONNECT PROTOCOL_ERROR, and nothing after it.
            const auto payloads = plaintext_payloads(server.pending_output());
            BOOST_REQUIRE(payloads.size() == 2u);
            BOOST_TEST(payloads[0].at(0) == number(msg::kexinit));
            wire::reader r{payloads[1]};
            BOOST_TEST(r.byte() == number(msg::disconnect));
            BOOST_TEST(r.uint32() == reason_protocol_error);
            // More input changes nothing.
            server.consume_output(server.pending_output().size());
            boost::system::error_code again;
            BOOST_TEST(server.feed(input, again) == 0u);
            BOOST_TEST(server.pending_output().empty());
        }
    }
}

// E42's mirror and E20: USERAUTH_SUCCESS (or a CHANNEL_OPEN) as the very first binary
// packet, in plaintext before any KEXINIT, is refused by the transport.
BOOST_AUTO_TEST_CASE(upper_layer_message_before_key_exchange_is_refused) {
    for (const auto& payload :
         {server_only_auth_message(number(msg::userauth_success)), channel_open_session(0)}) {
        BOOST_TEST_CONTEXT(name(payload[0])) {
            auto rng = crypto::make_deterministic_random(8);
            session::server_session server{server_config(), *rng};
            std::string ident = "SSH-2.0-hostile\r\n";
            bytes input(ident.begin(), ident.end());
            // A well-formed plaintext packet: length, padding length, payload, padding.
            std::size_t padding = 8 - (5 + payload.size()) % 8;
            if (padding < 4)
                padding += 8;
            const auto length = static_cast<std::uint32_t>(1 + payload.size() + padding);
            for (int shift = 24; shift >= 0; shift -= 8)
                input.push_back(static_cast<std::uint8_t>(length >> shift));
            input.push_back(static_cast<std::uint8_t>(padding));
            input.insert(input.end(), payload.begin(), payload.end());
            input.resize(input.size() + padding, 0);
            boost::system::error_code ec;
            std::size_t used = 0;
            for (int guard = 0; !ec && used < input.size() && guard < 100; ++guard)
                used += server.feed({input.data() + used, input.size() - used}, ec);
            BOOST_TEST((ec == transport::errc::unexpected_message ||
                        ec == transport::errc::strict_kex_violation),
                       ec.message());
            BOOST_TEST(server.finished());
            BOOST_TEST(!server.authenticated());
            BOOST_TEST(!server.next_event());
            const auto payloads = plaintext_payloads(server.pending_output());
            BOOST_REQUIRE(payloads.size() == 2u);
            wire::reader r{payloads[1]};
            BOOST_TEST(r.byte() == number(msg::disconnect));
            BOOST_TEST(r.uint32() == reason_protocol_error);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
