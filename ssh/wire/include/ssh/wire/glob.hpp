#pragma once
// OpenSSH-style glob patterns (ssh_config(5) PATTERNS): '*' matches any run of characters,
// '?' exactly one. Used for algorithm lists and known_hosts host patterns.

#include <string_view>

namespace ssh::wire {

// Case-sensitive; callers fold case first where the names are case-insensitive (host names).
// Iterative with backtracking to the last '*': never recursive, O(|pattern| * |text|) worst.
bool glob_match(std::string_view pattern, std::string_view text) noexcept;

} // namespace ssh::wire
