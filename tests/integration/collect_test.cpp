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

std::vector<jobs::collect_target> targets_of(const running_fleet& f,
                                             std::chrono::milliseconds command_timeout,
                                             std::chrono::milliseconds device_timeout) {
    std::vector<jobs::collect_target> targets;
    for (const auto& d : f.devices()) {
        jobs::collect_target t{d.profile.name, d.address, d.port, d.profile.platform, {}};
        t.plan.connection = f.client_options(d);
        t.plan.driver = engine::driver_registry::shipped().find(d.profile.platform);
        t.plan.enable_secret = "enable";
        t.plan.commands = commands_of.at(d.profile.platform);
        t.plan.command_timeout = command_timeout;
        t.plan.device_timeout = device_timeout;
        targets.push_back(std::move(t));
    }
    return targets;
}

} // namespace

BOOST_AUTO_TEST_SUITE(collect_job)

// Issue 5's acceptance run: 300 devices of the four platforms, 5% of them faulty.
BOOST_AUTO_TEST_CASE(faulty_fleet_collected_in_full) {
    sim::fleet_options o;
    o.devices = 300; // 180 cisco_ios, 60 arista_eos, 30 juniper_junos, 30 linux
    o.seed = 11;
    o.host_key_types = {ssh::crypto::key_type::ed25519};
    const std::map<std::string, std::vector<std::string>> faulty = {
        {"auth-reject", {"ios-0002", "eos-0010", "junos-0003", "linux-0004"}},
        {"hang", {"ios-0050", "eos-0001", "junos-0020", "linux-0010"}},
        {"drop-output", {"ios-0100", "eos-0030", "junos-0011", "linux-0001"}},
        {"hostkey-change", {"ios-0170", "eos-0055", "junos-0001"}},
    };
    const std::map<std::string, std::string> class_of_fault = {
        {"auth-reject", "auth_failed"},
        {"hang", "command_timeout"},
        {"drop-output", "connection_reset"},
        {"hostkey-change", "host_key_mismatch"}};
    std::map<std::string, std::string> expected_class;
    for (const auto& [fault, names] : faulty)
        for (const auto& name : names) {
            o.faults += (o.faults.empty() ? "" : ";") + fault + "@" + name;
            expected_class[name] = class_of_fault.at(fault);
        }
    BOOST_REQUIRE_EQUAL(expected_class.size(), 15u); // 5%
    running_fleet f(o);
    // 5 s: enough for a healthy device on a loaded machine, short for the hung ones.
    const auto targets = targets_of(f, 5s, 30s);
    test_common::temp_dir out;
    engine::run_limits limits;
    limits.concurrency = 64;
    engine::retry_policy retries;
    retries.first_delay = 10ms;
    engine::fleet_runner runner{limits, retries};
    jobs::collect_options options;
    options.out = out.path();
    std::atomic<int> reported{0};
    options.on_device = [&](const jobs::device_record&) { ++reported; };
    const auto started = std::chrono::steady_clock::now();
    const auto outcome = jobs::run_collect(targets, options, runner);
    // Within its deadlines: hung devices end at their 5 s command deadline, every device
    // within its 30 s one, so the whole run well inside one device deadline per wave.
    BOOST_TEST((std::chrono::steady_clock::now() - started < 60s));

    BOOST_TEST(outcome.exit_code == 1); // some devices failed
    BOOST_TEST(!outcome.error);
    BOOST_TEST(reported == 300);
    const auto summary =
        boost::json::parse(test_common::read_file(outcome.run_folder / "summary.json"));
    BOOST_TEST(summary.at("devices_total").as_int64() == 300);
    BOOST_TEST(summary.at("devices_failed").as_int64() == 15);
    BOOST_TEST(summary.at("devices_ok").as_int64() == 285);
    BOOST_TEST(std::filesystem::equivalent(out / "latest", outcome.run_folder));
    for (const auto& d : summary.at("devices").as_array()) {
        const std::string name(d.at("name").as_string());
        const auto* device = f.devices().data();
        for (const auto& candidate : f.devices())
            if (candidate.profile.name == name)
                device = &candidate;
        if (auto it = expected_class.find(name); it != expected_class.end()) {
            BOOST_TEST(d.at("status").as_string() == "failed", name);
            BOOST_TEST(d.at("error_class").as_string() == it->second, name << ": " << d);
            BOOST_TEST(!d.at("error").as_string().empty(), name);
            // Dropped mid-output, the part is kept. (On IOS the simulator drops the shell's
            // first answer, which is the session's paging-off command, not a collected one.)
            if (it->second == "connection_reset" && !name.starts_with("ios-")) {
                const auto& files = d.at("commands").as_array();
                BOOST_REQUIRE_MESSAGE(!files.empty(), name << ": no partial output kept");
                const auto& last = files.back();
                BOOST_TEST(!last.at("complete").as_bool(), name);
                const std::string file(last.at("file").as_string());
                BOOST_TEST(file.ends_with(".incomplete.txt"), file);
                BOOST_TEST(std::filesystem::file_size(outcome.run_folder / file) > 0u, file);
            }
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

// A stop reaches sessions that run under their own device deadline: hung devices end at the
// grace period, not at their (far longer) deadlines, and none is reported as ok.
BOOST_AUTO_TEST_CASE(a_stop_cancels_sessions_running_under_a_device_deadline) {
    sim::fleet_options o;
    o.devices = 6;
    o.mix = "cisco_ios=1,linux=1";
    o.seed = 5;
    o.host_key_types = {ssh::crypto::key_type::ed25519};
    o.faults = "hang@*";
    running_fleet f(o);
    const auto targets = targets_of(f, 120s, 240s);
    test_common::temp_dir out;
    engine::run_limits limits;
    limits.concurrency = 6;
    engine::fleet_runner runner{limits, engine::retry_policy{}};
    jobs::collect_options options;
    options.out = out.path();
    std::thread stopper([&] {
        std::this_thread::sleep_for(1s);
        runner.request_stop(300ms);
    });
    const auto started = std::chrono::steady_clock::now();
    const auto outcome = jobs::run_collect(targets, options, runner);
    stopper.join();
    BOOST_TEST((std::chrono::steady_clock::now() - started < 30s));
    BOOST_TEST(outcome.exit_code == 130);
    BOOST_REQUIRE_EQUAL(outcome.summary.devices.size(), 6u);
    for (const auto& d : outcome.summary.devices)
        BOOST_TEST(jobs::status_name(d.status) == "interrupted", d.name << ": " << d.error_class);
}

BOOST_AUTO_TEST_SUITE_END()
