// One-line public keys: "type base64 [comment]" (OpenSSH PROTOCOL §5.1, sshd(8)
// AUTHORIZED_KEYS FILE FORMAT without options).
#include <ssh/crypto/base64.hpp>
#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/public_key.hpp>
#include <ssh/wire/limits.hpp>

namespace ssh::crypto {
namespace {

bool is_blank(char c) noexcept {
    return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && is_blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back()))
        s.remove_suffix(1);
    return s;
}

// Removes and returns the first blank-separated word of s.
std::string_view next_word(std::string_view& s) noexcept {
    s = trim(s);
    std::size_t end = 0;
    while (end < s.size() && !is_blank(s[end]))
        ++end;
    const auto word = s.substr(0, end);
    s.remove_prefix(end);
    return word;
}

// Base64 of the largest blob we accept.
constexpr std::size_t max_base64_length = (wire::limits::max_key_blob_length + 2) / 3 * 4;

} // namespace

std::optional<public_key_line> parse_public_key_line(std::string_view line,
                                                     boost::system::error_code& ec) {
    ec.clear();
    if (line.ends_with('\n'))
        line.remove_suffix(1);
    if (line.ends_with('\r'))
        line.remove_suffix(1);
    if (line.find_first_of("\r\n") != std::string_view::npos) {
        ec = errc::bad_key_blob;
        return std::nullopt;
    }
    const auto type = next_word(line);
    const auto encoded = next_word(line);
    if (type.empty() || encoded.empty() || encoded.size() > max_base64_length) {
        ec = errc::bad_key_blob;
        return std::nullopt;
    }
    if (find_key_type(type) == nullptr) {
        ec = errc::unsupported_key_type;
        return std::nullopt;
    }
    const auto blob = base64_decode(encoded);
    if (!blob) {
        ec = errc::bad_key_blob;
        return std::nullopt;
    }
    auto key = public_key::from_blob(*blob, ec);
    if (!key)
        return std::nullopt;
    if (key->type_name() != type) {
        ec = errc::bad_key_blob;
        return std::nullopt;
    }
    return public_key_line{std::move(*key), std::string(trim(line))};
}

} // namespace ssh::crypto
