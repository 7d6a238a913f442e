#pragma once
// Peer text shown to people: printable US-ASCII only, and bounded.

#include <string>
#include <string_view>

namespace ssh::connection::detail {

// Keeps printable US-ASCII, replaces every other byte with '?', cuts at max_shown characters
// and marks the cut with "...".
std::string sanitise(std::string_view text, std::size_t max_shown = 256);

} // namespace ssh::connection::detail
