#include <sim/fleet_mix.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

using sim::apportion;
using sim::fleet_mix;
using sim::mix_error;
using sim::parse_fleet_mix;
using sim::plan_fleet;

namespace {

constexpr const char* example = "cisco_ios=60,arista_eos=20,juniper_junos=10,linux=10";

fleet_mix mix_of(const std::string& spec) {
    auto r = parse_fleet_mix(spec);
    if (const auto* err = std::get_if<mix_error>(&r)) {
        BOOST_FAIL("unexpected error for \"" << spec << "\": " << err->message);
    }
    return std::get<fleet_mix>(r);
}

std::string error_of(const std::string& spec) {
    auto r = parse_fleet_mix(spec);
    BOOST_REQUIRE_MESSAGE(std::holds_alternative<mix_error>(r),
                          "expected an error for \"" << spec << "\"");
    return std::get<mix_error>(r).message;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

const std::vector<std::string> mixes = {
    example,
    "linux=1",
    "cisco_ios=1,cisco_nxos=1,arista_eos=1,juniper_junos=1,linux=1",
    "cisco_ios=3,linux=7",
    "cisco_ios=0,arista_eos=5,linux=1",
    "juniper_junos=999999,cisco_nxos=1",
    "cisco_nxos=1000000,cisco_ios=1000000,arista_eos=999999,juniper_junos=7,linux=0",
};

const std::vector<std::size_t> sizes = {0, 1, 2, 3, 7, 10, 99, 200, 1000, 9999, 10000, 10001};

} // namespace

BOOST_AUTO_TEST_SUITE(fleet_mix_parse)

BOOST_AUTO_TEST_CASE(parses_entries_in_spec_order) {
    const fleet_mix mix = mix_of(example);
    const auto& e = mix.entries();
    BOOST_REQUIRE_EQUAL(e.size(), 4u);
    BOOST_TEST(e[0].platform == "cisco_ios");
    BOOST_TEST(e[0].weight == 60u);
    BOOST_TEST(e[1].platform == "arista_eos");
    BOOST_TEST(e[2].platform == "juniper_junos");
    BOOST_TEST(e[3].platform == "linux");
    BOOST_TEST(e[3].weight == 10u);
    BOOST_TEST(mix.total_weight() == 100u);
}

BOOST_AUTO_TEST_CASE(spaces_around_tokens_are_allowed) {
    const fleet_mix mix = mix_of("  cisco_nxos = 3 ,\tlinux=1 ");
    BOOST_REQUIRE_EQUAL(mix.entries().size(), 2u);
    BOOST_TEST(mix.entries()[0].platform == "cisco_nxos");
    BOOST_TEST(mix.entries()[0].weight == 3u);
    BOOST_TEST(mix.entries()[1].weight == 1u);
}

BOOST_AUTO_TEST_CASE(unknown_platform_is_named) {
    const std::string msg = error_of("cisco_ios=5,cisco_xr=5");
    BOOST_TEST(contains(msg, "unknown platform \"cisco_xr\""));
    BOOST_TEST(contains(msg, "cisco_nxos")); // lists the known ones
    BOOST_TEST(contains(error_of("Cisco_IOS=1"), "\"Cisco_IOS\""));
}

BOOST_AUTO_TEST_CASE(duplicate_platform_is_named) {
    const std::string msg = error_of("linux=1,cisco_ios=2,linux=3");
    BOOST_TEST(contains(msg, "\"linux\""));
    BOOST_TEST(contains(msg, "more than once"));
}

BOOST_AUTO_TEST_CASE(empty_entries_are_located) {
    BOOST_TEST(contains(error_of("cisco_ios=60,,linux=10"), "empty entry #2"));
    BOOST_TEST(contains(error_of("cisco_ios=60,linux=10,"), "empty entry #3"));
    BOOST_TEST(contains(error_of(",linux=10"), "empty entry #1"));
    BOOST_TEST(contains(error_of("linux=1, ,eos=1"), "empty entry #2"));
    BOOST_TEST(contains(error_of(""), "empty"));
    BOOST_TEST(contains(error_of("   "), "empty"));
}

BOOST_AUTO_TEST_CASE(bad_weights_are_named) {
    for (const std::string bad : {"-1", "1.5", "abc", "", "+3", "1 0", "0x10", "1e3"}) {
        const std::string msg = error_of("cisco_ios=4,linux=" + bad);
        BOOST_TEST_CONTEXT("weight \"" << bad << "\"") {
            BOOST_TEST(contains(msg, "weight \"" + bad + "\""));
            BOOST_TEST(contains(msg, "linux"));
            BOOST_TEST(contains(msg, "not a non-negative integer"));
        }
    }
    const std::string msg = error_of("linux=99999999999999999999999");
    BOOST_TEST(contains(msg, "\"99999999999999999999999\""));
    BOOST_TEST(contains(msg, "exceeds the maximum 1000000"));
    BOOST_TEST(contains(error_of("linux=1000001"), "exceeds"));
    BOOST_TEST(mix_of("linux=1000000").entries()[0].weight == 1'000'000u);
    BOOST_TEST(mix_of("linux=007").entries()[0].weight == 7u);
}

BOOST_AUTO_TEST_CASE(entries_without_name_or_weight_are_named) {
    std::string msg = error_of("cisco_ios=1,arista_eos");
    BOOST_TEST(contains(msg, "\"arista_eos\""));
    BOOST_TEST(contains(msg, "no weight"));
    msg = error_of("=5");
    BOOST_TEST(contains(msg, "\"=5\""));
    BOOST_TEST(contains(msg, "no platform name"));
    BOOST_TEST(contains(error_of("garbage!!"), "\"garbage!!\""));
}

BOOST_AUTO_TEST_CASE(all_zero_weights_are_rejected) {
    BOOST_TEST(contains(error_of("linux=0,cisco_ios=0"), "are zero"));
    BOOST_TEST(mix_of("linux=0,cisco_ios=1").total_weight() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fleet_mix_plan)

BOOST_AUTO_TEST_CASE(counts_sum_to_n_and_stay_within_one_of_the_exact_share) {
    for (const auto& spec : mixes) {
        const fleet_mix mix = mix_of(spec);
        const std::uint64_t total = mix.total_weight();
        for (std::size_t n : sizes) {
            BOOST_TEST_CONTEXT("mix " << spec << ", n " << n) {
                const auto counts = apportion(n, mix);
                BOOST_REQUIRE_EQUAL(counts.size(), mix.entries().size());
                std::size_t sum = 0;
                for (std::size_t i = 0; i < counts.size(); ++i) {
                    sum += counts[i];
                    // |count - n*w/total| < 1, checked exactly in integers.
                    const auto scaled = static_cast<std::int64_t>(counts[i] * total);
                    const auto exact = static_cast<std::int64_t>(n * mix.entries()[i].weight);
                    BOOST_TEST(std::abs(scaled - exact) < static_cast<std::int64_t>(total));
                    if (mix.entries()[i].weight == 0) {
                        BOOST_TEST(counts[i] == 0u);
                    }
                }
                BOOST_TEST(sum == n);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(largest_remainder_with_ties_to_spec_order) {
    const fleet_mix mix = mix_of(example);
    BOOST_TEST(apportion(1000, mix) == (std::vector<std::size_t>{600, 200, 100, 100}));
    // 4.2, 1.4, 0.7, 0.7 -> floors 4,1,0,0; the two leftovers go to the 0.7s.
    BOOST_TEST(apportion(7, mix) == (std::vector<std::size_t>{4, 1, 1, 1}));
    // 0.6, 0.2, 0.1, 0.1 -> the largest remainder wins.
    BOOST_TEST(apportion(1, mix) == (std::vector<std::size_t>{1, 0, 0, 0}));
    // 0.5 each: the entry written first gets the extra device.
    BOOST_TEST(apportion(3, mix_of("linux=1,cisco_ios=1")) == (std::vector<std::size_t>{2, 1}));
    BOOST_TEST(apportion(3, mix_of("cisco_ios=1,linux=1")) == (std::vector<std::size_t>{2, 1}));
    BOOST_TEST(plan_fleet(1, mix_of("linux=1,cisco_ios=1"))[0].platform == "linux");
    BOOST_TEST(plan_fleet(1, mix_of("cisco_ios=1,linux=1"))[0].platform == "cisco_ios");
    // 2.5 each for n = 10: the two entries written first get the extra devices.
    BOOST_TEST(apportion(10, mix_of("linux=1,arista_eos=1,cisco_ios=1,cisco_nxos=1")) ==
               (std::vector<std::size_t>{3, 3, 2, 2}));
}

BOOST_AUTO_TEST_CASE(plan_matches_counts_and_names_are_unique_and_padded) {
    for (const auto& spec : mixes) {
        const fleet_mix mix = mix_of(spec);
        for (std::size_t n : sizes) {
            BOOST_TEST_CONTEXT("mix " << spec << ", n " << n) {
                const auto plan = plan_fleet(n, mix);
                BOOST_REQUIRE_EQUAL(plan.size(), n);
                const auto counts = apportion(n, mix);
                const std::size_t width = n >= 10000 ? 5 : 4;

                std::map<std::string, std::size_t> per_platform;
                std::set<std::string> names;
                for (const auto& d : plan) {
                    const std::size_t ordinal = ++per_platform[d.platform];
                    // Names count up from 1 within the platform, in plan order.
                    const auto dash = d.name.find('-');
                    BOOST_REQUIRE(dash != std::string::npos);
                    const std::string number = d.name.substr(dash + 1);
                    BOOST_TEST(number.size() == width);
                    BOOST_TEST(std::stoul(number) == ordinal);
                    names.insert(d.name);
                }
                BOOST_TEST(names.size() == n);
                for (std::size_t i = 0; i < counts.size(); ++i) {
                    BOOST_TEST(per_platform[mix.entries()[i].platform] == counts[i]);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(names_use_the_platform_prefixes) {
    const auto plan =
        plan_fleet(5, mix_of("cisco_ios=1,cisco_nxos=1,arista_eos=1,juniper_junos=1,linux=1"));
    const std::vector<sim::planned_device> expected = {
        {"ios-0001", "cisco_ios"},       {"nxos-0001", "cisco_nxos"}, {"eos-0001", "arista_eos"},
        {"junos-0001", "juniper_junos"}, {"linux-0001", "linux"},
    };
    BOOST_TEST((plan == expected));

    const auto big = plan_fleet(10001, mix_of(example));
    BOOST_TEST(big.front().name == "ios-00001");
    const auto small = plan_fleet(9999, mix_of(example));
    BOOST_TEST(small.front().name == "ios-0001");
}

BOOST_AUTO_TEST_CASE(plan_is_deterministic) {
    for (const auto& spec : mixes) {
        for (std::size_t n : {7u, 1000u, 10001u}) {
            BOOST_TEST((plan_fleet(n, mix_of(spec)) == plan_fleet(n, mix_of(spec))));
        }
    }
}

BOOST_AUTO_TEST_CASE(plan_is_interleaved) {
    // With 60/20/10/10 every block of 10 holds 6, 2, 1 and 1 devices.
    const auto plan = plan_fleet(1000, mix_of(example));
    for (std::size_t block = 0; block < 100; ++block) {
        std::map<std::string, int> seen;
        for (std::size_t i = block * 10; i < block * 10 + 10; ++i) {
            ++seen[plan[i].platform];
        }
        BOOST_TEST(seen["cisco_ios"] == 6);
        BOOST_TEST(seen["arista_eos"] == 2);
        BOOST_TEST(seen["juniper_junos"] == 1);
        BOOST_TEST(seen["linux"] == 1);
    }

    // Any prefix stays close to the overall mix.
    const auto odd = plan_fleet(997, mix_of("cisco_ios=3,linux=7,cisco_nxos=0,arista_eos=2"));
    const auto counts = apportion(997, mix_of("cisco_ios=3,linux=7,cisco_nxos=0,arista_eos=2"));
    std::map<std::string, std::size_t> seen;
    double worst = 0;
    for (std::size_t k = 1; k <= odd.size(); ++k) {
        ++seen[odd[k - 1].platform];
        const double ios =
            static_cast<double>(seen["cisco_ios"]) - static_cast<double>(k * counts[0]) / 997.0;
        const double lin =
            static_cast<double>(seen["linux"]) - static_cast<double>(k * counts[1]) / 997.0;
        worst = std::max({worst, std::abs(ios), std::abs(lin)});
    }
    BOOST_TEST(worst < 2.0);
    BOOST_TEST(seen["cisco_nxos"] == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
