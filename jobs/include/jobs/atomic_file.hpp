// Replacing a file so that readers, and a crash, see either the old bytes or the new ones.
//
// write_file_atomically(path, bytes):
//   1. creates the missing parent directories of `path`;
//   2. writes `bytes` to a new temporary file beside it, ".<name>.tmp.<pid>.<counter>"
//      (created with O_EXCL, mode 0666 minus the umask), and fsyncs it;
//   3. renames it over `path`, and fsyncs the directory so the rename itself is durable.
// On failure the temporary file is removed, an existing `path` is left as it was, and the
// error names the path, the step and the OS error. If only the final directory fsync fails,
// `path` already holds the new bytes but the error is still reported.
//
// `path` itself is replaced: if it is a symbolic link, the link (not its target) is replaced.
// Newly created parent directories are not themselves fsynced.
//
// Error style (shared by fleetsh's inventory, sim and jobs helpers): a fallible function that
// produces a value returns std::variant<value, error>; one that produces nothing returns
// std::optional<error>. Every error struct has a human-readable `message`.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

namespace jobs {

struct write_error {
    std::string message;  // e.g. "cannot write \"/r/a.txt\": rename ...: Is a directory"
    std::error_code code; // the OS error (generic category), e.g. errc::no_space_on_device
};

/// Returns std::nullopt on success.
[[nodiscard]] std::optional<write_error> write_file_atomically(const std::filesystem::path& path,
                                                               std::string_view bytes);

[[nodiscard]] std::optional<write_error> write_file_atomically(const std::filesystem::path& path,
                                                               std::span<const std::byte> bytes);

} // namespace jobs
