// A device's session for a job, against the simulated fleet: shell (Cisco IOS) and exec
// (the others) give each command's exact output; errors come back typed.
#include "sim_support.hpp"

#include <engine/classify.hpp>
#include <engine/device_error.hpp>
#include <engine/device_session.hpp>

using namespace client_support;
using sim_support::running_fleet;
using namespace std::chrono_literals;

namespace {

struct session_outcome {
    engine::device_report report;
    std::vector<engine::command_result> commands;
};

std::string_view class_of(const boost::system::error_code& ec) {
    return ec ? engine::error_class_name(engine::classify(ec)) : "ok";
}

session_outcome run_session(const running_fleet& f, const sim::device_info& d,
                            std::vector<std::string> commands,
                            std::chrono::milliseconds command_timeout = 20s) {
    engine::device_plan plan;
    plan.connection = f.client_options(d);
    plan.driver = engine::driver_registry::shipped().find(d.profile.platform);
    BOOST_REQUIRE(plan.driver);
    plan.enable_secret = "enable";
    plan.commands = std::move(commands);
    plan.command_timeout = command_timeout;
    return run([&]() -> net::awaitable<session_outcome> {
        session_outcome out;
        out.report = co_await engine::run_device_session(
            plan, [&](const engine::command_result& r) { out.commands.push_back(r); });
        co_return out;
    });
}

sim::fleet_options fleet_options(std::string mix, std::size_t n, std::string faults = {}) {
    sim::fleet_options o;
    o.devices = n;
    o.mix = std::move(mix);
    o.faults = std::move(faults);
    o.seed = 3;
    o.host_key_types = {ssh::crypto::key_type::ed25519};
    return o;
}

} // namespace

BOOST_AUTO_TEST_SUITE(device_session)

BOOST_AUTO_TEST_CASE(every_platform_gives_the_exact_output_of_each_command) {
    running_fleet f(fleet_options("cisco_ios=1,arista_eos=1,juniper_junos=1,linux=1", 4));
    const std::map<std::string, std::vector<std::string>> commands = {
        {"cisco_ios", {"show version", "show ip interface brief", "show running-config"}},
        {"arista_eos", {"show version", "show ip interface brief | json"}},
        {"juniper_junos", {"show version", "show interfaces terse"}},
        {"linux", {"uname -a", "ip -br addr"}},
    };
    for (const auto& d : f.devices()) {
        const auto& list = commands.at(d.profile.platform);
        const auto out = run_session(f, d, list);
        BOOST_TEST(!out.report.error, d.profile.name << ": " << out.report.message);
        BOOST_REQUIRE_EQUAL(out.commands.size(), list.size());
        // The device's model, reached the same way (enable on IOS was done by the session).
        auto model = sim::make_device_model(d.profile, sim::sim_clock::now());
        for (std::size_t i = 0; i < list.size(); ++i) {
            BOOST_TEST(out.commands[i].complete);
            BOOST_TEST(out.commands[i].output == model->exec(list[i], sim::sim_clock::now()).out,
                       d.profile.name << ": " << list[i]);
        }
        BOOST_TEST(out.report.timings_ms.count("total") == 1u);
    }
}

BOOST_AUTO_TEST_CASE(failures_are_typed_and_stop_the_device) {
    running_fleet f(
        fleet_options("cisco_ios=1,linux=2", 3, "auth-reject@linux-0001;hang@linux-0002"));
    const auto rejected = run_session(f, f.device("linux-0001"), {"uname -a"});
    BOOST_TEST(class_of(rejected.report.error) == "auth_failed", rejected.report.message);
    BOOST_TEST(rejected.commands.empty());

    const auto hung = run_session(f, f.device("linux-0002"), {"uname -a", "hostname"}, 1s);
    BOOST_TEST(class_of(hung.report.error) == "command_timeout", hung.report.message);
    BOOST_REQUIRE_EQUAL(hung.commands.size(), 1u); // nothing more runs after a failure
    BOOST_TEST(!hung.commands[0].complete);

    const auto wrong =
        run_session(f, f.device("ios-0001"), {"show version", "show foo", "show clock"});
    BOOST_TEST(class_of(wrong.report.error) == "device_error", wrong.report.message);
    BOOST_REQUIRE_EQUAL(wrong.commands.size(), 2u);
    BOOST_TEST(wrong.commands[0].complete);
    BOOST_TEST(!wrong.commands[0].error);
    BOOST_TEST(wrong.commands[1].output.find("% Invalid input") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
