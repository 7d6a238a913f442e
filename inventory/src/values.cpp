#include "values.hpp"

#include <array>
#include <utility>

namespace inventory {

std::optional<std::uint64_t> parse_unsigned(std::string_view text) {
    // 18 digits always fit in 64 bits, and no inventory value needs more.
    if (text.empty() || text.size() > 18) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
    constexpr std::uint64_t day_ms = 24ULL * 60 * 60 * 1000;
    std::uint64_t scale = 1000;
    if (text.size() > 2 && text.substr(text.size() - 2) == "ms") {
        scale = 1;
        text.remove_suffix(2);
    } else if (text.size() > 1 && text.back() == 's') {
        text.remove_suffix(1);
    } else if (text.size() > 1 && text.back() == 'm') {
        scale = 60'000;
        text.remove_suffix(1);
    }
    const auto number = parse_unsigned(text);
    if (!number || *number == 0 || *number > day_ms / scale) {
        return std::nullopt;
    }
    return std::chrono::milliseconds(*number * scale);
}

} // namespace inventory

namespace inventory::detail {

std::optional<host_key_policy> parse_host_key_policy(std::string_view text) {
    static constexpr std::array<std::pair<std::string_view, host_key_policy>, 4> names{{
        {"strict", host_key_policy::strict},
        {"accept-new", host_key_policy::accept_new},
        {"auto-add", host_key_policy::auto_add},
        {"off", host_key_policy::off},
    }};
    for (const auto& [name, policy] : names) {
        if (name == text) {
            return policy;
        }
    }
    return std::nullopt;
}

std::string canonical_platform(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> aliases{{
        {"ios", "cisco_ios"},
        {"nxos", "cisco_nxos"},
        {"eos", "arista_eos"},
        {"junos", "juniper_junos"},
    }};
    for (const auto& [alias, canonical] : aliases) {
        if (alias == name) {
            return std::string(canonical);
        }
    }
    return std::string(name);
}

} // namespace inventory::detail
