#include "document_reader.hpp"

#include "layer_reader.hpp"

#include <inventory/yaml_walk.hpp>

#include <yaml-cpp/yaml.h>

namespace inventory::detail {
namespace {

namespace fs = std::filesystem;

/// A map of name -> fields: the hosts or the groups.
void read_named(const YAML::Node& map, origin::level level, std::string_view what,
                const read_context& ctx, std::vector<layer>& out) {
    if (map.IsNull()) {
        return;
    }
    if (!map.IsMap()) {
        report(*ctx.errors, mark_of(map, ctx.file),
               std::string(what) + "s must be a map of names to fields, not " +
                   std::string(kind_of(map)));
        return;
    }
    for_each_entry(map, ctx.file, what, "", *ctx.errors,
                   [&](const std::string& name, const YAML::Node& key, const YAML::Node& body) {
                       layer l;
                       l.level = level;
                       l.name = name;
                       l.mark = mark_of(key, ctx.file);
                       read_layer(body, ctx, l);
                       out.push_back(std::move(l));
                   });
}

layer read_defaults(const YAML::Node& body, const YAML::Node& at, const read_context& ctx) {
    layer l;
    l.level = origin::level::defaults;
    l.mark = mark_of(at, ctx.file);
    if (l.mark.line == 0) {
        l.mark = source_mark{ctx.file, 1, 1};
    }
    read_layer(body, ctx, l);
    return l;
}

} // namespace

document read_single_file(std::string_view yaml, const std::string& file, const fs::path& base_dir,
                          error_list& errors) {
    document doc;
    doc.base_dir = base_dir;
    const read_context ctx{file, base_dir, &errors};
    const auto root = parse_yaml(yaml, file, errors);
    if (!root) {
        return doc;
    }
    if (!root->IsMap()) {
        report(errors, source_mark{file, 1, 1},
               "an inventory must be a map with hosts (and optionally groups and defaults), "
               "not " +
                   std::string(kind_of(*root)));
        return doc;
    }
    bool has_hosts = false;
    for_each_entry(*root, file, "section", "", errors,
                   [&](const std::string& name, const YAML::Node& key, const YAML::Node& body) {
                       if (name == "hosts") {
                           has_hosts = true;
                           read_named(body, origin::level::host, "host", ctx, doc.hosts);
                       } else if (name == "groups") {
                           read_named(body, origin::level::group, "group", ctx, doc.groups);
                       } else if (name == "defaults") {
                           doc.defaults = read_defaults(body, key, ctx);
                       } else {
                           report(errors, mark_of(key, file),
                                  "unknown section \"" + name +
                                      "\" (sections: defaults, groups, hosts)");
                       }
                   });
    if (!has_hosts) {
        report(errors, source_mark{file, 1, 1}, "the inventory has no hosts section");
    }
    return doc;
}

document read_nornir_folder(const fs::path& folder, error_list& errors) {
    document doc;
    doc.base_dir = folder;
    const auto load = [&](const char* name, bool required) -> std::optional<YAML::Node> {
        const fs::path path = folder / name;
        std::error_code ec;
        if (!required && !fs::exists(path, ec)) {
            return std::nullopt;
        }
        const auto text = read_text_file(path, "the inventory", max_inventory_file_size, errors);
        return text ? parse_yaml(*text, shown_path(path), errors) : std::nullopt;
    };
    const auto context = [&](const char* name) {
        return read_context{shown_path(folder / name), folder, &errors};
    };
    if (const auto hosts = load("hosts.yaml", true)) {
        read_named(*hosts, origin::level::host, "host", context("hosts.yaml"), doc.hosts);
    }
    if (const auto groups = load("groups.yaml", false)) {
        read_named(*groups, origin::level::group, "group", context("groups.yaml"), doc.groups);
    }
    if (const auto defaults = load("defaults.yaml", false)) {
        doc.defaults = read_defaults(*defaults, *defaults, context("defaults.yaml"));
    }
    return doc;
}

} // namespace inventory::detail
