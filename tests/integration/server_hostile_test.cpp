// Hostile clients against our server over TCP on 127.0.0.1: garbage after the
// identification, a crowd of idle connections (MaxStartups), a client that floods requests
// and never reads (max_queued_output), and clients that never authenticate (login grace).
// Each must end only its own connection, in bounded time and memory, while a well-behaved
// client keeps getting served.
//
// The hostile clients are plain POSIX sockets, driven by hand; the one that needs a real
// handshake runs a client-role transport over such a socket and then sends what the test
// writes, without reading.
#include "client_support.hpp"
#include "test_server.hpp"
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ssh/asio/server.hpp>
#include <ssh/transport/errc.hpp>
#include <ssh/wire/msg.hpp>
#include <ssh/wire/writer.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>

using namespace client_support;
using namespace std::chrono_literals;

namespace {

using bytes = std::vector<std::uint8_t>;
using clock_type = std::chrono::steady_clock;
using ssh::wire::msg;
using ssh::wire::number;

int ms_until(clock_type::time_point deadline) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now()).count();
    return static_cast<int>(std::clamp<long long>(ms, 0, 60'000));
}

// --- The server: password "pw" for "netops", exec echoes the command ---

struct echo_server {
    std::atomic<std::size_t> execs{0};
    std::atomic<std::size_t> authenticated{0};
    // The most output a connection had queued right after an exec was answered.
    std::atomic<std::size_t> largest_queued_output{0};
    // Last: it stops serving before the counters go.
    test_server::background_server listener;

    // socket_buffer > 0: small kernel buffers (background_server), so that queues show in our
    // process.
    explicit echo_server(ssh::asio::server_options options, int socket_buffer = 0)
        : listener(
              password_only(std::move(options)), [this](auto& c, auto& e) { on_event(c, e); },
              std::chrono::seconds(60), socket_buffer) {}
    static ssh::asio::server_options password_only(ssh::asio::server_options options) {
        options.auth.methods = {ssh::auth::method::password};
        return options;
    }
    std::uint16_t port() const { return listener.port(); }
    bytes host_blob() const {
        const auto blob = listener.host_key().public_key().blob();
        return {blob.begin(), blob.end()};
    }

    void on_event(ssh::asio::server_connection& c, ssh::session::server_session_event& e) {
        boost::system::error_code ec;
        auto& s = c.session();
        if (auto* a = std::get_if<ssh::auth::server_auth_event>(&e)) {
            if (auto* pw = std::get_if<ssh::auth::password_attempt>(a))
                s.authentication().accept(pw->user == "netops" && pw->password.view() == "pw", ec);
            else if (std::holds_alternative<ssh::auth::authenticated>(*a))
                ++authenticated;
            else if (!std::holds_alternative<ssh::auth::too_many_attempts>(*a))
                s.authentication().accept(false, ec);
            return;
        }
        const auto& ev = std::get<ssh::connection::connection_event>(e);
        if (!test_server::serve_echo_channels(s.channels(), ev,
                                              {.max_command = 64 * 1024, .exit_status = 0}))
            return;
        ++execs;
        const std::size_t queued = s.pending_output().size();
        std::size_t seen = largest_queued_output;
        while (queued > seen && !largest_queued_output.compare_exchange_weak(seen, queued))
            ;
    }
};

// A well-behaved client (ours) runs one command; bounded by 10 s.
exec_outcome good_exec(const echo_server& server, std::string command) {
    ssh::asio::client_options o;
    o.host = "127.0.0.1";
    o.port = server.port();
    o.user = "netops";
    o.password = "pw";
    o.preferred_authentications = {"password"};
    o.connect_timeout = 5s;
    o.kex_timeout = 5s;
    o.auth_timeout = 5s;
    o.verify_host_key = test_server::accept_only(server.listener);
    return run(
        [&]() -> net::awaitable<exec_outcome> {
            exec_outcome out;
            auto [c, err] = co_await ssh::asio::client::connect(co_await net::this_coro::executor,
                                                                std::move(o));
            out.connect_error = err;
            if (!c)
                co_return out;
            ssh::asio::exec_options eo;
            eo.timeout = 5s;
            out.result = co_await c->exec(command, eo);
            c->close();
            co_return out;
        },
        std::chrono::seconds(10));
}

void expect_good_client_served(const echo_server& server, const std::string& command) {
    const auto out = good_exec(server, command);
    BOOST_REQUIRE_MESSAGE(!out.connect_error, "good client: " << out.connect_error.message);
    BOOST_TEST(!out.result.error, out.result.error.message);
    BOOST_TEST(out.result.out == "you said: " + command + "\n");
    BOOST_TEST(out.result.exit_status.value_or(99) == 0u);
}

// --- A raw TCP client ---

class raw_socket {
public:
    // buffer > 0: SO_RCVBUF/SO_SNDBUF set before connecting.
    explicit raw_socket(std::uint16_t port, int buffer = 0) {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        BOOST_REQUIRE_MESSAGE(fd_ >= 0, std::strerror(errno));
        if (buffer > 0) {
            ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
            ::setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
        }
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        BOOST_REQUIRE_MESSAGE(::connect(fd_, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0,
                              "connect: " << std::strerror(errno));
        ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
    }
    raw_socket(const raw_socket&) = delete;
    raw_socket& operator=(const raw_socket&) = delete;
    ~raw_socket() { ::close(fd_); }

    enum class status { data, closed, timeout };

    // Appends what arrives before the deadline. `closed`: EOF, or a reset.
    status read(bytes& into, clock_type::time_point deadline) {
        for (;;) {
            std::array<std::uint8_t, 64 * 1024> buf;
            const auto n = ::recv(fd_, buf.data(), buf.size(), 0);
            if (n > 0) {
                into.insert(into.end(), buf.begin(), buf.begin() + n);
                return status::data;
            }
            if (n == 0)
                return status::closed;
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                return status::closed; // ECONNRESET: the server closed with our data unread
            if (!wait(POLLIN, deadline))
                return status::timeout;
        }
    }

    // Reads (keeping what arrives in `into`) until the server closes; false at the deadline.
    bool wait_closed(clock_type::time_point deadline, bytes& into) {
        for (;;) {
            const auto s = read(into, deadline);
            if (s == status::closed)
                return true;
            if (s == status::timeout)
                return false;
        }
    }
    bool wait_closed(clock_type::time_point deadline) {
        bytes ignored;
        return wait_closed(deadline, ignored);
    }

    // Writes what the kernel takes now: how much (0 if nothing), nullopt on an error.
    std::optional<std::size_t> try_write(ssh::wire::bytes_view data) {
        const auto n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
        if (n >= 0)
            return static_cast<std::size_t>(n);
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            return 0;
        return std::nullopt;
    }

    bool write_all(ssh::wire::bytes_view data, clock_type::time_point deadline) {
        std::size_t done = 0;
        while (done < data.size()) {
            const auto n = try_write(data.subspan(done));
            if (!n)
                return false;
            done += *n;
            if (*n == 0 && !wait(POLLOUT, deadline))
                return false;
        }
        return true;
    }

    // Whether `events` (POLLIN, POLLOUT) came before the deadline.
    bool wait(short events, clock_type::time_point deadline) {
        pollfd p{fd_, events, 0};
        for (;;) {
            const int r = ::poll(&p, 1, ms_until(deadline));
            if (r >= 0 || errno != EINTR)
                return r > 0;
        }
    }

    void shutdown_write() { ::shutdown(fd_, SHUT_WR); }

private:
    int fd_ = -1;
};

// --- A client that does the real handshake, then sends what the test writes ---

ssh::transport::transport_config peer_transport_config() {
    ssh::transport::transport_config c;
    c.side = ssh::transport::role::client;
    c.offer = ssh::transport::default_client_offer();
    return c;
}

struct ssh_peer {
    raw_socket sock;
    bytes host_blob;
    std::unique_ptr<ssh::crypto::random_source> rng = ssh::crypto::make_deterministic_random(41);
    ssh::transport::transport t{peer_transport_config(), *rng};
    boost::system::error_code ec;
    bool closed = false;
    std::array<std::size_t, 256> counts{}; // payloads received, by message number
    bytes unsent;
    std::size_t unsent_at = 0;

    ssh_peer(std::uint16_t port, bytes expected_host_key, int buffer = 0)
        : sock(port, buffer)
        , host_blob(std::move(expected_host_key)) {}

    std::size_t count(msg m) const { return counts[number(m)]; }
    std::size_t backlog() const { return unsent.size() - unsent_at + t.pending_output().size(); }

    void send(const bytes& payload) { t.send(payload); }

    // Writes what the socket takes now; returns how much.
    std::size_t write_some() {
        const auto out = t.pending_output();
        unsent.insert(unsent.end(), out.begin(), out.end());
        t.consume_output(out.size());
        if (unsent_at == unsent.size())
            return 0;
        const auto n = sock.try_write({unsent.data() + unsent_at, unsent.size() - unsent_at});
        if (!n) {
            closed = true;
            return 0;
        }
        unsent_at += *n;
        if (unsent_at == unsent.size() || unsent_at > (std::size_t{1} << 20)) {
            unsent.erase(unsent.begin(), unsent.begin() + static_cast<std::ptrdiff_t>(unsent_at));
            unsent_at = 0;
        }
        return *n;
    }

    void feed(const bytes& in) {
        std::size_t used = 0;
        for (std::size_t guard = 0; !ec && guard < in.size() + 16; ++guard) {
            const std::size_t n = t.feed({in.data() + used, in.size() - used}, ec);
            used += n;
            bool delivered = false;
            while (!ec) {
                const auto p = t.next_payload(ec);
                if (!p)
                    break;
                ++counts[p->front()];
                delivered = true;
            }
            if (const auto* offer = t.host_key_to_check()) {
                if (offer->blob == host_blob)
                    t.accept_host_key();
                else
                    t.reject_host_key();
                continue;
            }
            if (used == in.size() || (n == 0 && !delivered))
                break;
        }
    }

    // Writes what it can, then waits until the deadline for input and takes it.
    void step(clock_type::time_point deadline) {
        write_some();
        if (backlog() > 0 && !sock.wait(POLLIN, std::min(deadline, clock_type::now() + 10ms)))
            return;
        bytes in;
        const auto s = sock.read(in, deadline);
        if (s == raw_socket::status::closed)
            closed = true;
        feed(in);
    }

    template <typename Pred>
    bool wait_for(Pred done, clock_type::time_point deadline) {
        while (!done()) {
            if (closed || ec || clock_type::now() >= deadline)
                return done();
            step(deadline);
        }
        return true;
    }

    void handshake(clock_type::time_point deadline) {
        BOOST_REQUIRE_MESSAGE(wait_for([&] { return t.secure(); }, deadline),
                              "key exchange: " << ec.message());
    }

    void authenticate(clock_type::time_point deadline) {
        handshake(deadline);
        ssh::wire::writer w;
        w.byte(number(msg::service_request));
        w.string("ssh-userauth");
        send(w.take());
        w.byte(number(msg::userauth_request));
        w.string("netops");
        w.string("ssh-connection");
        w.string("password");
        w.boolean(false);
        w.string("pw");
        send(w.take());
        BOOST_REQUIRE_MESSAGE(wait_for([&] { return count(msg::userauth_success) == 1; }, deadline),
                              "authentication: " << ec.message() << (closed ? " (closed)" : ""));
    }
};

bytes channel_open_session(std::uint32_t sender) {
    ssh::wire::writer w;
    w.byte(number(msg::channel_open));
    w.string("session");
    w.uint32(sender);
    w.uint32(1u << 30); // our window: the server may send all it wants
    w.uint32(32 * 1024);
    return w.take();
}

bytes exec_request(std::uint32_t recipient, std::string_view command) {
    ssh::wire::writer w;
    w.byte(number(msg::channel_request));
    w.uint32(recipient);
    w.string("exec");
    w.boolean(true);
    w.string(command);
    return w.take();
}

bytes channel_close(std::uint32_t recipient) {
    ssh::wire::writer w;
    w.byte(number(msg::channel_close));
    w.uint32(recipient);
    return w.take();
}

} // namespace

BOOST_AUTO_TEST_SUITE(server_hostile)

// B11/A10: an identification line and then 64 KiB of random bytes (and, the neighbour, no
// identification at all). The server closes that connection at once; a good client running
// alongside is served.
BOOST_AUTO_TEST_CASE(garbage_after_identification_closes_only_that_connection) {
    echo_server server{ssh::asio::server_options{}};
    std::mt19937 random(20240611); // fixed: the same garbage every run
    bytes garbage(64 * 1024);
    for (auto& b : garbage)
        b = static_cast<std::uint8_t>(random());
    const std::string ident = "SSH-2.0-hostile\r\n";
    for (const bool with_ident : {true, false}) {
        BOOST_TEST_CONTEXT((with_ident ? "identification, then garbage" : "garbage only")) {
            const auto deadline = clock_type::now() + 10s;
            raw_socket raw{server.port()};
            bytes input;
            if (with_ident)
                input.assign(ident.begin(), ident.end());
            input.insert(input.end(), garbage.begin(), garbage.end());
            // The server may close while we write (EPIPE/ECONNRESET): that is fine too.
            raw.write_all(input, deadline);
            expect_good_client_served(server, with_ident ? "show version" : "show clock");
            bytes received;
            BOOST_TEST(raw.wait_closed(deadline, received), "the server kept the connection");
            const std::string_view text(reinterpret_cast<const char*>(received.data()),
                                        received.size());
            BOOST_TEST(text.starts_with("SSH-2.0-"));
        }
    }
    BOOST_TEST(server.authenticated == 2u);
    BOOST_TEST(server.execs == 2u);
}

// MaxStartups 10:30:100 against 200 connections that send nothing: at most 100 are served
// (they get our identification); the others are closed at once, before a byte is sent.
// Once the served ones end, the slots are free and a good client is served.
BOOST_AUTO_TEST_CASE(max_startups_caps_idle_connections) {
    ssh::asio::server_options options;
    options.startups = {10, 30, 100};
    echo_server server{options};
    const auto deadline = clock_type::now() + 10s;

    std::vector<std::unique_ptr<raw_socket>> sockets;
    for (int i = 0; i < 200; ++i)
        sockets.push_back(std::make_unique<raw_socket>(server.port()));

    std::vector<raw_socket*> served;
    std::size_t dropped = 0;
    for (std::size_t i = 0; i < sockets.size(); ++i) {
        bytes in;
        const auto s = sockets[i]->read(in, deadline);
        BOOST_REQUIRE_MESSAGE(s != raw_socket::status::timeout,
                              "connection " << i << " neither served nor closed");
        if (s == raw_socket::status::data) {
            BOOST_TEST((in.size() >= 8 && std::memcmp(in.data(), "SSH-2.0-", 8) == 0));
            served.push_back(sockets[i].get());
        } else {
            ++dropped;
        }
    }
    BOOST_TEST_MESSAGE("served " << served.size() << ", dropped " << dropped);
    BOOST_TEST(served.size() + dropped == 200u);
    BOOST_TEST(served.size() >= 10u); // below `start` nothing is dropped
    BOOST_TEST(served.size() <= 100u);
    for (std::size_t i = 0; i < 10; ++i) // the first ten are always admitted
        BOOST_TEST((std::find(served.begin(), served.end(), sockets[i].get()) != served.end()));

    // End the served ones from our side; the server closes its side in turn, having released
    // their startup slots.
    for (auto* s : served)
        s->shutdown_write();
    for (auto* s : served)
        BOOST_REQUIRE_MESSAGE(s->wait_closed(deadline), "a served idle connection stayed open");
    sockets.clear();
    expect_good_client_served(server, "show users");
}

// A client that authenticates, then opens channels and sends exec requests as fast as it
// can but never reads. With max_queued_output 256 KiB the server stops reading it once that
// much output waits: the client's writes stall, the server's queued output stays bounded,
// other clients are served meanwhile, and once the client reads again every request is
// answered.
BOOST_AUTO_TEST_CASE(client_that_never_reads_is_held_back) {
    ssh::asio::server_options options;
    options.max_queued_output = 256 * 1024;
    constexpr int socket_buffer = 64 * 1024; // small kernel buffers on both ends
    echo_server server{options, socket_buffer};
    const auto start = clock_type::now();
    const auto deadline = start + 10s;
    ssh_peer peer{server.port(), server.host_blob(), socket_buffer};
    peer.authenticate(deadline);

    // Blind pipelining: the server numbers channels from 0 and frees a number once both
    // CLOSEs are through, so each round's channel is 0 again.
    constexpr std::size_t rounds = 400;
    const std::string command(16 * 1024, 'a'); // ~16 KiB of output per round
    std::size_t generated = 0;
    const auto generate = [&] {
        while (generated < rounds && peer.backlog() < 128 * 1024) {
            peer.send(channel_open_session(static_cast<std::uint32_t>(generated)));
            peer.send(exec_request(0, command));
            peer.send(channel_close(0));
            ++generated;
        }
    };

    bool stalled = false;
    auto last_progress = clock_type::now();
    while (clock_type::now() < deadline && !peer.closed) {
        generate();
        if (peer.write_some() > 0) {
            last_progress = clock_type::now();
            continue;
        }
        if (generated == rounds && peer.backlog() == 0)
            break; // everything written: the server read it all
        if (clock_type::now() - last_progress > 1500ms) {
            stalled = true;
            break;
        }
        peer.sock.wait(POLLOUT, std::min(deadline, clock_type::now() + 100ms));
    }
    BOOST_REQUIRE(!peer.closed);
    const std::size_t execs_at_stall = server.execs;
    BOOST_TEST_MESSAGE("stalled: " << stalled << " after " << generated << " rounds generated, "
                                   << execs_at_stall << " answered; largest queued output "
                                   << server.largest_queued_output);
    BOOST_TEST(stalled, "the client's writes never stalled: the server read everything");
    BOOST_TEST(execs_at_stall < rounds);
    // Bounded: the limit plus what one read (at most 128 KiB of requests) can produce.
    BOOST_TEST(server.largest_queued_output <= options.max_queued_output + 256 * 1024);

    // Meanwhile the server serves others.
    expect_good_client_served(server, "show processes");

    // The client reads again: everything it asked for is answered.
    while (peer.count(msg::channel_close) < rounds && !peer.closed && !peer.ec &&
           clock_type::now() < deadline) {
        generate();
        peer.step(std::min(deadline, clock_type::now() + 50ms));
    }
    BOOST_TEST(!peer.ec, peer.ec.message());
    BOOST_TEST(!peer.closed);
    BOOST_TEST(server.execs == rounds + 1); // and the good client's
    BOOST_TEST(peer.count(msg::channel_open_confirmation) == rounds);
    BOOST_TEST(peer.count(msg::channel_open_failure) == 0u);
    BOOST_TEST(peer.count(msg::channel_success) == rounds);
    BOOST_TEST(peer.count(msg::channel_data) == rounds);
    BOOST_TEST(peer.count(msg::channel_close) == rounds);
    BOOST_TEST(server.largest_queued_output <= options.max_queued_output + 256 * 1024);
}

// LoginGraceTime 1 s: a client that sends its identification and nothing more, and one that
// completes the key exchange but never authenticates, are both dropped after about a second
// (the second with a DISCONNECT it can read); an authenticated one is not.
BOOST_AUTO_TEST_CASE(login_grace_drops_clients_that_do_not_authenticate) {
    ssh::asio::server_options options;
    options.login_grace = 1s;
    echo_server server{options};

    BOOST_TEST_CONTEXT("identification only") {
        const auto start = clock_type::now();
        raw_socket raw{server.port()};
        const std::string ident = "SSH-2.0-idle\r\n";
        BOOST_REQUIRE(raw.write_all(
            {reinterpret_cast<const std::uint8_t*>(ident.data()), ident.size()}, start + 3500ms));
        BOOST_TEST(raw.wait_closed(start + 3500ms), "not dropped within 3.5 s");
        BOOST_TEST((clock_type::now() - start >= 900ms));
    }
    BOOST_TEST_CONTEXT("key exchange, then nothing") {
        const auto start = clock_type::now();
        ssh_peer peer{server.port(), server.host_blob()};
        peer.handshake(start + 3500ms);
        peer.wait_for([] { return false; }, start + 3500ms); // until the server ends it
        // After its DISCONNECT the server closes the TCP connection too.
        const bool closed = peer.closed || peer.sock.wait_closed(start + 3500ms);
        BOOST_TEST(closed, "not dropped within 3.5 s");
        BOOST_TEST((peer.ec == ssh::transport::errc::peer_disconnected),
                   "the client saw " << peer.ec.message() << " instead of a DISCONNECT");
        BOOST_TEST(peer.t.diagnostics().disconnect_reason == 2u); // PROTOCOL_ERROR
        BOOST_TEST((clock_type::now() - start >= 900ms));
    }
    BOOST_TEST_CONTEXT("authenticated") {
        const auto start = clock_type::now();
        ssh_peer peer{server.port(), server.host_blob()};
        peer.authenticate(start + 3500ms);
        // Past the grace time (a bounded wait for something that must not happen).
        peer.wait_for([] { return false; }, clock_type::now() + 2s);
        BOOST_TEST(!peer.closed);
        BOOST_TEST(!peer.ec, peer.ec.message());
        peer.send(channel_open_session(0));
        peer.send(exec_request(0, "still here"));
        BOOST_TEST(peer.wait_for([&] { return peer.count(msg::channel_close) == 1; },
                                 clock_type::now() + 3s));
        BOOST_TEST(peer.count(msg::channel_data) == 1u);
    }
    expect_good_client_served(server, "show log");
}

BOOST_AUTO_TEST_SUITE_END()
