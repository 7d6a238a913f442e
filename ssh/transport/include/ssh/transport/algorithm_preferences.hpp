#pragma once
// What a client offers, in which order (ssh-conformance.md §10): the default lists hold only
// default-tier algorithms, modern first; users change them per connection with OpenSSH's
// list syntax. Which algorithms exist is the crypto registry's business, not this file's.

#include <ssh/transport/kexinit.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace ssh::transport {

enum class algorithm_category { kex, host_key, cipher, mac };

// The default offer of a client: the same cipher and MAC lists in both directions,
// compression "none" only.
algorithm_lists default_client_offer();

// Every name of a category that the registry knows, legacy ones included, in registry order.
name_list supported_algorithms(algorithm_category category);

// Applies an OpenSSH-style list (ssh_config(5) KexAlgorithms and friends) to `current`:
//   "a,b"   replaces the list;          "+a,b" appends those not already present;
//   "-a,b"  removes them;               "^a,b" puts them first, in the given order.
// Names may use the wildcards * and ?, matched against supported_algorithms(category).
// Returns nullopt and sets `error` (naming the bad entry) when a name is unknown, a pattern
// matches nothing, or the result would be empty.
std::optional<name_list> apply_algorithm_spec(const name_list& current, algorithm_category category,
                                              std::string_view spec, std::string& error);

} // namespace ssh::transport
