// The inventory as read, before inheritance: one `layer` per host, group and defaults block,
// each value with the place it was written (private to inventory/).
#pragma once

#include <inventory/host.hpp>
#include <inventory/load.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace inventory::detail {

struct layer {
    origin::level level = origin::level::host;
    std::string name; // empty for defaults
    source_mark mark; // the name's key (defaults: the block itself)

    // Everything resolved_host holds, except names of groups, as optional values.
    std::optional<std::string> address;
    std::optional<std::uint16_t> port;
    std::optional<std::string> platform; // canonical
    std::optional<std::string> username;
    std::optional<credential> password;
    std::optional<std::filesystem::path> key;
    std::optional<credential> passphrase;
    std::optional<credential> enable_secret;
    std::vector<std::string> tags;
    std::map<std::string, std::string> data;
    connection_options connection;

    std::vector<std::pair<std::string, source_mark>> groups; // the layer's own groups
    std::map<std::string, source_mark> marks; // field name (as in resolved_host::sources)

    [[nodiscard]] origin origin_of(const std::string& field) const;
};

struct document {
    std::filesystem::path base_dir; // anchors relative paths
    std::optional<layer> defaults;
    std::vector<layer> groups;
    std::vector<layer> hosts;
};

/// Adds an error to `errors`.
void report(error_list& errors, source_mark mark, std::string message);

} // namespace inventory::detail
