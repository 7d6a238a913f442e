#include "layer.hpp"

#include <inventory/host.hpp>
#include <inventory/load.hpp>

namespace inventory {

std::string source_mark::text() const {
    if (line == 0) {
        return file;
    }
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string origin::text() const {
    switch (from) {
    case level::host:
        return "host";
    case level::group:
        return "group " + group;
    default:
        return "defaults";
    }
}

std::string inventory_error::text() const {
    return mark.text() + ": " + message;
}

std::string_view to_string(host_key_policy p) {
    switch (p) {
    case host_key_policy::strict:
        return "strict";
    case host_key_policy::accept_new:
        return "accept-new";
    case host_key_policy::auto_add:
        return "auto-add";
    default:
        return "off";
    }
}

bool credential::only_references() const {
    // Every character must sit inside a ${scheme:...} reference. "$${" is an escaped literal.
    std::size_t i = 0;
    while (i < text_.size()) {
        if (text_.compare(i, 2, "${") != 0) {
            return false;
        }
        const std::size_t close = text_.find('}', i + 2);
        if (close == std::string::npos) {
            return false;
        }
        i = close + 1;
    }
    return !text_.empty();
}

std::string credential::shown() const {
    return only_references() ? text_ : std::string(secret::masked());
}

secret_result credential::resolve(const std::filesystem::path& base_dir) const {
    return resolve_secret(text_, base_dir);
}

namespace detail {

void report(error_list& errors, source_mark mark, std::string message) {
    errors.push_back(inventory_error{std::move(mark), std::move(message)});
}

} // namespace detail
} // namespace inventory
