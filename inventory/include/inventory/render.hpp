// Inventories for people and programs. Secrets appear as their reference text
// (${env:NAME}) or as "********", never as their value.
#pragma once

#include <inventory/host.hpp>

#include <string>
#include <utility>
#include <vector>

namespace inventory {

/// One line per field a host has: (field name as in resolved_host::sources, shown value).
/// Shared by the text and JSON renderings so that both list the same fields.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> host_fields(const resolved_host& h);

/// A table: NAME, ADDRESS (address:port), PLATFORM, GROUPS, TAGS.
[[nodiscard]] std::string render_table(const std::vector<resolved_host>& hosts);

/// Every field of one host with where it came from ("group core  inventory.yaml:12:5").
[[nodiscard]] std::string render_host(const resolved_host& host);

/// [{"name","address","port","platform","groups","tags"}, ...]
[[nodiscard]] std::string render_table_json(const std::vector<resolved_host>& hosts);

/// {"name", "fields": {field: {"value", "from", "at"}}, "groups", "all_groups", "tags"}
[[nodiscard]] std::string render_host_json(const resolved_host& host);

} // namespace inventory
