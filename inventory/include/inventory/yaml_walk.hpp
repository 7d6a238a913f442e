// Small helpers over yaml-cpp nodes and scalar values, shared by fleetsh's YAML readers (the
// inventory here, job files in jobs/): places as file:line:column, duplicate keys reported.
#pragma once

#include <inventory/load.hpp>

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace inventory {

/// The path as errors show it (lexically normal).
[[nodiscard]] std::string shown_path(const std::filesystem::path& path);

/// The whole file, or nullopt with an error naming `what` ("the inventory") when it is missing,
/// unreadable or larger than `max_size` bytes.
[[nodiscard]] std::optional<std::string> read_text_file(const std::filesystem::path& path,
                                                        std::string_view what,
                                                        std::uintmax_t max_size,
                                                        error_list& errors);

/// The YAML document, or nullopt with a syntax error at its place in `file`.
[[nodiscard]] std::optional<YAML::Node> parse_yaml(std::string_view yaml, const std::string& file,
                                                   error_list& errors);

/// The node's place in `file` (yaml-cpp counts from 0; we count from 1).
[[nodiscard]] source_mark mark_of(const YAML::Node& node, const std::string& file);

/// "a map", "a list", "text", "nothing": for "must be X, not Y" messages.
[[nodiscard]] std::string_view kind_of(const YAML::Node& node);

/// Calls `visit(key_text, key_node, value)` for every entry of the map `node`, in file
/// order. yaml-cpp keeps duplicate keys; they are reported here as a duplicate `what`
/// ("host", "field") followed by `where` ("", " in host \"r1\""), and skipped. A key that is
/// not text is reported and skipped.
void for_each_entry(
    const YAML::Node& node, const std::string& file, std::string_view what, std::string_view where,
    error_list& errors,
    const std::function<void(const std::string&, const YAML::Node&, const YAML::Node&)>& visit);

/// "30" (seconds), "30s", "500ms", "5m": a positive duration of at most a day.
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

/// Decimal digits only; nullopt when `text` is not an integer at all (or too long to be one).
[[nodiscard]] std::optional<std::uint64_t> parse_unsigned(std::string_view text);

} // namespace inventory
