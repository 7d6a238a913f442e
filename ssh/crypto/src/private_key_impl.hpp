#pragma once
// Private: the state behind ssh::crypto::private_key, and the one way keys from any source
// (openssh-key-v1, PEM, generation) become one.

#include <ssh/crypto/private_key.hpp>

#include <botan/bigint.h>
#include <botan/pk_keys.h>

#include <memory>
#include <optional>
#include <string>

namespace ssh::crypto {

struct private_key::impl {
    key_type type{};
    std::unique_ptr<const Botan::Private_Key> botan;
    crypto::public_key pub;
    std::string comment;
};

namespace detail {

// Validates a key and wraps it with its SSH public key. Whatever the source trusted is
// recomputed from the secret values: the Ed25519 public key from the seed, the ECDSA public
// point from d, the RSA CRT values from p, q, e, d (after checking n = p*q and e*d = 1 mod
// p-1 and q-1). Errors: unsupported_key_type (another algorithm or curve), key_too_small /
// key_too_large, bad_key_file (inconsistent values).
std::optional<private_key> wrap_private_key(const Botan::Private_Key& key, std::string comment,
                                            boost::system::error_code& ec);

// Keys from their secret values; bad_key_file when a value is out of range or inconsistent.
std::unique_ptr<Botan::Private_Key> make_ed25519_key(bytes_view seed,
                                                     boost::system::error_code& ec);
std::unique_ptr<Botan::Private_Key> make_ecdsa_key(key_type type, const Botan::BigInt& d,
                                                   boost::system::error_code& ec);
std::unique_ptr<Botan::Private_Key> make_rsa_key(const Botan::BigInt& p, const Botan::BigInt& q,
                                                 const Botan::BigInt& e, const Botan::BigInt& d,
                                                 const Botan::BigInt& n,
                                                 boost::system::error_code& ec);

} // namespace detail
} // namespace ssh::crypto
