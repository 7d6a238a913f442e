#pragma once
// The server role over TCP: accept connections and run each one's server_session, handing
// its events (authentication requests, channel opens and requests) to the application.
//
// The application answers events synchronously through the session (accept a key, accept a
// channel, reply to exec and send output); output it produces later, from its own
// coroutines, is flushed with server_connection::flush().
//
//     co_await serve(acceptor, options, [](server_connection& c, server_session_event& e) {...});

#include <ssh/asio/client.hpp>
#include <ssh/session/server_session.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <functional>
#include <memory>

namespace ssh::asio {

struct server_options {
    std::vector<std::shared_ptr<const crypto::private_key>> host_keys;
    transport::algorithm_lists algorithms = transport::default_client_offer();
    auth::server_auth_config auth;
    std::chrono::seconds login_grace{120}; // OpenSSH LoginGraceTime
};

class server_connection;
using server_handler = std::function<void(server_connection&, session::server_session_event&)>;

class server_connection : public std::enable_shared_from_this<server_connection> {
public:
    session::server_session& session() noexcept;
    // Writes what the session produced outside of an event (e.g. output of a command that
    // finished later).
    void flush();
    void close(std::string_view reason = "closed by server");
    bool is_open() const noexcept;
    const error_info& last_error() const noexcept;
    ~server_connection();

    struct impl;

private:
    friend boost::asio::awaitable<void> serve(boost::asio::ip::tcp::acceptor&, server_options,
                                              server_handler);
    explicit server_connection(std::unique_ptr<impl> p);
    std::unique_ptr<impl> impl_;
};

// Accepts until the acceptor is closed or the coroutine is cancelled.
boost::asio::awaitable<void> serve(boost::asio::ip::tcp::acceptor& acceptor, server_options options,
                                   server_handler handler);

} // namespace ssh::asio
