#include "yaml_walk.hpp"

#include <map>

namespace inventory::detail {

source_mark mark_of(const YAML::Node& node, const std::string& file) {
    const YAML::Mark m = node.Mark();
    if (m.is_null() || m.line < 0 || m.column < 0) {
        return source_mark{file, 0, 0};
    }
    return source_mark{file, static_cast<std::size_t>(m.line) + 1,
                       static_cast<std::size_t>(m.column) + 1};
}

std::string_view kind_of(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return "a map";
    case YAML::NodeType::Sequence:
        return "a list";
    case YAML::NodeType::Scalar:
        return "text";
    default:
        return "nothing";
    }
}

void for_each_entry(
    const YAML::Node& node, const std::string& file, std::string_view what, std::string_view where,
    error_list& errors,
    const std::function<void(const std::string&, const YAML::Node&, const YAML::Node&)>& visit) {
    std::map<std::string, source_mark> seen;
    for (const auto& entry : node) {
        const YAML::Node& key = entry.first;
        const source_mark at = mark_of(key, file);
        if (!key.IsScalar()) {
            report(errors, at,
                   "a " + std::string(what) + " name must be text, not " +
                       std::string(kind_of(key)));
            continue;
        }
        const std::string& name = key.Scalar();
        const auto [first, inserted] = seen.emplace(name, at);
        if (!inserted) {
            report(errors, at,
                   "duplicate " + std::string(what) + " \"" + name + "\"" + std::string(where) +
                       " (first at line " + std::to_string(first->second.line) + ", column " +
                       std::to_string(first->second.column) + ")");
            continue;
        }
        visit(name, key, entry.second);
    }
}

} // namespace inventory::detail
