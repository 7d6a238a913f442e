#pragma once
// Server text shown to people (banners, prompts, PASSWD_CHANGEREQ) arrives untrusted: it may
// carry terminal escapes or be megabytes long (bad-input.md E44).

#include <cstddef>
#include <string>
#include <string_view>

namespace ssh::auth::detail {

// Keeps printable US-ASCII, newline, tab and well-formed UTF-8 (RFC 4252 §5.4 says UTF-8)
// of printable code points; "\r\n" becomes "\n"; every other byte (ESC and the other C0
// controls, DEL, C1 controls, bidirectional overrides, malformed UTF-8) becomes '?'. Stops
// before max_bytes of output, at a character boundary, and then sets *truncated.
std::string sanitize_text(std::string_view text, std::size_t max_bytes, bool* truncated = nullptr);

} // namespace ssh::auth::detail
