// The bench workloads against real peers: the simulated fleet (sessions, commands, channels,
// errors by class, bulk from its linux devices) and a throwaway sshd (bulk output counted byte
// for byte), and `fleetsh bench --sim` choosing bulk's devices.
#include "sim_support.hpp"

#include <jobs/bench.hpp>
#include <test_common/run_command.hpp>
#include <test_common/sshd_fixture.hpp>

#include <boost/json.hpp>

using sim_support::running_fleet;
using namespace std::chrono_literals;

namespace {

std::vector<jobs::collect_target> targets_of(const running_fleet& f) {
    std::vector<jobs::collect_target> targets;
    for (const auto& d : f.devices()) {
        jobs::collect_target t{d.profile.name, d.address, d.port, d.profile.platform, {}};
        t.plan.connection = f.client_options(d);
        t.plan.commands = {d.profile.platform == "linux" ? "uname -a" : "show version"};
        targets.push_back(std::move(t));
    }
    return targets;
}

sim::fleet_options fleet_of(std::size_t devices, std::string faults = {}) {
    sim::fleet_options o;
    o.devices = devices;
    o.mix = "arista_eos=1,linux=1";
    o.seed = 21;
    o.host_key_types = {ssh::crypto::key_type::ed25519};
    o.faults = std::move(faults);
    return o;
}

jobs::bench_settings settings(jobs::bench_workload w, std::size_t concurrency) {
    jobs::bench_settings s;
    s.workload = w;
    s.concurrency = concurrency;
    s.commands_per_connection = 5;
    s.channels_per_connection = 4;
    s.timeout = 10s;
    return s;
}

} // namespace

BOOST_AUTO_TEST_SUITE(bench)

BOOST_AUTO_TEST_CASE(percentiles_use_the_nearest_rank) {
    std::vector<std::int64_t> us;
    for (int i = 100; i >= 1; --i)
        us.push_back(i * 1000); // 1..100 ms, unsorted
    const auto p = jobs::percentiles_of(us);
    BOOST_TEST(p.count == 100);
    BOOST_TEST(p.p50 == 50.0);
    BOOST_TEST(p.p90 == 90.0);
    BOOST_TEST(p.p99 == 99.0);
    BOOST_TEST(p.max == 100.0);
    BOOST_TEST(p.mean == 50.5);
    BOOST_TEST(jobs::percentiles_of({}).count == 0);
    BOOST_TEST(jobs::percentiles_of({7000}).p99 == 7.0);
}

