#pragma once
// SSH message numbers (RFC 4250 §4.1) and their names for logs.

#include <cstdint>
#include <string_view>

namespace ssh::wire {

// Message numbers whose meaning does not depend on the negotiated method.
enum class msg : std::uint8_t {
    // Transport layer generic, RFC 4253.
    disconnect = 1,
    ignore = 2,
    unimplemented = 3,
    debug = 4,
    service_request = 5,
    service_accept = 6,
    ext_info = 7,    // RFC 8308 §2.3
    newcompress = 8, // RFC 8308 §3.2
    // Algorithm negotiation, RFC 4253 §7.
    kexinit = 20,
    newkeys = 21,
    // User authentication generic, RFC 4252.
    userauth_request = 50,
    userauth_failure = 51,
    userauth_success = 52,
    userauth_banner = 53,
    // Connection protocol generic, RFC 4254.
    global_request = 80,
    request_success = 81,
    request_failure = 82,
    // Channel related, RFC 4254.
    channel_open = 90,
    channel_open_confirmation = 91,
    channel_open_failure = 92,
    channel_window_adjust = 93,
    channel_data = 94,
    channel_extended_data = 95,
    channel_eof = 96,
    channel_close = 97,
    channel_request = 98,
    channel_success = 99,
    channel_failure = 100,
};

// Numbers 30-49 belong to the negotiated key exchange method and 60-79 to the userauth method
// in progress (RFC 4250 §4.1.2): one number has several meanings, so these are constants
// rather than enumerators. The reader of a packet knows which method is running.
inline constexpr msg kexdh_init{30};             // RFC 4253 §8
inline constexpr msg kexdh_reply{31};            // RFC 4253 §8
inline constexpr msg kex_ecdh_init{30};          // RFC 5656 §7.1; also curve25519 (RFC 8731)
inline constexpr msg kex_ecdh_reply{31};         // RFC 5656 §7.1
inline constexpr msg kex_dh_gex_request_old{30}; // RFC 4419 §5
inline constexpr msg kex_dh_gex_group{31};       // RFC 4419 §5
inline constexpr msg kex_dh_gex_init{32};        // RFC 4419 §5
inline constexpr msg kex_dh_gex_reply{33};       // RFC 4419 §5
inline constexpr msg kex_dh_gex_request{34};     // RFC 4419 §5

inline constexpr msg userauth_pk_ok{60};            // RFC 4252 §7
inline constexpr msg userauth_passwd_changereq{60}; // RFC 4252 §8
inline constexpr msg userauth_info_request{60};     // RFC 4256 §3.2
inline constexpr msg userauth_info_response{61};    // RFC 4256 §3.4

constexpr std::uint8_t number(msg m) noexcept {
    return static_cast<std::uint8_t>(m);
}

// Layer ranges of RFC 4250 §4.1.2. A transport implementation uses these to filter what may
// arrive during key exchange (RFC 4253 §7.1) and to route the rest.
constexpr bool is_transport(std::uint8_t n) noexcept {
    return n >= 1 && n <= 49;
}
constexpr bool is_userauth(std::uint8_t n) noexcept {
    return n >= 50 && n <= 79;
}
constexpr bool is_connection(std::uint8_t n) noexcept {
    return n >= 80 && n <= 127;
}

// The RFC name ("SSH_MSG_KEXINIT") for logs. Method-specific numbers list every meaning
// ("SSH_MSG_KEXDH_INIT/KEX_ECDH_INIT/KEX_DH_GEX_REQUEST_OLD"); unassigned numbers name their
// range ("unassigned (channel related)"). Never empty; points to static storage.
std::string_view msg_name(std::uint8_t n) noexcept;
inline std::string_view msg_name(msg m) noexcept {
    return msg_name(number(m));
}

} // namespace ssh::wire
