// Parsers for the inventory's scalar values (private to inventory/). Each returns nullopt
// for text it does not accept; the caller words the error, since it knows the field.
#pragma once

#include <inventory/host.hpp>
#include <inventory/yaml_walk.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace inventory::detail {

/// "strict", "accept-new", "auto-add", "off" (not "ask": nobody is there to answer).
[[nodiscard]] std::optional<host_key_policy> parse_host_key_policy(std::string_view text);

/// Nornir's short platform names mapped to fleetsh's (ios -> cisco_ios, ...); other names
/// are returned as they are.
[[nodiscard]] std::string canonical_platform(std::string_view name);

} // namespace inventory::detail
