#include "document_reader.hpp"
#include "resolve.hpp"
#include "validate.hpp"

#include <inventory/load.hpp>
#include <inventory/yaml_walk.hpp>

#include <algorithm>
#include <system_error>
#include <tuple>

namespace inventory {
namespace {

namespace fs = std::filesystem;

load_result finish(const detail::document& doc, error_list errors, const load_options& options) {
    const auto groups = detail::index_groups(doc);
    detail::check_document(doc, groups, options, errors);
    host_list hosts;
    hosts.reserve(doc.hosts.size());
    for (const auto& h : doc.hosts) {
        hosts.push_back(detail::resolve_host(h, doc, groups));
        detail::check_resolved(hosts.back(), options, errors);
    }
    if (errors.empty()) {
        return hosts;
    }
    // In file order, whichever check found them.
    std::stable_sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) {
        return std::tie(a.mark.file, a.mark.line, a.mark.column) <
               std::tie(b.mark.file, b.mark.line, b.mark.column);
    });
    const std::size_t cap = std::max<std::size_t>(options.max_errors, 1);
    if (errors.size() > cap) {
        const std::size_t more = errors.size() - cap;
        errors.resize(cap);
        errors.push_back(inventory_error{source_mark{errors.front().mark.file, 0, 0},
                                         std::to_string(more) + " more errors not shown"});
    }
    return errors;
}

} // namespace

std::vector<std::string> default_platforms() {
    return {"cisco_ios", "cisco_nxos", "arista_eos", "juniper_junos", "linux"};
}

load_result load_inventory(const fs::path& path, const load_options& options) {
    error_list errors;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        const auto doc = detail::read_nornir_folder(path, errors);
        return finish(doc, std::move(errors), options);
    }
    const auto text =
        read_text_file(path, "the inventory", detail::max_inventory_file_size, errors);
    if (!text) {
        return errors;
    }
    const auto doc = detail::read_single_file(*text, path.lexically_normal().string(),
                                              fs::absolute(path, ec).parent_path(), errors);
    return finish(doc, std::move(errors), options);
}

load_result load_inventory_text(std::string_view yaml, const fs::path& file_name,
                                const load_options& options) {
    error_list errors;
    std::error_code ec;
    const auto doc = detail::read_single_file(yaml, file_name.string(),
                                              fs::absolute(file_name, ec).parent_path(), errors);
    return finish(doc, std::move(errors), options);
}

} // namespace inventory
