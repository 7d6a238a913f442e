#pragma once

namespace ssh::crypto {

// Where an algorithm stands in the registry (ssh-conformance.md §10): default ones are
// offered unless removed; optional and legacy ones only when configured by name.
enum class algorithm_tier { default_on, optional, legacy };

} // namespace ssh::crypto
