#include "config_schema.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace sim::junos {
namespace {

constexpr std::array<std::string_view, 17> top_level{
    "access",           "applications",      "chassis",
    "class-of-service", "firewall",          "forwarding-options",
    "groups",           "interfaces",        "policy-options",
    "protocols",        "routing-instances", "routing-options",
    "security",         "services",          "snmp",
    "system",           "version",
};

// Followed by a name; several may sit side by side ("unit 0", "unit 1").
constexpr std::array<std::string_view, 17> named{
    "address", "area",     "community", "family",   "file",        "filter",           "group",
    "host",    "instance", "interface", "neighbor", "name-server", "policy-statement", "route",
    "server",  "term",     "unit",
};

// Followed by a value; at most one per container, the last "set" wins.
constexpr std::array<std::string_view, 32> valued{
    "any",
    "authentication-key",
    "authentication-order",
    "authorization",
    "autonomous-system",
    "class",
    "contact",
    "description",
    "domain-name",
    "encrypted-password",
    "export",
    "full-name",
    "hold-time",
    "host-name",
    "import",
    "interface-mode",
    "local-address",
    "location",
    "members",
    "message",
    "metric",
    "mtu",
    "native-vlan-id",
    "next-hop",
    "peer-as",
    "preference",
    "router-id",
    "speed",
    "time-zone",
    "uid",
    "version",
    "vlan-id",
};

template <std::size_t N>
bool is_in(const std::array<std::string_view, N>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

} // namespace

std::variant<config_path, path_error> parse_config_path(std::span<const token> words, bool from_top,
                                                        value_rule values, std::size_t line_end) {
    config_path path;
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string word = words[i].text;
        if (from_top && i == 0) {
            const auto match = match_keyword(word, top_level);
            if (match.result == keyword_match::outcome::ambiguous)
                return path_error{words[i].offset, "'" + word + "' is ambiguous."};
            if (match.result == keyword_match::outcome::none)
                return path_error{words[i].offset, "syntax error."};
            word = top_level[match.index];
        }
        const bool takes_name = is_in(named, word);
        const bool takes_value = is_in(valued, word);
        if (!takes_name && !takes_value) {
            path.push_back({word, std::nullopt});
            continue;
        }
        if (i + 1 == words.size()) {
            if (takes_name || values == value_rule::required)
                return path_error{line_end, "missing argument."};
            path.push_back({word, std::nullopt});
            continue;
        }
        const std::string& argument = words[++i].text;
        if (takes_name) {
            path.push_back({word + " " + config_word(argument), std::nullopt});
            continue;
        }
        if (i + 1 < words.size())
            return path_error{words[i + 1].offset, "syntax error."};
        path.push_back({word, argument});
    }
    return path;
}

} // namespace sim::junos
