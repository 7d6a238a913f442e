// Globs and --filter expressions.
#include "inventory_test_support.hpp"

#include <inventory/filter.hpp>
#include <inventory/glob.hpp>

using namespace inventory_test;
using inventory::glob_match;

namespace {

inventory::host_filter parsed(std::string_view expr) {
    auto r = inventory::parse_filter(expr);
    if (auto* e = std::get_if<inventory::filter_error>(&r)) {
        BOOST_FAIL(e->message);
    }
    return std::get<inventory::host_filter>(r);
}

std::string parse_error(std::string_view expr) {
    auto r = inventory::parse_filter(expr);
    BOOST_REQUIRE(std::holds_alternative<inventory::filter_error>(r));
    return std::get<inventory::filter_error>(r).message;
}

std::vector<std::string> selected(const inventory::host_list& hosts,
                                  const std::vector<std::string>& exprs) {
    std::vector<inventory::host_filter> filters;
    for (const auto& e : exprs) {
        filters.push_back(parsed(e));
    }
    std::vector<std::string> names;
    for (const auto& h : hosts) {
        if (inventory::matches_all(h, filters)) {
            names.push_back(h.name);
        }
    }
    return names;
}

constexpr std::string_view fleet = R"(defaults: {password: x}
groups:
  core: {groups: [wan]}
  wan: {}
hosts:
  ios-0001: {platform: ios, groups: [core], data: {site: ams}}
  ios-0002: {platform: cisco_ios, port: 2222, tags: [faulty], data: {site: lon}}
  eos-0001: {platform: arista_eos, groups: [wan], tags: [faulty], data: {site: ams}}
  linux-0001: {platform: linux, address: 10.1.2.3}
)";

using names = std::vector<std::string>;

} // namespace

BOOST_AUTO_TEST_SUITE(inventory_filter)

BOOST_AUTO_TEST_CASE(globs) {
    BOOST_TEST(glob_match("ios-00*", "ios-0001"));
    BOOST_TEST(!glob_match("ios-00*", "eos-0001"));
    BOOST_TEST(glob_match("*", ""));
    BOOST_TEST(glob_match("a*b*c", "aXbYbZc"));
    BOOST_TEST(!glob_match("a*b*c", "aXbYbZ"));
    BOOST_TEST(glob_match("r?", "r1"));
    BOOST_TEST(!glob_match("r?", "r"));
    BOOST_TEST(glob_match("r[0-4]", "r3"));
    BOOST_TEST(!glob_match("r[!0-4]", "r3"));
    BOOST_TEST(glob_match("r[!0-4]", "r7"));
    BOOST_TEST(glob_match("a\\*", "a*"));
    BOOST_TEST(!glob_match("a\\*", "ab"));
    BOOST_TEST(glob_match("[x", "[x")); // an unterminated class is literal
    BOOST_TEST(!glob_match("abc", "abcd"));
    // Many stars on a long non-matching text stay cheap (bounded backtracking).
    BOOST_TEST(!glob_match("*a*a*a*a*a*a*b", std::string(5000, 'a')));
}

BOOST_AUTO_TEST_CASE(each_filter_field) {
    const auto hosts = load_ok(fleet, no_reference_check());
    BOOST_TEST(selected(hosts, {"name=ios-00*"}) == (names{"ios-0001", "ios-0002"}));
    BOOST_TEST(selected(hosts, {"group=wan"}) == (names{"ios-0001", "eos-0001"})); // via core
    BOOST_TEST(selected(hosts, {"tag=faulty"}) == (names{"ios-0002", "eos-0001"}));
    BOOST_TEST(selected(hosts, {"platform=cisco_ios"}) == (names{"ios-0001", "ios-0002"}));
    BOOST_TEST(selected(hosts, {"platform=ios"}) == (names{"ios-0001", "ios-0002"}));
    BOOST_TEST(selected(hosts, {"data.site=ams"}) == (names{"ios-0001", "eos-0001"}));
    BOOST_TEST(selected(hosts, {"port=22"}) == (names{"ios-0001", "eos-0001", "linux-0001"}));
    BOOST_TEST(selected(hosts, {"address=10.1.*"}) == (names{"linux-0001"}));
    BOOST_TEST(selected(hosts, {"data.missing=*"}).empty());
}

BOOST_AUTO_TEST_CASE(filters_and_together) {
    const auto hosts = load_ok(fleet, no_reference_check());
    BOOST_TEST(selected(hosts, {"tag=faulty", "data.site=ams"}) == (names{"eos-0001"}));
    BOOST_TEST(selected(hosts, {"name=ios*", "tag=faulty", "port=2222"}) == (names{"ios-0002"}));
    BOOST_TEST(selected(hosts, {}).size() == 4u);
}

BOOST_AUTO_TEST_CASE(parse_errors_are_clear) {
    BOOST_TEST(parse_error("ios-00*").rfind("filter \"ios-00*\" has no '=': expected FIELD=PATTERN",
                                            0) == 0);
    BOOST_TEST(
        parse_error("colour=red").rfind("unknown filter field \"colour\" in \"colour=red\"", 0) ==
        0);
    BOOST_TEST(parse_error("tag=").rfind("filter \"tag=\" has an empty pattern", 0) == 0);
    BOOST_TEST(parse_error("data.=x").rfind("unknown filter field \"data.\"", 0) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
