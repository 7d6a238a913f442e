// Small helpers over yaml-cpp nodes shared by the readers (private to inventory/).
#pragma once

#include "layer.hpp"

#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <string_view>

namespace inventory::detail {

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

} // namespace inventory::detail
