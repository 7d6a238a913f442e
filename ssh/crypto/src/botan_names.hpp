#pragma once
// Private: Botan's names for our hash algorithms, shared by every adapter that hashes.

#include <ssh/crypto/hash.hpp>

namespace ssh::crypto::detail {

constexpr const char* botan_hash_name(hash_alg alg) noexcept {
    switch (alg) {
    case hash_alg::sha1:
        return "SHA-1";
    case hash_alg::sha256:
        return "SHA-256";
    case hash_alg::sha384:
        return "SHA-384";
    case hash_alg::sha512:
        return "SHA-512";
    }
    return "SHA-256";
}

} // namespace ssh::crypto::detail
