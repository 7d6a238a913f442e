#pragma once
// A server connection as one sans-io object: the server transport, server-side user
// authentication and the connection protocol in the server role. The mirror of
// client_session, driven the same way (feed, drain events, write output).
//
// Flow:
//     server_session s{config, random};
//     on bytes received: used += s.feed(rest, ec); while (auto e = s.next_event()) handle(*e);
//         auth events       → s.authentication().accept(...) / accept_key_query(...) / ...
//         open_request      → s.channels().accept_open(id) or reject_open(...)
//         channel_request   → run exec/shell/...; s.channels().reply_request(id, ok)
//     write s.pending_output(); arm a timer for next_deadline()
//
// Nothing of the connection protocol is accepted before authentication succeeds (bad-input
// E41): a CHANNEL_OPEN or GLOBAL_REQUEST then ends the connection.

#include <ssh/auth/server_auth.hpp>
#include <ssh/connection/connection.hpp>
#include <ssh/transport/transport.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <optional>
#include <variant>

namespace ssh::session {

struct server_session_config {
    transport::transport_config transport; // side must be role::server, with host keys
    auth::server_auth_config auth;
    connection::connection_config connection; // side must be role::server
    // OpenSSH LoginGraceTime: the client must authenticate within this time of the first
    // on_timer() call, which next_deadline() asks for at once (a time already past) until
    // it has come; 0 disables.
    std::chrono::seconds login_grace{120};
};

using server_session_event = std::variant<auth::server_auth_event, connection::connection_event>;

class server_session {
public:
    server_session(server_session_config config, crypto::random_source& random);

    std::size_t feed(wire::bytes_view data, boost::system::error_code& ec);
    std::optional<server_session_event> next_event();

    std::span<const std::uint8_t> pending_output() const noexcept {
        return transport_.pending_output();
    }
    void consume_output(std::size_t n) noexcept { transport_.consume_output(n); }
    void take_output(std::vector<std::uint8_t>& buffer) { transport_.take_output(buffer); }
    bool finished() const noexcept { return transport_.finished(); }

    void disconnect(std::uint32_t reason, std::string_view text);

    std::optional<transport::clock::time_point> next_deadline() const noexcept;
    void on_timer(transport::clock::time_point now, boost::system::error_code& ec);

    auth::server_auth& authentication() noexcept { return auth_; }
    connection::connection& channels() noexcept { return connection_; }
    const transport::transport& transport_layer() const noexcept { return transport_; }
    bool authenticated() const noexcept { return auth_.succeeded(); }

private:
    void dispatch(wire::bytes_view payload, boost::system::error_code& ec);
    void check_auth_outcome(boost::system::error_code& ec);

    server_session_config config_;
    transport::transport transport_;
    auth::server_auth auth_;
    connection::connection connection_;
    std::optional<transport::clock::time_point> login_deadline_;
};

} // namespace ssh::session
