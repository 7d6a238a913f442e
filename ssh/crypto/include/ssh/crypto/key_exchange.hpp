#pragma once
// The key exchange registry (ssh-conformance.md §2.1): which KEX methods exist, what kind of
// agreement each runs and which hash it uses for H (§3.5) and key derivation (§3.6).
// What we offer, and in which order, lives with the negotiator, not here.

#include <ssh/crypto/algorithm_tier.hpp>
#include <ssh/crypto/hash.hpp>

#include <cstddef>
#include <span>
#include <string_view>

namespace ssh::crypto {

enum class kex_kind {
    curve25519,        // RFC 8731: X25519, Q_C/Q_S as strings
    ecdh,              // RFC 5656 §4: NIST curves, Q_C/Q_S as uncompressed points
    dh_fixed_group,    // RFC 4253 §8 / RFC 8268: e and f as mpints over a named group
    dh_group_exchange, // RFC 4419: the server picks (p, g); see make_dh_group_agreement()
};

struct kex_info {
    std::string_view name;
    kex_kind kind;
    hash_alg hash;
    // curve25519: 255; ecdh: the curve's field size (256/384/521); dh_fixed_group: the
    // modulus size (2048/4096/8192); dh_group_exchange: 0 (chosen during the exchange).
    std::size_t group_bits;
    algorithm_tier tier;
};

// Registry look-ups; nullptr for unknown names (pseudo-algorithms included).
const kex_info* find_kex(std::string_view name) noexcept;
std::span<const kex_info> all_kex() noexcept;

// Names that appear only in the kex_algorithms list of the first KEXINIT to signal support
// for an extension; they are never negotiated as a method (RFC 8308 §2.1, OpenSSH PROTOCOL
// §1.10 "strict kex").
inline constexpr std::string_view ext_info_c = "ext-info-c";
inline constexpr std::string_view ext_info_s = "ext-info-s";
inline constexpr std::string_view kex_strict_c = "kex-strict-c-v00@openssh.com";
inline constexpr std::string_view kex_strict_s = "kex-strict-s-v00@openssh.com";

bool is_kex_pseudo_algorithm(std::string_view name) noexcept;

} // namespace ssh::crypto
