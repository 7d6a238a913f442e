#pragma once
// Errors of the session layer (category "ssh.session").

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace ssh::session {

enum class errc {
    keepalive_timeout = 1, // the server stopped answering (ServerAliveCountMax reached)
    not_authenticated,     // a connection message before authentication succeeded
    closed,                // the session was closed by us
    login_timeout,         // server: the client did not authenticate in time (LoginGraceTime)
};

const boost::system::error_category& session_category() noexcept;
boost::system::error_code make_error_code(errc e) noexcept;

} // namespace ssh::session

template <>
struct boost::system::is_error_code_enum<ssh::session::errc> : std::true_type {};
