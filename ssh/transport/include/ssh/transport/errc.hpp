#pragma once
// Errors of the transport layer (category "ssh.transport").

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace ssh::transport {

enum class errc {
    banner_too_long = 1,         // an identification or pre-banner line over its limit
    too_many_banner_lines,       // more than 1024 lines before the SSH- line (RFC 4253 §4.2)
    banner_invalid,              // NUL or other bytes not allowed in the identification
    not_ssh,                     // a server role peer sent something other than SSH-
    protocol_version_mismatch,   // SSH-1.x (only 2.0 and 1.99 are SSH 2, RFC 4253 §5.1)
    packet_too_large,            // packet_length above the limit (RFC 4253 §6.1)
    bad_packet_length,           // too small or not aligned to the cipher block
    bad_padding,                 // padding_length < 4 or >= packet_length (RFC 4253 §6)
    empty_payload,               // no message number
    mac_mismatch,                // packet authentication failed
    bad_message,                 // a message that does not parse
    unexpected_message,          // a message not allowed in the current state
    strict_kex_violation,        // broke strict KEX rules (OpenSSH PROTOCOL §1.10)
    no_common_algorithm,         // negotiation failed; diagnostics name both lists
    kex_failed,                  // the key exchange computation failed (bad peer value...)
    host_key_signature_invalid,  // the exchange hash signature did not verify
    host_key_algorithm_mismatch, // host key type does not fit the negotiated algorithm
    host_key_rejected,           // the application or known_hosts refused the host key
    peer_disconnected,           // the peer sent DISCONNECT (see diagnostics for its reason)
    connection_closed,           // the byte stream ended
    service_refused,             // SERVICE_ACCEPT for something else
};

const boost::system::error_category& transport_category() noexcept;
boost::system::error_code make_error_code(errc e) noexcept;

} // namespace ssh::transport

template <>
struct boost::system::is_error_code_enum<ssh::transport::errc> : std::true_type {};
