#pragma once
// Private: how both sessions route the payloads the transport hands up.

#include <ssh/connection/connection.hpp>
#include <ssh/connection/errc.hpp>
#include <ssh/session/errc.hpp>
#include <ssh/transport/transport.hpp>
#include <ssh/wire/msg.hpp>

namespace ssh::session::detail {

// SERVICE_REQUEST/ACCEPT and 50-79 belong to user authentication (RFC 4252 §6).
constexpr bool is_auth_message(std::uint8_t type) noexcept {
    return type == wire::number(wire::msg::service_request) ||
           type == wire::number(wire::msg::service_accept) || wire::is_userauth(type);
}

// DISCONNECT reason codes used by the sessions (RFC 4250 §4.2.2).
inline constexpr std::uint32_t reason_protocol_error = 2;
inline constexpr std::uint32_t reason_by_application = 11;

// A connection-protocol payload (80-127), for both roles. Before authentication it ends the
// connection (bad-input E41; the paramiko and AsyncSSH CVEs of 2018). A message number the
// connection layer does not know gets UNIMPLEMENTED (RFC 4253 §11.4) and the connection goes
// on; any other error is a protocol violation: DISCONNECT, then the error.
inline void dispatch_connection(bool authenticated, connection::connection& channels,
                                transport::transport& transport, wire::bytes_view payload,
                                boost::system::error_code& ec) {
    if (!authenticated) {
        ec = errc::not_authenticated;
        transport.disconnect(reason_protocol_error,
                             "connection protocol message before authentication");
        return;
    }
    channels.handle(payload, ec);
    if (ec == connection::errc::unimplemented_message) {
        ec.clear();
        transport.send_unimplemented(transport.last_received_sequence());
    } else if (ec) {
        transport.disconnect(reason_protocol_error, ec.message());
    }
}

} // namespace ssh::session::detail
