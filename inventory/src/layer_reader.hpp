// Reads the fields of one host, group or defaults block into a `layer` (private to
// inventory/). Both layouts share it: fleetsh's names (address, connection) and Nornir's
// (hostname, connection_options) are accepted in either.
#pragma once

#include "layer.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>

namespace inventory::detail {

struct read_context {
    std::string file;               // as shown in errors
    std::filesystem::path base_dir; // anchors key and known_hosts paths
    error_list* errors = nullptr;
};

/// `out` arrives with its level, name and mark set; `body` is the map under the name (or
/// null: a host with nothing but its name).
void read_layer(const YAML::Node& body, const read_context& ctx, layer& out);

/// `host "r1"`, `group "core"` or `defaults`.
[[nodiscard]] std::string describe(const layer& l);

} // namespace inventory::detail
