// Choosing hosts: `FIELD=PATTERN` expressions, as given to `--filter`, ANDed together.
//
//   name=ios-00*      the host's name (a glob, see glob.hpp)
//   group=core        any of its groups, including groups of its groups
//   tag=faulty        any of its tags
//   platform=cisco_ios, address=10.1.*, port=22, username=admin
//   data.site=ams     a key of its data
//
// Every pattern is a glob, so text without * ? [ matches exactly. A host lacking the field
// (no such data key, no platform) does not match.
#pragma once

#include <inventory/host.hpp>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace inventory {

struct host_filter {
    enum class field { name, group, tag, platform, address, port, username, data };
    field what = field::name;
    std::string data_key; // when what == data
    std::string pattern;
};

struct filter_error {
    std::string message;
};

[[nodiscard]] std::variant<host_filter, filter_error> parse_filter(std::string_view expr);

[[nodiscard]] bool matches(const resolved_host& host, const host_filter& filter);

/// True when the host matches every filter (and so when there are none).
[[nodiscard]] bool matches_all(const resolved_host& host, const std::vector<host_filter>& filters);

} // namespace inventory
