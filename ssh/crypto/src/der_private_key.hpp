#pragma once
// Private: DER private key structures, parsed strictly (no field after the last expected one,
// optional fields included) so that a corrupted file is not read as another key:
// PKCS#1 RSAPrivateKey (RFC 8017 A.1.2), SEC1 ECPrivateKey (RFC 5915 §3), PKCS#8
// PrivateKeyInfo (RFC 5958 §2) holding one of those or an Ed25519 key (RFC 8410 §7), and
// PBES2 EncryptedPrivateKeyInfo (RFC 5958 §3, RFC 8018 §6.2, A.4) with PBKDF2 and AES-CBC.

#include <ssh/crypto/bytes.hpp>

#include <boost/system/error_code.hpp>

#include <botan/asn1_obj.h>
#include <botan/pk_keys.h>
#include <botan/secmem.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ssh::crypto::detail {

using der_bytes = Botan::secure_vector<std::uint8_t>;

// Each returns nullptr with ec set (bad_key_file, unsupported_key_type, ...) or throws a Botan
// decoding exception on malformed DER, which the caller maps to bad_key_file.
std::unique_ptr<Botan::Private_Key> load_pkcs1_rsa(const der_bytes& der,
                                                   boost::system::error_code& ec);
// `curve` comes from a PKCS#8 AlgorithmIdentifier; the structure may name it too.
std::unique_ptr<Botan::Private_Key> load_sec1(const der_bytes& der, std::optional<Botan::OID> curve,
                                              boost::system::error_code& ec);
std::unique_ptr<Botan::Private_Key> load_pkcs8(const der_bytes& der, boost::system::error_code& ec);

// Decrypts an EncryptedPrivateKeyInfo to its PrivateKeyInfo. Errors: unsupported_key_file
// (not PBES2/PBKDF2/AES-CBC; hint says how to convert), kdf_rounds_too_high,
// passphrase_required, wrong_passphrase (bad padding).
std::optional<der_bytes> decrypt_pkcs8(const der_bytes& der,
                                       std::optional<std::string_view> passphrase,
                                       boost::system::error_code& ec, std::string* hint);

} // namespace ssh::crypto::detail