BOOST_AUTO_TEST_CASE(sessions_are_timed_per_phase_and_failures_counted_by_class) {
    running_fleet f(fleet_of(24, "auth-reject@eos-0002;hang@linux-0003"));
    auto s = settings(jobs::bench_workload::sessions, 8);
    s.timeout = 1500ms; // the hung device's command
    const auto r = jobs::run_bench(targets_of(f), s);
    BOOST_TEST(r.devices == 24u);
    BOOST_TEST(r.ok == 22u);
    BOOST_TEST(r.failed == 2u);
    BOOST_TEST(r.errors.at("auth_failed") == 1u);
    BOOST_TEST(r.errors.at("command_timeout") == 1u);
    BOOST_TEST(r.commands == 22u);
    BOOST_TEST(r.rate > 0);
    BOOST_TEST(r.cpu_seconds > 0);
    BOOST_TEST(r.peak_rss_kib > 0);
    for (const char* phase : {"tcp", "kex", "auth", "open", "first_byte", "complete"}) {
        BOOST_REQUIRE_MESSAGE(r.phases.count(phase) == 1u, phase);
        const auto& p = r.phases.at(phase);
        BOOST_TEST(p.count >= 22);
        BOOST_TEST(p.p50 <= p.p90);
        BOOST_TEST(p.p90 <= p.p99);
        BOOST_TEST(p.p99 <= p.max);
    }
    // A command's phases come in order: open, then the first byte, then completion.
    for (const auto& sample : r.samples) {
        BOOST_TEST(sample.start_us <= sample.end_us);
        if (!sample.error_class.empty())
            continue;
        BOOST_TEST(sample.phases_us.at("open") <= sample.phases_us.at("first_byte"));
        BOOST_TEST(sample.phases_us.at("first_byte") <= sample.phases_us.at("complete"));
        BOOST_TEST(sample.bytes > 0u);
    }
    const auto json = boost::json::parse(jobs::bench_json({"sim", "2026-11-26T00:00:00Z", {r}}));
    const auto& result = json.at("results").as_array().at(0);
    BOOST_TEST(result.at("workload").as_string() == "sessions");
    BOOST_TEST(result.at("samples").as_array().size() == 24u);
    BOOST_TEST(result.at("errors").at("auth_failed").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(commands_and_channels_reuse_one_connection_per_device) {
    running_fleet f(fleet_of(6));
    const auto targets = targets_of(f);
    const auto commands = jobs::run_bench(targets, settings(jobs::bench_workload::commands, 3));
    BOOST_TEST(commands.failed == 0u);
    BOOST_TEST(commands.commands == 6u * 5u);
    const auto channels = jobs::run_bench(targets, settings(jobs::bench_workload::channels, 6));
    BOOST_TEST(channels.failed == 0u);
    BOOST_TEST(channels.commands == 6u * 4u);
    for (const auto& sample : channels.samples)
        BOOST_TEST(sample.commands == 4u);
    // The simulator counts connections: one per device per workload, and no more.
    BOOST_TEST(f.on_fleet([](sim::fleet& fleet) { return fleet.stats().connections; }) == 12u);
}

BOOST_AUTO_TEST_CASE(bulk_output_is_counted_not_kept) {
    test_common::sshd_fixture sshd;
    jobs::collect_target t{"sshd", sshd.host(), sshd.port(), "linux", {}};
    t.plan.connection = client_support::options_for(sshd);
    t.plan.commands = {"head -c 4194304 /dev/zero"};
    const auto r = jobs::run_bench({t, t}, settings(jobs::bench_workload::bulk, 2));
    BOOST_TEST(r.failed == 0u, r.samples[0].error_message);
    BOOST_TEST(r.bytes == 2u * 4194304u);
    BOOST_TEST(r.megabytes_per_second > 0);
    // A command that fails (non-zero exit) fails its device.
    t.plan.commands = {"exit 3"};
    const auto failing = jobs::run_bench({t}, settings(jobs::bench_workload::sessions, 1));
    BOOST_TEST(failing.failed == 1u);
    BOOST_TEST(failing.errors.at("device_error") == 1u);
    BOOST_TEST(failing.samples[0].error_message == "exit status 3");
}

BOOST_AUTO_TEST_CASE(bulk_streams_zeros_from_simulated_linux_devices) {
    running_fleet f(fleet_of(4));
    std::vector<jobs::collect_target> linux_targets;
    for (auto& t : targets_of(f)) {
        if (t.platform != "linux")
            continue;
        t.plan.commands = {"head -c 4194304 /dev/zero"};
        linux_targets.push_back(std::move(t));
    }
    BOOST_REQUIRE_EQUAL(linux_targets.size(), 2u);
    const auto r = jobs::run_bench(linux_targets, settings(jobs::bench_workload::bulk, 2));
    BOOST_TEST(r.failed == 0u, r.samples[0].error_message);
    BOOST_TEST(r.commands == 2u);
    BOOST_TEST(r.bytes == 2u * 4194304u);
    BOOST_TEST(r.megabytes_per_second > 0);
    // The simulator sent counts, not queued bytes.
    BOOST_TEST(f.on_fleet([](sim::fleet& fleet) { return fleet.stats().max_queued_output; }) == 0u);
}

// bulk's default command (head -c 67108864 /dev/zero) runs on the linux devices only.
BOOST_AUTO_TEST_CASE(bench_command_runs_bulk_on_the_linux_devices) {
    const std::vector<std::string> argv = {
        FLEETSH_BINARY, "bench", "--sim",         "4", "--sim-mix", "arista_eos=1,linux=1",
        "-w",           "bulk",  "--concurrency", "2", "--json"};
    const auto r = test_common::run_command(argv, std::nullopt, 120s);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, test_common::describe(argv, r));
    BOOST_TEST(r.err.find("bulk: 2 of 4 devices (the linux ones;") != std::string::npos, r.err);
    const auto json = boost::json::parse(r.out);
    const auto& result = json.at("results").as_array().at(0);
    BOOST_TEST(result.at("workload").as_string() == "bulk");
    BOOST_TEST(result.at("devices").to_number<std::uint64_t>() == 2u);
    BOOST_TEST(result.at("failed").to_number<std::uint64_t>() == 0u);
    BOOST_TEST(result.at("bytes").to_number<std::uint64_t>() == 2u * 67108864u);
    BOOST_TEST(result.at("mb_per_s").to_number<double>() > 0);

    // No linux device: a usage error that says how to have some.
    const std::vector<std::string> none = {FLEETSH_BINARY, "bench",        "--sim", "2",
                                           "--sim-mix",    "arista_eos=1", "-w",    "bulk"};
    const auto refused = test_common::run_command(none, std::nullopt, 60s);
    BOOST_TEST(refused.exit_code == 2, test_common::describe(none, refused));
    BOOST_TEST(refused.err.find("--sim-mix linux=1") != std::string::npos, refused.err);
}

BOOST_AUTO_TEST_SUITE_END()
