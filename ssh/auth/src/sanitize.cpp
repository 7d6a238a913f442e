#include "sanitize.hpp"

#include <cstdint>

namespace ssh::auth::detail {
namespace {

// The length of the well-formed UTF-8 sequence at the start of s (RFC 3629 §4) and its code
// point, or 0 if there is none.
std::size_t utf8_sequence(std::string_view s, std::uint32_t& cp) {
    const auto b0 = static_cast<std::uint8_t>(s[0]);
    std::size_t len = 0;
    std::uint32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2, cp = b0 & 0x1Fu, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3, cp = b0 & 0x0Fu, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4, cp = b0 & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (s.size() < len)
        return 0;
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<std::uint8_t>(s[i]);
        if ((b & 0xC0u) != 0x80u)
            return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

bool printable(std::uint32_t cp) {
    if (cp < 0xA0) // C1 controls
        return false;
    // Bidirectional embeddings, overrides and isolates reorder what follows them.
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
        return false;
    return true;
}

} // namespace

std::string sanitize_text(std::string_view text, std::size_t max_bytes, bool* truncated) {
    std::string out;
    out.reserve(text.size() < max_bytes ? text.size() : max_bytes);
    if (truncated != nullptr)
        *truncated = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        std::string_view piece;
        std::size_t used = 1;
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            piece = "\n", used = 2;
        } else if (c == '\n' || c == '\t' || (c >= 0x20 && c <= 0x7E)) {
            piece = text.substr(i, 1);
        } else {
            std::uint32_t cp = 0;
            const auto len = utf8_sequence(text.substr(i), cp);
            if (len != 0 && printable(cp)) {
                piece = text.substr(i, len), used = len;
            } else {
                piece = "?", used = len != 0 ? len : 1;
            }
        }
        if (out.size() + piece.size() > max_bytes) {
            if (truncated != nullptr)
                *truncated = true;
            break;
        }
        out += piece;
        i += used;
    }
    return out;
}

} // namespace ssh::auth::detail
