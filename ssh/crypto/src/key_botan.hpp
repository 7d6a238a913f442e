#pragma once
// Private: how our key types and signature algorithms map onto Botan 2 objects
// (ssh-conformance.md §2.2, §2.7).

#include <ssh/crypto/bytes.hpp>
#include <ssh/crypto/signature_algorithms.hpp>

#include <botan/asn1_obj.h>
#include <botan/bigint.h>
#include <botan/ec_group.h>
#include <botan/pk_keys.h>

#include <cstddef>
#include <optional>
#include <string_view>

namespace ssh::crypto::detail {

bool is_ecdsa(key_type type) noexcept;

// The Botan group of an ECDSA key type ("secp256r1", ...). Only for ECDSA types.
const Botan::EC_Group& ecdsa_group(key_type type);
// Bytes of one coordinate, and of r or s (66 for P-521).
std::size_t ecdsa_scalar_bytes(key_type type) noexcept;
// The ECDSA key type of a named curve, if it is one of ours.
std::optional<key_type> ecdsa_type_for(const Botan::OID& curve);

// The Botan EMSA/"Pure" parameter of a signature algorithm; nullptr for unknown names.
const char* botan_padding(std::string_view signature_alg) noexcept;

// The SSH public key blob of a Botan key of the given type.
bytes encode_public_blob(key_type type, const Botan::Public_Key& key);

Botan::BigInt to_bigint(bytes_view big_endian_magnitude);

// Big-endian magnitude of a non-negative BigInt, left-padded with zeros to `size` bytes
// (or minimal when size is 0), in memory that is wiped when freed.
secure_bytes to_secure_bytes(const Botan::BigInt& n, std::size_t size = 0);

} // namespace ssh::crypto::detail
