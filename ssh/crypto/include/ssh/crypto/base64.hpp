#pragma once
// Base64 (RFC 4648 §4) for key files, public key lines, known_hosts and fingerprints.

#include <ssh/crypto/bytes.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace ssh::crypto {

std::string base64_encode(bytes_view data, bool pad = true);

// Strict decoding: the standard alphabet, '=' padding optional but only at the end, no
// whitespace (callers joining wrapped lines remove line breaks first). nullopt if invalid.
std::optional<bytes> base64_decode(std::string_view text);

} // namespace ssh::crypto
