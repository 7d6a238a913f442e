// A Junos configuration as a tree of statements, and its two text forms: curly braces
// ("show configuration") and set commands ("| display set").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sim::junos {

// One statement: a container with children ("interfaces", "unit 0"), a leaf with a value
// ("host-name r1;") or a bare leaf ("disable;", "address 10.0.0.1/24;"). Children keep the
// order they were added in.
struct config_node {
    std::string key; // the words naming the statement: "unit 0", "host-name"
    std::optional<std::string> value;
    std::vector<config_node> children;

    const config_node* child(std::string_view name) const;
    config_node* child(std::string_view name);
    config_node& ensure_child(std::string_view name);

    friend bool operator==(const config_node&, const config_node&) = default;
};

// One step of a configuration path as "set"/"delete"/"edit" words name it.
struct path_step {
    std::string key;
    std::optional<std::string> value = std::nullopt; // only on a last step naming a value leaf

    friend bool operator==(const path_step&, const path_step&) = default;
};
using config_path = std::vector<path_step>;

// nullptr when some step is missing.
const config_node* find_node(const config_node& root, const config_path& path);
// Creates what is missing; the last step's value replaces the leaf's value.
void set_statement(config_node& root, const config_path& path);
// false when the statement is not there.
bool delete_statement(config_node& root, const config_path& path);

// "interfaces ge-0/0/1 unit 0", as in "[edit ...]" banners.
std::string path_text(const config_path& path);
// A word as Junos prints it: quoted when it holds spaces or special characters.
std::string config_word(std::string_view word);

// One statement (and its children) in curly-brace form, indented by `indent` spaces.
std::string render_statement(const config_node& node, std::size_t indent);

enum class config_form {
    braces,       // "system {\n    host-name r1;\n}"
    set_commands, // "set system host-name r1"
};
// What "show configuration <path>" prints: the statements under `path` (or the statement
// it names); "" when it is not configured.
std::string render_at(const config_node& root, const config_path& path, config_form form);

} // namespace sim::junos
