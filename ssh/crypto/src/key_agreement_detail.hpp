#pragma once
// Private: the concrete key agreements behind make_key_agreement() and
// make_dh_group_agreement(). These constructors may throw Botan exceptions; the public
// factories catch them.

#include <ssh/crypto/key_agreement.hpp>

#include <botan/dl_group.h>

#include <memory>
#include <string>

namespace ssh::crypto::detail {

std::unique_ptr<key_agreement> make_x25519_agreement(random_source& rng);
// `curve` is a Botan EC group name ("secp256r1", ...).
std::unique_ptr<key_agreement> make_ecdh_agreement(const std::string& curve, random_source& rng);
std::unique_ptr<key_agreement> make_dh_agreement(const Botan::DL_Group& group, random_source& rng);

// RFC 3526 group 14, 16 or 18 for bits 2048, 4096 or 8192; nullptr otherwise. May throw
// on first use.
const Botan::DL_Group* rfc3526_group(std::size_t bits);

// The big-endian magnitude without leading zero bytes, as mpint(K) needs it
// (ssh-conformance.md §2.1 DH notes). All zero gives an empty result.
secure_bytes canonical_magnitude(const std::uint8_t* data, std::size_t size);

} // namespace ssh::crypto::detail
