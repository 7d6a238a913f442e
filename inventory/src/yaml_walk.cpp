#include "layer.hpp"

#include <inventory/yaml_walk.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace inventory {
using detail::report;

std::string shown_path(const std::filesystem::path& path) {
    return path.lexically_normal().string();
}

std::optional<std::string> read_text_file(const std::filesystem::path& path, std::string_view what,
                                          std::uintmax_t max_size, error_list& errors) {
    const std::string shown = shown_path(path);
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        report(errors, source_mark{shown, 0, 0},
               "cannot read " + std::string(what) + ": " + ec.message());
        return std::nullopt;
    }
    if (size > max_size) {
        report(errors, source_mark{shown, 0, 0},
               std::string(what) + " is larger than " + std::to_string(max_size) + " bytes");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        report(errors, source_mark{shown, 0, 0}, "cannot read " + std::string(what));
        return std::nullopt;
    }
    return std::move(text).str();
}

std::optional<YAML::Node> parse_yaml(std::string_view yaml, const std::string& file,
                                     error_list& errors) {
    try {
        return YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
        const source_mark at = e.mark.is_null()
                                   ? source_mark{file, 0, 0}
                                   : source_mark{file, static_cast<std::size_t>(e.mark.line) + 1,
                                                 static_cast<std::size_t>(e.mark.column) + 1};
        report(errors, at, "YAML syntax error: " + e.msg);
        return std::nullopt;
    }
}

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

} // namespace inventory
