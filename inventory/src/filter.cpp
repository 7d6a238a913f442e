#include "values.hpp"

#include <inventory/filter.hpp>
#include <inventory/glob.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace inventory {
namespace {

using field = host_filter::field;

constexpr std::string_view usage =
    "expected FIELD=PATTERN with FIELD one of name, group, tag, platform, address, port, "
    "username, data.KEY (e.g. name=ios-00*, group=core, tag=faulty, data.site=ams)";

bool any_matches(const std::vector<std::string>& values, const std::string& pattern) {
    return std::any_of(values.begin(), values.end(),
                       [&](const std::string& v) { return glob_match(pattern, v); });
}

} // namespace

std::variant<host_filter, filter_error> parse_filter(std::string_view expr) {
    const std::size_t eq = expr.find('=');
    if (eq == std::string_view::npos) {
        return filter_error{"filter \"" + std::string(expr) +
                            "\" has no '=': " + std::string(usage)};
    }
    const std::string_view name = expr.substr(0, eq);
    host_filter f;
    f.pattern = std::string(expr.substr(eq + 1));
    if (f.pattern.empty()) {
        return filter_error{"filter \"" + std::string(expr) +
                            "\" has an empty pattern: " + std::string(usage)};
    }
    static constexpr std::array<std::pair<std::string_view, field>, 7> fields{{
        {"name", field::name},
        {"group", field::group},
        {"tag", field::tag},
        {"platform", field::platform},
        {"address", field::address},
        {"port", field::port},
        {"username", field::username},
    }};
    for (const auto& [text, what] : fields) {
        if (name == text) {
            f.what = what;
            if (what == field::platform) {
                f.pattern = detail::canonical_platform(f.pattern); // ios means cisco_ios
            }
            return f;
        }
    }
    constexpr std::string_view data_prefix = "data.";
    if (name.size() > data_prefix.size() && name.substr(0, data_prefix.size()) == data_prefix) {
        f.what = field::data;
        f.data_key = std::string(name.substr(data_prefix.size()));
        return f;
    }
    return filter_error{"unknown filter field \"" + std::string(name) + "\" in \"" +
                        std::string(expr) + "\": " + std::string(usage)};
}

bool matches(const resolved_host& host, const host_filter& f) {
    switch (f.what) {
    case field::name:
        return glob_match(f.pattern, host.name);
    case field::group:
        return any_matches(host.all_groups, f.pattern);
    case field::tag:
        return any_matches(host.tags, f.pattern);
    case field::platform:
        return !host.platform.empty() && glob_match(f.pattern, host.platform);
    case field::address:
        return glob_match(f.pattern, host.address);
    case field::port:
        return glob_match(f.pattern, std::to_string(host.port));
    case field::username:
        return !host.username.empty() && glob_match(f.pattern, host.username);
    case field::data: {
        const auto it = host.data.find(f.data_key);
        return it != host.data.end() && glob_match(f.pattern, it->second);
    }
    }
    return false;
}

bool matches_all(const resolved_host& host, const std::vector<host_filter>& filters) {
    return std::all_of(filters.begin(), filters.end(),
                       [&](const host_filter& f) { return matches(host, f); });
}

} // namespace inventory
