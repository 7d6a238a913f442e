#pragma once
// Private: how both sessions route the payloads the transport hands up.

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

} // namespace ssh::session::detail
