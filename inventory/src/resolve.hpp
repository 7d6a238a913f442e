// Inheritance (private to inventory/): a host's values come from the host, then its groups
// in order (each group followed by its own groups, depth first, each group once), then the
// defaults. Unknown groups are skipped here; validation reports them.
#pragma once

#include "layer.hpp"

#include <map>
#include <string>
#include <vector>

namespace inventory::detail {

using group_index = std::map<std::string, const layer*>;

[[nodiscard]] group_index index_groups(const document& doc);

/// The host's groups in resolution order.
[[nodiscard]] std::vector<const layer*> group_order(const layer& host, const group_index& groups);

[[nodiscard]] resolved_host resolve_host(const layer& host, const document& doc,
                                         const group_index& groups);

} // namespace inventory::detail
