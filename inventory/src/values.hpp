// Parsers for the inventory's scalar values (private to inventory/). Each returns nullopt
// for text it does not accept; the caller words the error, since it knows the field.
#pragma once

#include <inventory/host.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace inventory::detail {

/// "30" (seconds), "30s", "500ms": a positive duration of at most a day.
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

/// Decimal digits only; nullopt when `text` is not an integer at all (or too long to be one).
[[nodiscard]] std::optional<std::uint64_t> parse_unsigned(std::string_view text);

/// "strict", "accept-new", "auto-add", "off" (not "ask": nobody is there to answer).
[[nodiscard]] std::optional<host_key_policy> parse_host_key_policy(std::string_view text);

/// Nornir's short platform names mapped to fleetsh's (ios -> cisco_ios, ...); other names
/// are returned as they are.
[[nodiscard]] std::string canonical_platform(std::string_view name);

} // namespace inventory::detail
