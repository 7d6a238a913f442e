// The collection job end to end on a simulated fleet with faults: every healthy device's
// files are byte-identical to what its model says; every faulty one has the right error
// class; summary.json accounts for every device.
#include "sim_support.hpp"

#include <engine/fleet_runner.hpp>
#include <jobs/collect.hpp>

#include <boost/json.hpp>

using sim_support::running_fleet;
using namespace std::chrono_literals;

namespace {

const std::map<std::string, std::vector<std::string>> commands_of = {
    {"cisco_ios", {"show version", "show ip interface brief", "show running-config"}},
    {"arista_eos", {"show version", "show interfaces"}},
    {"juniper_junos", {"show version", "show interfaces terse"}},
    {"linux", {"uname -a", "cat /etc/os-release"}},
};

} // namespace

BOOST_AUTO_TEST_SUITE(collect_job)

BOOST_AUTO_TEST_CASE(faulty_fleet_collected_in_full) {
    sim::fleet_options o;
    o.devices = 60;
    o.seed = 11;
    o.host_key_types = {ssh::crypto::key_type::ed25519};
    o.faults =
        "auth-reject@ios-0002;hang@eos-0001;drop-output@linux-0001;hostkey-change@junos-0001";
    running_fleet f(o);
    const std::map<std::string, std::string> expected_class = {{"ios-0002", "auth_failed"},
                                                               {"eos-0001", "command_timeout"},
                                                               {"linux-0001", "connection_reset"},
                                                               {"junos-0001", "host_key_mismatch"}};
    std::vector<jobs::collect_target> targets;
    for (const auto& d : f.devices()) {
        jobs::collect_target t{d.profile.name, d.address, d.port, d.profile.platform, {}};
        t.plan.connection = f.client_options(d);
        t.plan.driver = engine::driver_registry::shipped().find(d.profile.platform);
        t.plan.enable_secret = "enable";
        t.plan.commands = commands_of.at(d.profile.platform);
        t.plan.command_timeout = 2s;
        targets.push_back(std::move(t));
    }
    test_common::temp_dir out;
    engine::run_limits limits;
    limits.concurrency = 16;
    engine::retry_policy retries;
    retries.first_delay = 10ms;
    engine::fleet_runner runner{limits, retries};
    jobs::collect_options options;
    options.out = out.path();
    std::atomic<int> reported{0};
    options.on_device = [&](const jobs::device_record&) { ++reported; };
    const auto outcome = jobs::run_collect(targets, options, runner);

    BOOST_TEST(outcome.exit_code == 1); // some devices failed
    BOOST_TEST(!outcome.error);
    BOOST_TEST(reported == 60);
    const auto summary =
        boost::json::parse(test_common::read_file(outcome.run_folder / "summary.json"));
    BOOST_TEST(summary.at("devices_total").as_int64() == 60);
    BOOST_TEST(summary.at("devices_failed").as_int64() == 4);
    BOOST_TEST(summary.at("devices_ok").as_int64() == 56);
    BOOST_TEST(std::filesystem::equivalent(out / "latest", outcome.run_folder));
    for (const auto& d : summary.at("devices").as_array()) {
        const std::string name(d.at("name").as_string());
        const auto* device = f.devices().data();
        for (const auto& candidate : f.devices())
            if (candidate.profile.name == name)
                device = &candidate;
        if (auto it = expected_class.find(name); it != expected_class.end()) {
            BOOST_TEST(d.at("status").as_string() == "failed", name);
            BOOST_TEST(d.at("error_class").as_string() == it->second, name);
            continue;
        }
        BOOST_TEST(d.at("status").as_string() == "ok", name << ": " << d);
        auto model = sim::make_device_model(device->profile, sim::sim_clock::now());
        const auto& files = d.at("commands").as_array();
        const auto& expected = commands_of.at(device->profile.platform);
        BOOST_REQUIRE_EQUAL(files.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const auto path = outcome.run_folder / std::string(files[i].at("file").as_string());
            BOOST_TEST(test_common::read_file(path) ==
                           model->exec(expected[i], sim::sim_clock::now()).out,
                       name << ": " << expected[i]);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
