#pragma once
// Key derivation after a key exchange (RFC 4253 §7.2; ssh-conformance.md §3.6).

#include <ssh/crypto/bytes.hpp>
#include <ssh/crypto/hash.hpp>

#include <cstddef>

namespace ssh::crypto {

// K1 = HASH(K || H || letter || session_id), K2 = HASH(K || H || K1),
// K3 = HASH(K || H || K1 || K2), ...; returns the first `size` bytes of K1 || K2 || ...
//
// encoded_k is K exactly as it was hashed into H: the mpint encoding with its uint32 length
// prefix (a string for the PQ hybrids). H and session_id are raw bytes with no prefix; the
// letter is 'A'..'F' (IVs, keys and MAC keys, client-to-server first).
//
// Throws std::bad_alloc, or boost::system::system_error(errc::backend_failure) if the
// backend lacks the hash (never with a library that passes run_backend_self_tests()).
secure_bytes derive_key(hash_alg alg, bytes_view encoded_k, bytes_view exchange_hash, char letter,
                        bytes_view session_id, std::size_t size);

} // namespace ssh::crypto
