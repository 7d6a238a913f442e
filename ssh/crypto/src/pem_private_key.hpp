#pragma once
// Private: PEM private keys as OpenSSL and `ssh-keygen -m PEM|PKCS8` write them, by label.
// "RSA PRIVATE KEY" (RFC 8017 App. A.1.2), SEC1 "EC PRIVATE KEY" (RFC 5915 §3), PKCS#8
// "PRIVATE KEY" and "ENCRYPTED PRIVATE KEY" (RFC 5958 §2-3, PBES2 of RFC 8018 §6.2).

#include "pem_armor.hpp"

#include <ssh/crypto/private_key.hpp>

namespace ssh::crypto::detail {

// True for the labels this parser handles.
bool is_pem_private_key_label(std::string_view label) noexcept;

std::optional<private_key> parse_pem_private_key(const armor_block& block,
                                                 std::optional<std::string_view> passphrase,
                                                 boost::system::error_code& ec, std::string* hint);

} // namespace ssh::crypto::detail
