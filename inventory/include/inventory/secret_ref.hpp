// Credential values given by reference in an inventory.
//
// A value is text in which these forms are replaced, left to right:
//   ${env:NAME}   the environment variable NAME (an error if it is unset; set-but-empty is "")
//   ${file:PATH}  the contents of the file PATH, with one trailing newline ("\n" or "\r\n")
//                 removed; a relative PATH is taken from `base_dir` (the inventory's folder);
//                 the file must be a regular file of at most max_secret_file_size bytes
//   $${           a literal "${"
// Everything else is literal, including a lone '$'. So "hunter2" is returned as is, and
// "${env:A}${env:B}" is the two variables joined.
//
// Errors name the variable, the path or the problem, and never contain a resolved value.
// Malformed text is reported by offset rather than echoed, since it may be a literal password
// that merely contains "${".
//
// Error style (shared by fleetsh's inventory, sim and jobs helpers): a fallible function that
// produces a value returns std::variant<value, error>; one that produces nothing returns
// std::optional<error>. Every error struct has a human-readable `message`.
#pragma once

#include <inventory/secret.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <variant>

namespace inventory {

inline constexpr std::size_t max_secret_file_size = 64 * 1024;

struct secret_error {
    std::string message;
};

using secret_result = std::variant<secret, secret_error>;

/// Resolves every reference in `value`. `base_dir` anchors relative ${file:...} paths; when it
/// is empty they are taken from the current directory.
[[nodiscard]] secret_result resolve_secret(std::string_view value,
                                           const std::filesystem::path& base_dir);

} // namespace inventory
