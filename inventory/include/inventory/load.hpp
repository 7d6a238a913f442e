// Reading and validating an inventory.
//
//   auto loaded = inventory::load_inventory("lab/inventory.yaml", {});
//   if (auto* errs = std::get_if<inventory::error_list>(&loaded))
//       for (const auto& e : *errs) std::cerr << e.text() << '\n';   // "file:line:col: ..."
//   const auto& hosts = std::get<inventory::host_list>(loaded);
//
// Two layouts: a single YAML file with top-level `defaults`, `groups` and `hosts` (what
// `fleetsh sim` writes), or a folder in Nornir's SimpleInventory layout (hosts.yaml, and
// optionally groups.yaml and defaults.yaml). Everything is checked before anything is
// returned, and every error found is returned (up to `max_errors`), each with its place.
//
// Error style (shared by fleetsh's inventory, sim and jobs helpers): a fallible function that
// produces a value returns std::variant<value, error>; here the error is a list of them.
#pragma once

#include <inventory/host.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace inventory {

struct inventory_error {
    source_mark mark;
    std::string message;

    /// "file:line:column: message"
    [[nodiscard]] std::string text() const;
};

using error_list = std::vector<inventory_error>;
using host_list = std::vector<resolved_host>;
using load_result = std::variant<host_list, error_list>;

/// The platforms fleetsh drives out of the box; the engine owns the real list.
[[nodiscard]] std::vector<std::string> default_platforms();

struct load_options {
    std::vector<std::string> known_platforms = default_platforms();
    std::size_t max_errors = 50;
    // Resolve every ${env:...}/${file:...} reference once, so that a missing variable or file
    // is reported now, with its place, rather than in the middle of a run.
    bool check_references = true;
    // Keys come from elsewhere for every host (a command line's -o IdentityFile=...): a host
    // with neither password nor key is then not an error.
    bool keys_given_elsewhere = false;
};

/// A single inventory file, or a Nornir SimpleInventory folder.
[[nodiscard]] load_result load_inventory(const std::filesystem::path& path,
                                         const load_options& options);

/// A single-file inventory held in memory; `file_name` names it in errors and its parent
/// folder anchors relative paths.
[[nodiscard]] load_result load_inventory_text(std::string_view yaml,
                                              const std::filesystem::path& file_name,
                                              const load_options& options);

} // namespace inventory
