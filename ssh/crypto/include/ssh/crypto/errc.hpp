#pragma once
// Errors of the crypto adapters (category "ssh.crypto").

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace ssh::crypto {

enum class errc {
    unknown_algorithm = 1, // a name not in the registry
    bad_key_blob,          // malformed or unsupported SSH public key encoding
    unsupported_key_type,  // a key type we do not handle (e.g. ssh-dss, sk-*)
    key_too_small,         // RSA below 1024 bits
    key_too_large,         // RSA above 8192 bits, or similar caps
    bad_signature_blob,    // malformed SSH signature encoding
    signature_mismatch,    // signature algorithm does not fit the key, or it did not verify
    invalid_public_value,  // a peer's key agreement value is invalid (length, point, range)
    weak_shared_secret,    // all-zero X25519 output
    bad_group,             // DH group exchange modulus out of bounds or not usable
    bad_key_file,          // a private key file we cannot parse
    unsupported_key_file,  // a key file format, cipher or KDF we do not support
    passphrase_required,   // encrypted key and no passphrase given
    wrong_passphrase,      // check-ints differ after decryption
    unprotected_key_file,  // private key readable by group or others (as OpenSSH refuses)
    kdf_rounds_too_high,   // bcrypt rounds above our time cap
    backend_failure,       // the crypto library failed unexpectedly
};

const boost::system::error_category& crypto_category() noexcept;
boost::system::error_code make_error_code(errc e) noexcept;

} // namespace ssh::crypto

template <>
struct boost::system::is_error_code_enum<ssh::crypto::errc> : std::true_type {};
