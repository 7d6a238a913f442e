#pragma once
// A client connection as one sans-io object: transport, user authentication and the
// connection protocol composed (OpenSSH ssh_api.h shape). Bytes in, bytes out, events out;
// time comes in through on_timer().
//
// Flow:
//     client_session s{config, random};
//     write(s.pending_output()); s.consume_output(n);
//     on bytes received:
//         while (unconsumed) {
//             used += s.feed(rest, ec);           // stops at each packet that made events
//             while (auto e = s.next_event())     // drain before feeding more
//                 handle(*e);                     // host_key_check → accept/reject_host_key()
//         }
//     after each call: write pending_output(); arm a timer for next_deadline()
//
// The connection protocol (s.channels()) may be used once an auth::success_event arrived.

#include <ssh/auth/client_auth.hpp>
#include <ssh/connection/connection.hpp>
#include <ssh/transport/transport.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <optional>
#include <variant>

namespace ssh::session {

struct client_session_config {
    transport::transport_config transport;
    auth::client_auth_config auth;
    connection::connection_config connection;
    // OpenSSH ServerAliveInterval and ServerAliveCountMax; 0 disables.
    std::chrono::seconds keepalive_interval{0};
    int keepalive_count_max = 3;
};

// The server's host key signed the exchange: answer with accept_host_key() or
// reject_host_key(). Nothing is sent meanwhile.
struct host_key_check {
    transport::host_key_offer offer;
};

using session_event = std::variant<host_key_check, auth::auth_event, connection::connection_event>;

class client_session {
public:
    client_session(client_session_config config, crypto::random_source& random);

    std::size_t feed(wire::bytes_view data, boost::system::error_code& ec);
    std::optional<session_event> next_event();

    std::span<const std::uint8_t> pending_output() const noexcept {
        return transport_.pending_output();
    }
    void consume_output(std::size_t n) noexcept { transport_.consume_output(n); }
    void take_output(std::vector<std::uint8_t>& buffer) { transport_.take_output(buffer); }
    // The connection is finished (error, DISCONNECT either way): flush output, then close.
    bool finished() const noexcept { return transport_.finished(); }

    void accept_host_key();
    void reject_host_key();

    // Ends the connection politely (DISCONNECT BY_APPLICATION, RFC 4253 §11.1).
    void disconnect(std::string_view reason = "closed by fleetsh");

    std::optional<transport::clock::time_point> next_deadline() const noexcept;
    void on_timer(transport::clock::time_point now, boost::system::error_code& ec);

    auth::client_auth& authentication() noexcept { return auth_; }
    connection::connection& channels() noexcept { return connection_; }
    const transport::transport& transport_layer() const noexcept { return transport_; }
    bool authenticated() const noexcept { return auth_.succeeded(); }

private:
    void dispatch(wire::bytes_view payload, boost::system::error_code& ec);
    void after_transport_progress(boost::system::error_code& ec);

    client_session_config config_;
    transport::transport transport_;
    auth::client_auth auth_;
    connection::connection connection_;
    std::optional<host_key_check> host_key_event_;
    bool host_key_reported_ = false;
    bool host_key_event_delivered_ = false;
    std::vector<std::string> sig_algs_seen_;

    // Keepalive (OpenSSH ServerAliveInterval semantics).
    bool heard_from_server_ = false;
    std::optional<transport::clock::time_point> last_heard_;
    int keepalives_outstanding_ = 0;
};

} // namespace ssh::session
