// Fault and quirk specs: parsing, checking, and which devices they land on.
#include <sim/behaviours.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>

namespace {

std::vector<sim::planned_device> fleet_of(std::size_t n) {
    auto mix = sim::parse_fleet_mix("cisco_ios=60,arista_eos=20,juniper_junos=10,linux=10");
    return sim::plan_fleet(n, std::get<sim::fleet_mix>(mix));
}

std::vector<sim::behaviour_entry> parse(std::string_view spec, sim::spec_kind kind) {
    auto r = sim::parse_behaviours(spec, kind);
    if (auto* e = std::get_if<sim::spec_error>(&r))
        BOOST_FAIL("unexpected error: " << e->message);
    return std::get<0>(r);
}

std::string error_of(std::string_view spec, sim::spec_kind kind) {
    auto r = sim::parse_behaviours(spec, kind);
    auto* e = std::get_if<sim::spec_error>(&r);
    BOOST_REQUIRE_MESSAGE(e, "no error for " << spec);
    return e->message;
}

std::vector<sim::device_behaviour> apply(std::string_view spec, sim::spec_kind kind,
                                         const std::vector<sim::planned_device>& fleet,
                                         std::uint64_t seed = 7) {
    std::vector<sim::device_behaviour> out(fleet.size());
    auto err = sim::apply_behaviours(parse(spec, kind), fleet, seed, out);
    BOOST_REQUIRE_MESSAGE(!err, (err ? err->message : ""));
    return out;
}

std::size_t count_if(const std::vector<sim::device_behaviour>& v, bool sim::device_behaviour::*f) {
    return static_cast<std::size_t>(
        std::count_if(v.begin(), v.end(), [&](const auto& b) { return b.*f; }));
}

} // namespace

BOOST_AUTO_TEST_SUITE(sim_behaviours)

BOOST_AUTO_TEST_CASE(parses_kinds_values_and_targets) {
    const auto e =
        parse(" latency = 300ms @ ios-0001 , 5% ; auth-reject ;", sim::spec_kind::faults);
    BOOST_REQUIRE_EQUAL(e.size(), 2u);
    BOOST_TEST(e[0].kind == "latency");
    BOOST_TEST(e[0].value == "300ms");
    BOOST_TEST((e[0].targets == std::vector<std::string>{"ios-0001", "5%"}));
    BOOST_TEST(e[1].kind == "auth-reject");
    BOOST_TEST(e[1].targets.empty());
    BOOST_TEST(parse("", sim::spec_kind::quirks).empty());
}

BOOST_AUTO_TEST_CASE(rejects_bad_specs_naming_the_entry) {
    BOOST_TEST(error_of("teleport@1%", sim::spec_kind::faults).find("\"teleport\"") !=
               std::string::npos);
    // A quirk is not a fault, and the other way round.
    BOOST_TEST(!error_of("single-exec", sim::spec_kind::faults).empty());
    BOOST_TEST(!error_of("hang", sim::spec_kind::quirks).empty());
    BOOST_TEST(error_of("latency=fast", sim::spec_kind::faults).find("latency") !=
               std::string::npos);
    BOOST_TEST(!error_of("latency", sim::spec_kind::faults).empty()); // needs a value
    BOOST_TEST(!error_of("hang=3", sim::spec_kind::faults).empty());  // takes none
    BOOST_TEST(!error_of("conn-limit=0", sim::spec_kind::faults).empty());
    BOOST_TEST(!error_of("hang@101%", sim::spec_kind::faults).empty());
    BOOST_TEST(!error_of("hang@ios-0001,", sim::spec_kind::faults).empty());
}

BOOST_AUTO_TEST_CASE(values_land_in_the_device_behaviour) {
    const auto fleet = fleet_of(10);
    const auto b =
        apply("latency=2s;trickle=512;conn-limit=3;drop-output", sim::spec_kind::faults, fleet);
    BOOST_TEST(b[4].latency.count() == 2000);
    BOOST_TEST(b[4].trickle_bytes_per_second == 512u);
    BOOST_TEST(b[4].connection_limit.value_or(0) == 3u);
    BOOST_TEST(b[4].drop_output);
    BOOST_TEST(b[4].faulty());
    BOOST_TEST(b[4].describe() == "latency=2000ms,drop-output,trickle=512,conn-limit=3");
    const auto q = apply("banner;motd=Hello there;max-sessions=2", sim::spec_kind::quirks, fleet);
    BOOST_TEST(q[0].banner.has_value());
    BOOST_TEST(q[0].motd.value_or("") == "Hello there");
    BOOST_TEST(q[0].max_sessions.value_or(0) == 2u);
    BOOST_TEST(!q[0].faulty());
}

BOOST_AUTO_TEST_CASE(share_is_exact_and_follows_the_seed) {
    const auto fleet = fleet_of(200);
    const auto a = apply("auth-reject@5%", sim::spec_kind::faults, fleet, 7);
    const auto again = apply("auth-reject@5%", sim::spec_kind::faults, fleet, 7);
    const auto other = apply("auth-reject@5%", sim::spec_kind::faults, fleet, 8);
    BOOST_TEST(count_if(a, &sim::device_behaviour::auth_reject) == 10u);
    BOOST_TEST(count_if(other, &sim::device_behaviour::auth_reject) == 10u);
    std::vector<bool> picked, picked_again, picked_other;
    for (std::size_t i = 0; i < fleet.size(); ++i) {
        picked.push_back(a[i].auth_reject);
        picked_again.push_back(again[i].auth_reject);
        picked_other.push_back(other[i].auth_reject);
    }
    BOOST_TEST((picked == picked_again));
    BOOST_TEST((picked != picked_other)); // 10 of 200 chosen twice alike: odds ~1e-16
    // A small share of a small fleet still picks one device.
    BOOST_TEST(count_if(apply("hang@1%", sim::spec_kind::faults, fleet_of(10)),
                        &sim::device_behaviour::hang) == 1u);
}

BOOST_AUTO_TEST_CASE(platforms_names_and_globs) {
    const auto fleet = fleet_of(20);
    const auto b = apply("single-exec@cisco_ios;odd-prompt@eos-000*,linux-0002",
                         sim::spec_kind::quirks, fleet);
    for (std::size_t i = 0; i < fleet.size(); ++i) {
        BOOST_TEST(b[i].single_exec == (fleet[i].platform == "cisco_ios"), fleet[i].name);
        const bool odd = fleet[i].name.starts_with("eos-000") || fleet[i].name == "linux-0002";
        BOOST_TEST(b[i].odd_prompt == odd, fleet[i].name);
    }
    std::vector<sim::device_behaviour> out(fleet.size());
    auto err = sim::apply_behaviours(parse("hang@router-*", sim::spec_kind::faults), fleet, 1, out);
    BOOST_REQUIRE(err.has_value());
    BOOST_TEST(err->message.find("router-*") != std::string::npos);
    BOOST_TEST(count_if(out, &sim::device_behaviour::hang) == 0u); // nothing changed
}

BOOST_AUTO_TEST_SUITE_END()
