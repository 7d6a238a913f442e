// Turns YAML text into a `document` (private to inventory/): the single-file layout and
// Nornir's SimpleInventory folder, both built from the same pieces.
#pragma once

#include "layer.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace inventory::detail {

inline constexpr std::uintmax_t max_inventory_file_size = 64ULL * 1024 * 1024;

/// Top-level `defaults`, `groups` and `hosts` in one document; `file` names it in errors.
[[nodiscard]] document read_single_file(std::string_view yaml, const std::string& file,
                                        const std::filesystem::path& base_dir, error_list& errors);

/// hosts.yaml (required), groups.yaml and defaults.yaml (optional) in `folder`.
[[nodiscard]] document read_nornir_folder(const std::filesystem::path& folder, error_list& errors);

} // namespace inventory::detail
