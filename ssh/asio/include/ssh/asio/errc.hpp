#pragma once
// Errors of the Asio client layer (category "ssh.client"): the deadlines and outcomes that
// only exist once there is a clock and a socket.

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace ssh::asio {

enum class errc {
    kex_timeout = 1,     // identification and key exchange did not finish in time
    auth_timeout,        // authentication did not finish in time
    command_timeout,     // a command (or read_until) did not finish in time
    channel_open_failed, // the server refused the channel
    request_refused,     // the server refused exec, shell, pty-req or subsystem
    connection_lost,     // the TCP stream ended or failed
    output_limit,        // more output than the caller allowed
    host_key_rejected,   // the verifier refused the host key
    not_connected,       // an operation on a closed connection
};

const boost::system::error_category& client_category() noexcept;
boost::system::error_code make_error_code(errc e) noexcept;

} // namespace ssh::asio

template <>
struct boost::system::is_error_code_enum<ssh::asio::errc> : std::true_type {};
