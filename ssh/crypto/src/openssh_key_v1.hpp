#pragma once
// Private: the openssh-key-v1 private key format (OpenSSH PROTOCOL.key,
// ssh-conformance.md §7.1).

#include <ssh/crypto/private_key.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace ssh::crypto::detail {

inline constexpr std::string_view openssh_key_label = "OPENSSH PRIVATE KEY";

// Parses the decoded body of an "OPENSSH PRIVATE KEY" armor.
std::optional<private_key> parse_openssh_key_v1(bytes_view decoded,
                                                std::optional<std::string_view> passphrase,
                                                const key_load_options& options,
                                                boost::system::error_code& ec, std::string* hint);

} // namespace ssh::crypto::detail
