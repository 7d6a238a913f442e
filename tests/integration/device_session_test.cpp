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

engine::device_plan make_plan(const running_fleet& f, const sim::device_info& d,
                              std::vector<std::string> commands,
                              std::chrono::milliseconds command_timeout = 20s) {
    engine::device_plan plan;
    plan.connection = f.client_options(d);
    plan.driver = engine::driver_registry::shipped().find(d.profile.platform);
    BOOST_REQUIRE(plan.driver);
    plan.enable_secret = "enable";
    plan.commands = std::move(commands);
    plan.command_timeout = command_timeout;
    return plan;
}

session_outcome run_plan(const engine::device_plan& plan, engine::session_log* log = nullptr) {
    return run([&]() -> net::awaitable<session_outcome> {
        session_outcome out;
        out.report = co_await engine::run_device_session(
            plan, [&](const engine::command_result& r) { out.commands.push_back(r); }, log);
        co_return out;
    });
}

session_outcome run_session(const running_fleet& f, const sim::device_info& d,
                            std::vector<std::string> commands,
                            std::chrono::milliseconds command_timeout = 20s) {
    return run_plan(make_plan(f, d, std::move(commands), command_timeout));
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

BOOST_AUTO_TEST_CASE(exec_output_is_checked_against_the_platform_error_patterns) {
    // EOS answers a bad command on an exec channel with its error text and exit status 0.
    running_fleet f(fleet_options("arista_eos=1", 1));
    const auto out = run_session(f, f.device("eos-0001"), {"show version", "show foo"});
    BOOST_TEST(class_of(out.report.error) == "device_error", out.report.message);
    BOOST_TEST(out.report.message.find("% Invalid input") != std::string::npos, out.report.message);
    BOOST_REQUIRE_EQUAL(out.commands.size(), 2u);
    BOOST_TEST(!out.commands[0].error);
    BOOST_TEST(out.commands[1].complete); // all of it arrived: it is kept whole
}

BOOST_AUTO_TEST_CASE(the_whole_device_deadline_cancels_a_hung_session) {
    running_fleet f(fleet_options("cisco_ios=1,linux=1", 2, "hang@*"));
    for (const auto& d : f.devices()) {
        auto plan = make_plan(f, d, {"show version"}, 60s);
        plan.device_timeout = 1s;
        const auto started = std::chrono::steady_clock::now();
        const auto out = run_plan(plan);
        BOOST_TEST(class_of(out.report.error) == "device_timeout",
                   d.profile.name << ": " << out.report.message);
        BOOST_TEST(out.report.message.find("whole-device deadline") != std::string::npos);
        // Far below the command's own 60 s: the device deadline ended it.
        BOOST_TEST((std::chrono::steady_clock::now() - started < 30s));
    }
    // A deadline that does not pass changes nothing.
    running_fleet healthy(fleet_options("cisco_ios=1", 1));
    auto plan = make_plan(healthy, healthy.device("ios-0001"), {"show clock"});
    plan.device_timeout = 60s;
    const auto out = run_plan(plan);
    BOOST_TEST(!out.report.error, out.report.message);
    BOOST_REQUIRE_EQUAL(out.commands.size(), 1u);
    BOOST_TEST(out.commands[0].complete);
}

BOOST_AUTO_TEST_CASE(the_session_log_shows_the_session_with_secrets_masked) {
    auto options = fleet_options("cisco_ios=1", 1);
    options.password = "Pw-7xq!";
    options.enable_secret = "En-93kz";
    running_fleet f(options);
    const auto& d = f.device("ios-0001");
    auto plan = make_plan(f, d, {"show version"});
    plan.connection = f.client_options(d, options.password);
    plan.enable_secret = options.enable_secret;
    std::string text;
    session_outcome out;
    {
        engine::session_log log([&](std::string_view bytes) { text += bytes; },
                                {options.password, options.enable_secret});
        out = run_plan(plan, &log);
    }
    BOOST_TEST(!out.report.error, out.report.message);
    BOOST_TEST(text.find("Pw-7xq!") == std::string::npos, text);
    BOOST_TEST(text.find("En-93kz") == std::string::npos, text);
    BOOST_TEST(text.find("## connected and authenticated") != std::string::npos, text);
    BOOST_TEST(text.find(">> enable\n") != std::string::npos, text);
    BOOST_TEST(text.find(">> ********\n") != std::string::npos, text); // the secret typed
    BOOST_TEST(text.find(">> show version\n") != std::string::npos, text);
    BOOST_REQUIRE_EQUAL(out.commands.size(), 1u);
    const auto& output = out.commands[0].output;
    BOOST_TEST(text.find(output.substr(0, output.find('\n'))) != std::string::npos);
    BOOST_TEST(text.ends_with("## closed after " + std::to_string(out.report.timings_ms["total"]) +
                              " ms\n"),
               text);
}

BOOST_AUTO_TEST_SUITE_END()
