// `fleetsh sim` as a person runs it: the files it writes, a device reached through them with
// `fleetsh exec`, stopping on SIGTERM or after --duration, usage errors.
#include <fcntl.h>
#include <unistd.h>

#include <test_common/process.hpp>
#include <test_common/run_command.hpp>
#include <test_common/temp_dir.hpp>

#include <boost/test/unit_test.hpp>

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <thread>

using namespace std::chrono_literals;

namespace {

// The simulator in the background, its stdout in a file; stopped by PID at the end.
struct running_sim {
    test_common::temp_dir dir;
    pid_t pid = -1;

    explicit running_sim(std::vector<std::string> extra) {
        std::vector<std::string> argv = {FLEETSH_BINARY, "sim", "--inventory-out",
                                         (dir / "lab" / "inventory.yaml").string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        const int out = ::open((dir / "stdout").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        BOOST_REQUIRE(out >= 0);
        test_common::spawn_options o;
        o.io.stdout_fd = out;
        o.die_with_parent = true;
        pid = test_common::spawn_process(argv, o);
        ::close(out);
    }
    ~running_sim() {
        if (pid > 0)
            test_common::terminate_process(pid);
    }
    // Waits (bounded) until the inventory, written last, is there.
    bool ready() const {
        for (int i = 0; i < 200; ++i) {
            if (std::filesystem::exists(dir / "lab" / "inventory.yaml"))
                return true;
            std::this_thread::sleep_for(50ms);
        }
        return false;
    }
    std::string output() const { return test_common::read_file(dir / "stdout"); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(sim_cli)

BOOST_AUTO_TEST_CASE(writes_inventory_and_known_hosts_that_reach_the_devices) {
    running_sim sim({"--devices", "20", "--seed", "5", "--faults", "auth-reject@ios-0002",
                     "--host-key-types", "ed25519"});
    BOOST_REQUIRE_MESSAGE(sim.ready(), "no inventory; output: " << sim.output());
    const auto inventory = YAML::LoadFile((sim.dir / "lab" / "inventory.yaml").string());
    const auto known_hosts = test_common::read_file(sim.dir / "lab" / "known_hosts");
    BOOST_REQUIRE_EQUAL(inventory["hosts"].size(), 20u);
    BOOST_TEST(inventory["defaults"]["connection"]["known_hosts"].as<std::string>() ==
               std::filesystem::absolute(sim.dir / "lab" / "known_hosts").string());
    for (const auto& host : inventory["hosts"]) {
        const auto name = host.first.as<std::string>();
        const auto port = host.second["port"].as<int>();
        BOOST_TEST(known_hosts.find("[127.0.0.1]:" + std::to_string(port) + " ssh-ed25519 ") !=
                       std::string::npos,
                   name);
        BOOST_TEST(host.second["tags"].IsDefined() == (name == "ios-0002"), name);
    }
    const auto port = inventory["hosts"]["ios-0001"]["port"].as<int>();
    const std::vector<std::string> exec = {FLEETSH_BINARY,
                                           "exec",
                                           "-p",
                                           std::to_string(port),
                                           "-o",
                                           "UserKnownHostsFile=" +
                                               (sim.dir / "lab" / "known_hosts").string(),
                                           "-o",
                                           "StrictHostKeyChecking=yes",
                                           "admin@127.0.0.1",
                                           "--",
                                           "show",
                                           "version"};
    test_common::command_options o;
    o.extra_env = {"FLEETSH_PASSWORD=admin"};
    const auto r = test_common::run_command(exec, o);
    BOOST_TEST(r.exit_code == 0, test_common::describe(exec, r));
    BOOST_TEST(r.out.find("Cisco IOS") != std::string::npos, r.out);

    const int status = test_common::terminate_process(sim.pid);
    sim.pid = -1;
    BOOST_TEST(test_common::exit_code_of(status) == 0);
    BOOST_TEST(sim.output().find("stopped; ") != std::string::npos, sim.output());
}

BOOST_AUTO_TEST_CASE(duration_stops_it) {
    running_sim sim({"--devices", "3", "--duration", "1", "--host-key-types", "ed25519"});
    const auto status = test_common::wait_for_exit(sim.pid, 20s);
    BOOST_REQUIRE_MESSAGE(status.has_value(), "still running after --duration 1");
    sim.pid = -1;
    BOOST_TEST(test_common::exit_code_of(*status) == 0);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2_and_say_why) {
    test_common::temp_dir dir;
    const auto inventory = (dir / "inv.yaml").string();
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--mix", "cisco_ios=1,frobnitz=2"}, "frobnitz"},
        {{"--faults", "teleport@5%"}, "teleport"},
        {{"--faults", "hang@nosuchdevice"}, "nosuchdevice"},
        {{"--listen", "not-an-address"}, "not-an-address"},
    };
    for (const auto& [extra, word] : cases) {
        std::vector<std::string> argv = {FLEETSH_BINARY,    "sim",    "--devices", "2",
                                         "--inventory-out", inventory};
        argv.insert(argv.end(), extra.begin(), extra.end());
        const auto r = test_common::run_command(argv);
        BOOST_TEST(r.exit_code == 2, test_common::describe(argv, r));
        BOOST_TEST(r.err.find(word) != std::string::npos, r.err);
    }
    BOOST_TEST(!std::filesystem::exists(inventory));
}

BOOST_AUTO_TEST_SUITE_END()
