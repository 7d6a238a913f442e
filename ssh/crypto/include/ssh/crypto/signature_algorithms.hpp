#pragma once
// The registry of public key types and of the signature (host key) algorithms that use them
// (ssh-conformance.md §2.2). One signature algorithm applies to exactly one key type; one key
// type may serve several algorithms (an "ssh-rsa" key signs as rsa-sha2-512, rsa-sha2-256 or,
// as legacy, ssh-rsa with SHA-1).
//
// This says which algorithms exist; what a role offers, and in what order, is decided by the
// preference lists of the transport and auth layers.

#include <ssh/crypto/algorithm_tier.hpp>

#include <cstddef>
#include <span>
#include <string_view>

namespace ssh::crypto {

enum class key_type { ed25519, ecdsa_nistp256, ecdsa_nistp384, ecdsa_nistp521, rsa };

struct key_type_info {
    key_type type;
    std::string_view name;     // the type string that starts a key blob, e.g. "ssh-rsa"
    std::string_view curve_id; // RFC 5656 §6.1 identifier ("nistp256"); empty unless ECDSA
};

struct signature_algorithm_info {
    std::string_view name; // the algorithm name in KEXINIT, userauth and signature blobs
    key_type key;          // the only key type it applies to
    algorithm_tier tier;
};

// Registry look-ups; nullptr for unknown names.
const key_type_info* find_key_type(std::string_view name) noexcept;
const key_type_info& describe(key_type type) noexcept;
std::span<const key_type_info> all_key_types() noexcept;

const signature_algorithm_info* find_signature_algorithm(std::string_view name) noexcept;
std::span<const signature_algorithm_info> all_signature_algorithms() noexcept;

// True when `signature_alg` is a known algorithm that applies to keys of `type`.
bool signature_fits(std::string_view signature_alg, key_type type) noexcept;

} // namespace ssh::crypto
