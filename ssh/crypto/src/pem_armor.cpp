#include "pem_armor.hpp"

#include <ssh/crypto/base64.hpp>
#include <ssh/crypto/errc.hpp>

namespace ssh::crypto::detail {
namespace {

constexpr std::string_view dashes = "-----";
constexpr std::string_view begin_prefix = "-----BEGIN ";
constexpr std::string_view end_prefix = "-----END ";

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

// Removes and returns the next line of s (without its terminator).
std::string_view next_line(std::string_view& s) noexcept {
    const auto nl = s.find('\n');
    const auto line = s.substr(0, nl);
    s.remove_prefix(nl == std::string_view::npos ? s.size() : nl + 1);
    return line;
}

// "LABEL" of a "<prefix>LABEL-----" line, or nullopt.
std::optional<std::string_view> marker_label(std::string_view line, std::string_view prefix) {
    line = trim(line);
    if (!line.starts_with(prefix) || !line.ends_with(dashes) ||
        line.size() < prefix.size() + dashes.size())
        return std::nullopt;
    line.remove_prefix(prefix.size());
    line.remove_suffix(dashes.size());
    return line;
}

} // namespace

std::optional<armor_block> parse_armor(std::string_view text, boost::system::error_code& ec) {
    std::optional<std::string_view> label;
    while (!text.empty() && !label)
        label = marker_label(next_line(text), begin_prefix);
    if (!label) {
        ec = errc::bad_key_file;
        return std::nullopt;
    }
    armor_block block;
    block.label = *label;
    // The base64 text is as secret as the key when the key is not encrypted.
    secure_string encoded;
    encoded.reserve(text.size());
    bool in_headers = true;
    bool ended = false;
    while (!text.empty() && !ended) {
        const auto line = next_line(text);
        if (const auto end = marker_label(line, end_prefix)) {
            ended = *end == block.label;
            if (!ended)
                break;
            continue;
        }
        const auto colon = line.find(':');
        if (in_headers && colon != std::string_view::npos) {
            block.headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
            continue;
        }
        in_headers = false;
        for (char c : line)
            if (!is_space(c))
                encoded.push_back(c);
    }
    if (!ended) {
        ec = errc::bad_key_file;
        return std::nullopt;
    }
    auto decoded = base64_decode(encoded);
    if (!decoded) {
        ec = errc::bad_key_file;
        return std::nullopt;
    }
    block.body.assign(decoded->begin(), decoded->end());
    secure_wipe(decoded->data(), decoded->size());
    return block;
}

void write_armor(std::string_view label, bytes_view body, std::size_t width, secure_string& out) {
    auto encoded = base64_encode(body);
    out.reserve(out.size() + encoded.size() + encoded.size() / width + 2 * label.size() + 40);
    out.append(begin_prefix).append(label).append(dashes).push_back('\n');
    for (std::size_t i = 0; i < encoded.size(); i += width) {
        out.append(std::string_view(encoded).substr(i, width));
        out.push_back('\n');
    }
    out.append(end_prefix).append(label).append(dashes).push_back('\n');
    secure_wipe(encoded.data(), encoded.size());
}

} // namespace ssh::crypto::detail
