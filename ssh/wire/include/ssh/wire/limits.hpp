#pragma once
// Upper bounds for lengths read from the wire. Every length is compared with one of these
// before anything is sliced or allocated (DESIGN.md, "Errors").

#include <cstddef>

namespace ssh::wire::limits {

// RFC 4253 §6.1 requires 35000 bytes; like OpenSSH (PACKET_MAX_SIZE) we accept up to 256 KiB.
inline constexpr std::size_t max_packet_length = 256 * 1024;

// No field of a packet can be longer than the packet that carries it.
inline constexpr std::size_t max_string_length = max_packet_length;

// A KEXINIT name-list is ~1 KiB in practice; 16 KiB leaves room for long vendor lists.
inline constexpr std::size_t max_name_list_length = 16 * 1024;

// Bounds the vector name_list() builds; real lists hold a few dozen names at most.
inline constexpr std::size_t max_name_list_entries = 1024;

// 8192-bit DH modulus (RFC 3526 group 18) plus the 0x00 sign byte (RFC 4251 §5).
inline constexpr std::size_t max_mpint_bytes = 1025;

// Uncompressed NIST P-521 point: 0x04 + 2 * 66 bytes (SEC1 §2.3.3, RFC 5656 §3.1).
inline constexpr std::size_t max_ec_point_bytes = 133;

// A public key or certificate blob: RSA-16384 is ~2 KiB; certificates with many principals
// (OpenSSH caps them at 256) stay below 64 KiB.
inline constexpr std::size_t max_key_blob_length = 64 * 1024;

// A signature blob: algorithm name + an RSA-16384 signature (2048 bytes) fits in 4 KiB.
inline constexpr std::size_t max_signature_length = 4 * 1024;

} // namespace ssh::wire::limits
