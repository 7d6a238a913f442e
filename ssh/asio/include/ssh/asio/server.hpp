#pragma once
// The server role over TCP: accept connections and run each one's server_session, handing
// its events (authentication requests, channel opens and requests) to the application.
//
// The application answers events synchronously through the session (accept a key, accept a
// channel, reply to exec and send output); output it produces later, from its own
// coroutines, is flushed with server_connection::flush().
//
//     co_await serve(acceptor, options, [](server_connection& c, server_session_event& e) {...});
//
// An application with its own accept loop (the simulator) starts each accepted socket with
// start_server_connection(), sharing one startup_tracker per listener for MaxStartups.
//
// Threading: as the client, one executor that does not run handlers concurrently.

#include <ssh/asio/client.hpp>
#include <ssh/session/server_session.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <random>

namespace ssh::asio {

// OpenSSH's MaxStartups "start:rate:full": connections that have not authenticated yet.
// From `start` on, a new one is dropped with probability rate%, rising linearly to 100% at
// `full`.
struct max_startups {
    std::size_t start = 10;
    unsigned rate = 30;
    std::size_t full = 100;
};

struct server_options {
    std::vector<std::shared_ptr<const crypto::private_key>> host_keys;
    transport::algorithm_lists algorithms = transport::default_client_offer();
    auth::server_auth_config auth;
    std::chrono::seconds login_grace{120}; // OpenSSH LoginGraceTime; 0 disables
    // OpenSSH MaxSessions: channels a client may have open at once; more are refused with
    // OPEN_FAILURE (RFC 4254 §5.1).
    std::uint32_t max_sessions = 10;
    max_startups startups;
    // Our output waiting to be written; while more is queued the connection reads nothing,
    // so a client that sends requests but never reads the answers cannot grow our memory.
    std::size_t max_queued_output = std::size_t{4} << 20;
};

// The unauthenticated connections of one listener, for max_startups.
class startup_tracker {
public:
    explicit startup_tracker(max_startups limits);
    // Whether a new connection may start now; if so it counts until release().
    bool admit();
    void release() noexcept;
    std::size_t unauthenticated() const noexcept { return count_; }

private:
    max_startups limits_;
    std::size_t count_ = 0;
    std::minstd_rand random_; // early drop only: not security relevant
};

class server_connection;
using server_handler = std::function<void(server_connection&, session::server_session_event&)>;

class server_connection : public std::enable_shared_from_this<server_connection> {
public:
    session::server_session& session() noexcept;
    // Writes what the session produced outside of an event (e.g. output of a command that
    // finished later).
    void flush();
    // DISCONNECT (BY_APPLICATION) with `reason`, then close.
    void close(std::string_view reason = "closed by server");
    // Ends the TCP connection after what is already queued, without DISCONNECT, as a peer
    // that crashes mid-output would.
    void abort();
    bool is_open() const noexcept;
    const error_info& last_error() const noexcept;
    boost::asio::any_io_executor get_executor() const noexcept;
    ~server_connection();

    struct impl;

private:
    friend std::shared_ptr<server_connection>
    start_server_connection(boost::asio::ip::tcp::socket, const server_options&, server_handler,
                            std::shared_ptr<startup_tracker>);
    server_connection() = default;
    std::unique_ptr<impl> impl_;
};

// Runs one accepted connection on the socket's executor: our identification and KEXINIT go
// out at once. With a tracker, the connection counts as unauthenticated (the caller checked
// tracker->admit()) until it authenticates or ends.
std::shared_ptr<server_connection>
start_server_connection(boost::asio::ip::tcp::socket socket, const server_options& options,
                        server_handler handler, std::shared_ptr<startup_tracker> tracker = nullptr);

// Accepts until the acceptor is closed or the coroutine is cancelled, applying
// options.startups.
boost::asio::awaitable<void> serve(boost::asio::ip::tcp::acceptor& acceptor, server_options options,
                                   server_handler handler);

} // namespace ssh::asio
