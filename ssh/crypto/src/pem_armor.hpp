#pragma once
// Private: the text armor of key files, "-----BEGIN LABEL-----", optional RFC 1421 §4.6
// headers ("Proc-Type: 4,ENCRYPTED"), base64 lines, "-----END LABEL-----" (RFC 7468 §2).

#include <ssh/crypto/bytes.hpp>
#include <ssh/crypto/private_key.hpp>

#include <boost/system/error_code.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ssh::crypto::detail {

struct armor_block {
    std::string label;
    std::vector<std::pair<std::string, std::string>> headers; // name, value (trimmed)
    secure_bytes body;                                        // the decoded base64
};

// The first armored block of `text`; text before BEGIN is ignored, as OpenSSL does. nullopt
// with errc::bad_key_file when there is none, or it is unterminated or not valid base64.
std::optional<armor_block> parse_armor(std::string_view text, boost::system::error_code& ec);

// "-----BEGIN label-----\n", body as base64 in lines of `width`, "-----END label-----\n".
void write_armor(std::string_view label, bytes_view body, std::size_t width, secure_string& out);

} // namespace ssh::crypto::detail
