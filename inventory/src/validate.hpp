// Checks that need the whole document or the resolved hosts (private to inventory/): group
// references and cycles, platforms, credentials and their references.
#pragma once

#include "layer.hpp"
#include "resolve.hpp"

#include <inventory/load.hpp>

namespace inventory::detail {

/// Unknown groups (on hosts and groups), group cycles, unknown platforms on any layer.
void check_document(const document& doc, const group_index& groups, const load_options& options,
                    error_list& errors);

/// After inheritance: a password or a key, and (when asked) references that resolve.
void check_resolved(const resolved_host& host, const load_options& options, error_list& errors);

} // namespace inventory::detail
