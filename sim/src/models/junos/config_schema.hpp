// Just enough of the Junos configuration schema to turn "set" words into a path: which
// keywords start the hierarchy, which take a name ("unit 0") and which take a value
// ("host-name r1"). Any other word is a statement of its own ("disable", "ge-0/0/1").
#pragma once

#include "config_tree.hpp"
#include "tokens.hpp"

#include <span>
#include <string>
#include <variant>

namespace sim::junos {

struct path_error {
    std::size_t offset; // caret position in the line
    std::string message;
};

enum class value_rule {
    required, // set: "set system host-name" lacks its value
    optional, // delete, show, edit: "delete system host-name" names the leaf
};

// `from_top`: the words start at the top of the hierarchy, so the first one must be a
// top-level statement (it may be abbreviated). `line_end` is where a missing word's caret goes.
std::variant<config_path, path_error> parse_config_path(std::span<const token> words, bool from_top,
                                                        value_rule values, std::size_t line_end);

} // namespace sim::junos
