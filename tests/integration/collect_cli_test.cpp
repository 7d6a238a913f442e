// `fleetsh collect` as a person runs it, against `fleetsh sim` in the background: files,
// --json lines, exit codes, and Ctrl-C in the middle of a run.
#include <fcntl.h>
#include <unistd.h>

#include <test_common/process.hpp>
#include <test_common/run_command.hpp>
#include <test_common/temp_dir.hpp>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <filesystem>
#include <sstream>
#include <thread>

using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct background_sim {
    test_common::temp_dir dir;
    pid_t pid = -1;

    explicit background_sim(std::vector<std::string> extra) {
        std::vector<std::string> argv = {FLEETSH_BINARY,     "sim",
                                         "--host-key-types", "ed25519",
                                         "--inventory-out",  inventory().string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        test_common::spawn_options o;
        o.die_with_parent = true;
        pid = test_common::spawn_process(argv, o);
        for (int i = 0; i < 400 && !fs::exists(inventory()); ++i)
            std::this_thread::sleep_for(25ms);
        BOOST_REQUIRE_MESSAGE(fs::exists(inventory()), "the simulator wrote no inventory");
    }
    ~background_sim() { test_common::terminate_process(pid); }
    fs::path inventory() const { return dir / "lab" / "inventory.yaml"; }
};

std::vector<std::string> collect(const background_sim& sim, std::vector<std::string> extra) {
    std::vector<std::string> argv = {FLEETSH_BINARY, "collect",
                                     "-i",           sim.inventory().string(),
                                     "--out",        (sim.dir / "results").string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
}

} // namespace

BOOST_AUTO_TEST_SUITE(collect_cli)

BOOST_AUTO_TEST_CASE(json_lines_files_and_exit_status) {
    background_sim sim({"--devices", "12", "--mix", "cisco_ios=1,arista_eos=1", "--faults",
                        "auth-reject@eos-0001"});
    const auto argv = collect(sim, {"--json", "-c", "show version", "-c", "show clock"});
    const auto r = test_common::run_command(argv);
    BOOST_TEST(r.exit_code == 1, test_common::describe(argv, r)); // one device fails
    std::istringstream lines(r.out);
    std::string line;
    int devices = 0, failed = 0;
    while (std::getline(lines, line)) {
        const auto d = boost::json::parse(line).as_object();
        ++devices;
        if (d.at("status").as_string() != "ok") {
            ++failed;
            BOOST_TEST(d.at("name").as_string() == "eos-0001");
            BOOST_TEST(d.at("error_class").as_string() == "auth_failed");
        }
    }
    BOOST_TEST(devices == 12);
    BOOST_TEST(failed == 1);
    BOOST_TEST(fs::exists(sim.dir / "results" / "latest" / "ios-0001" / "show_version.txt"));
    BOOST_TEST(fs::exists(sim.dir / "results" / "latest" / "summary.json"));
    // The password never reaches any output.
    BOOST_TEST(r.out.find("admin\"") == std::string::npos);

    const auto ok = test_common::run_command(
        collect(sim, {"--filter", "platform=cisco_ios", "-c", "show version"}));
    BOOST_TEST(ok.exit_code == 0, ok.err);
    const auto usage =
        test_common::run_command(collect(sim, {"--filter", "colour=red", "-c", "x"}));
    BOOST_TEST(usage.exit_code == 2);
}

BOOST_AUTO_TEST_CASE(interrupted_run_keeps_what_it_collected) {
    // Every device hangs on its commands: only Ctrl-C ends this run early.
    background_sim sim({"--devices", "6", "--mix", "linux=1", "--faults",
                        "hang@linux-0004,linux-0005,linux-0006"});
    const auto out = sim.dir / "stdout";
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    test_common::spawn_options o;
    o.io.stdout_fd = fd;
    o.die_with_parent = true;
    const auto pid = test_common::spawn_process(
        collect(sim, {"--json", "--command-timeout", "600", "--grace", "1", "-c", "uname -a"}), o);
    ::close(fd);
    // Wait until the healthy devices are reported, then interrupt.
    for (int i = 0; i < 400 && test_common::read_file(out).size() < 10; ++i)
        std::this_thread::sleep_for(25ms);
    std::this_thread::sleep_for(200ms);
    ::kill(pid, SIGINT);
    const auto status = test_common::wait_for_exit(pid, 30s);
    BOOST_REQUIRE_MESSAGE(status.has_value(), "collect did not stop after SIGINT");
    BOOST_TEST(test_common::exit_code_of(*status) == 130);
    const auto summary =
        boost::json::parse(test_common::read_file(sim.dir / "results" / "latest" / "summary.json"));
    BOOST_TEST(summary.at("interrupted").as_bool());
    BOOST_TEST(summary.at("devices_total").as_int64() == 6);
    BOOST_TEST(summary.at("devices_ok").as_int64() + summary.at("devices_interrupted").as_int64() +
                   summary.at("devices_failed").as_int64() ==
               6);
    BOOST_TEST(summary.at("devices_ok").as_int64() >= 1);
    // No temporary file is left half-written.
    for (const auto& e : fs::recursive_directory_iterator(sim.dir / "results"))
        BOOST_TEST(e.path().filename().string().find(".tmp.") == std::string::npos, e.path());
}

BOOST_AUTO_TEST_CASE(a_job_file_runs_the_same_job_with_session_logs_and_no_secret) {
    const std::string password = "pw-Qz81x", secret = "en-Vb27k";
    background_sim sim({"--devices", "8", "--mix", "cisco_ios=1,juniper_junos=1", "--password",
                        password, "--enable-secret", secret});
    const auto job = sim.dir / "nightly.yaml";
    test_common::write_file(job, "collect:\n"
                                 "  inventory: lab/inventory.yaml\n"
                                 "  filter: platform=cisco_ios\n"
                                 "  commands: [show version, show running-config]\n"
                                 "  out: results\n"
                                 "  platform_limits: {cisco_ios: 2}\n"
                                 "  device_timeout: 60s\n"
                                 "  session_log: true\n");
    const std::vector<std::string> argv = {FLEETSH_BINARY, "run",         job.string(),
                                           "--json",       "--log-level", "debug"};
    const auto r = test_common::run_command(argv);
    BOOST_TEST(r.exit_code == 0, test_common::describe(argv, r));
    const auto run = fs::canonical(sim.dir / "results" / "latest");
    const auto summary = boost::json::parse(test_common::read_file(run / "summary.json"));
    BOOST_TEST(summary.at("devices_ok").as_int64() == 4); // the filter kept the IOS half
    const auto ios = test_common::read_file(run / "ios-0001" / "session.log");
    BOOST_TEST(ios.find(">> show running-config") != std::string::npos, ios);
    BOOST_TEST(ios.find("## closed after") != std::string::npos, ios);
    const auto log = test_common::read_file(run / "fleetsh.log");
    BOOST_TEST(log.find("ios-0004: ok, 2 commands") != std::string::npos, log);
    BOOST_TEST(log.find("attempt 1 starts") != std::string::npos, log); // --log-level debug
    // No secret in any file of the run, in the output or in the messages.
    for (const auto& e : fs::recursive_directory_iterator(run)) {
        if (!e.is_regular_file())
            continue;
        const auto text = test_common::read_file(e.path());
        BOOST_TEST(text.find(password) == std::string::npos, e.path());
        BOOST_TEST(text.find(secret) == std::string::npos, e.path());
    }
    BOOST_TEST(r.out.find(password) == std::string::npos);
    BOOST_TEST(r.err.find(secret) == std::string::npos);

    // A bad job file: exit 2, every error with its place, nothing run.
    test_common::write_file(job, "collect:\n  inventory: lab/inventory.yaml\n"
                                 "  commands: [show clock]\n  concurrency: -4\n  colour: red\n");
    const auto bad = test_common::run_command(argv);
    BOOST_TEST(bad.exit_code == 2, test_common::describe(argv, bad));
    BOOST_TEST(bad.err.find("nightly.yaml:4:16: must be a whole number") != std::string::npos,
               bad.err);
    BOOST_TEST(bad.err.find("nightly.yaml:5:3: unknown field \"colour\"") != std::string::npos,
               bad.err);
    // A key for every device from the command line, as ssh -o IdentityFile takes it: the
    // simulator accepts it, and password authentication is not even tried.
    const auto key = sim.dir / "id_ed25519";
    BOOST_REQUIRE(test_common::run_command({"/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                                            "-f", key.string()})
                      .exit_code == 0);
    background_sim keyed({"--devices", "3", "--mix", "linux=1", "--authorized-keys",
                          key.string() + ".pub"});
    const auto by_key = test_common::run_command(
        collect(keyed, {"-c", "uname -a", "-o", "IdentityFile=" + key.string(), "-o",
                        "PreferredAuthentications=publickey"}));
    BOOST_TEST(by_key.exit_code == 0, by_key.err);

    const auto limit = test_common::run_command(
        collect(sim, {"-c", "show clock", "--platform-limit", "cisco_ios"}));
    BOOST_TEST(limit.exit_code == 2, limit.err);
    BOOST_TEST(limit.err.find("expected PLATFORM=N") != std::string::npos, limit.err);
}

BOOST_AUTO_TEST_SUITE_END()
