// The sshd fixture against OpenSSH's own client: if these fail, every interop test would too.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <test_common/process.hpp>
#include <test_common/process_tree.hpp>
#include <test_common/run_command.hpp>
#include <test_common/sshd_fixture.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>
#include <vector>

namespace tc = test_common;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

namespace {

std::vector<std::string> with(std::vector<std::string> argv,
                              std::initializer_list<std::string> more) {
    argv.insert(argv.end(), more);
    return argv;
}

// The ssh command line, its result and the server's log: what a failing check needs to show.
std::string diagnose(const std::vector<std::string>& argv, const tc::command_result& result,
                     const tc::sshd_fixture& sshd) {
    return tc::describe(argv, result) + "\n--- sshd log ---\n" + sshd.log();
}

double seconds_since(steady::time_point start) {
    return std::chrono::duration<double>(steady::now() - start).count();
}

} // namespace

BOOST_AUTO_TEST_SUITE(sshd_fixture)

// First in the file so that the first start includes generating the cached keys.
BOOST_AUTO_TEST_CASE(start_timings) {
    auto t0 = steady::now();
    tc::sshd_fixture first;
    const double first_start = seconds_since(t0);
    t0 = steady::now();
    first.stop();
    const double stop_time = seconds_since(t0);
    double later = 0;
    for (int i = 0; i < 3; ++i) {
        t0 = steady::now();
        tc::sshd_fixture again;
        later += seconds_since(t0);
    }
    BOOST_TEST_MESSAGE("sshd fixture start: first (with key generation) "
                       << first_start << " s, later " << later / 3 << " s on average; stop "
                       << stop_time << " s");
    BOOST_TEST(first_start < 30.0);
}

BOOST_AUTO_TEST_CASE(openssh_client_runs_a_command) {
    tc::sshd_fixture sshd;
    const auto argv = with(sshd.ssh_command(), {"echo hello; exit 3"});
    const auto result = tc::run_command(argv, std::nullopt, 20s);
    BOOST_TEST(result.exit_code == 3, diagnose(argv, result, sshd));
    BOOST_TEST(result.out == "hello\n", diagnose(argv, result, sshd));
}

BOOST_AUTO_TEST_CASE(every_client_key_is_authorized) {
    tc::sshd_fixture sshd;
    for (const auto type : tc::all_key_types) {
        auto argv = sshd.ssh_command();
        // ssh uses the first -i given; put this key in front of the default one.
        argv.insert(argv.begin() + 1, {"-i", sshd.client_key_path(type).string()});
        argv.push_back("true");
        const auto result = tc::run_command(argv, std::nullopt, 20s);
        BOOST_TEST(result.exit_code == 0, diagnose(argv, result, sshd));
    }
}

BOOST_AUTO_TEST_CASE(forced_kex_is_negotiated) {
    tc::sshd_fixture sshd(
        {.extra_options = {"KexAlgorithms=curve25519-sha256", "LogLevel=DEBUG1"}});
    const auto argv = with(sshd.ssh_command(), {"true"});
    const auto result = tc::run_command(argv, std::nullopt, 20s);
    BOOST_TEST(result.exit_code == 0, diagnose(argv, result, sshd));
    BOOST_TEST(sshd.log().find("kex: algorithm: curve25519-sha256") != std::string::npos,
               diagnose(argv, result, sshd));
}

BOOST_AUTO_TEST_CASE(host_keys_match_ssh_keyscan) {
    tc::sshd_fixture sshd;
    const std::vector<std::string> scan{
        "ssh-keyscan", "-p", std::to_string(sshd.port()), "-t", "ed25519,ecdsa,rsa", sshd.host()};
    const auto scanned = tc::run_command(scan, std::nullopt, 20s);
    BOOST_TEST_REQUIRE(scanned.exit_code == 0, diagnose(scan, scanned, sshd));
    const std::vector<std::string> fingerprint{"ssh-keygen", "-E", "sha256", "-lf", "-"};
    const auto listed = tc::run_command(fingerprint, scanned.out);
    BOOST_TEST_REQUIRE(listed.exit_code == 0, tc::describe(fingerprint, listed));
    std::string known = sshd.known_hosts();
    for (const auto type : tc::all_key_types) {
        const auto& fp = sshd.host_key_fingerprint(type);
        BOOST_TEST(fp.rfind("SHA256:", 0) == 0, fp);
        BOOST_TEST(listed.out.find(fp) != std::string::npos, fp + " not in\n" + listed.out);
    }
    // Every known_hosts line we write is one that ssh-keyscan reports.
    for (std::size_t pos = 0, end; (end = known.find('\n', pos)) != std::string::npos;
         pos = end + 1) {
        const std::string line = known.substr(pos, end - pos);
        BOOST_TEST(scanned.out.find(line) != std::string::npos, line + " not in\n" + scanned.out);
    }
}

BOOST_AUTO_TEST_CASE(invalid_option_fails_loudly_with_sshd_output) {
    try {
        tc::sshd_fixture sshd({.extra_options = {"NoSuchOption=1"}});
        BOOST_FAIL("sshd accepted an unknown option");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("Bad configuration option") != std::string::npos, what);
    }
}

BOOST_AUTO_TEST_CASE(pause_all_freezes_listener_and_connections) {
    tc::sshd_fixture sshd;
    // A session that stays open, so the connection's processes exist while we pause.
    const auto out_path = sshd.dir() / "long_session.out";
    const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    BOOST_TEST_REQUIRE(out_fd >= 0);
    tc::spawn_options spawn;
    spawn.io.stdout_fd = out_fd;
    spawn.io.stderr_fd = out_fd;
    const pid_t session =
        tc::spawn_process(with(sshd.ssh_command(), {"echo started; exec sleep 30"}), spawn);
    ::close(out_fd);
    struct reap_session { // the ssh client is ours: never leave it behind
        pid_t pid;
        ~reap_session() {
            if (pid > 0)
                tc::terminate_process(pid, 1s);
        }
    } reaper{session};

    const auto deadline = steady::now() + 10s;
    while (tc::read_file(out_path).find("started") == std::string::npos && steady::now() < deadline)
        std::this_thread::sleep_for(20ms);
    BOOST_TEST_REQUIRE(tc::read_file(out_path).find("started") != std::string::npos,
                       tc::read_file(out_path) + "\n--- sshd log ---\n" + sshd.log());
    const auto tree = tc::descendants(sshd.pid());
    BOOST_TEST_REQUIRE(!tree.empty());

    sshd.pause_all();
    const auto listener = tc::identify_process(sshd.pid());
    BOOST_TEST_REQUIRE(listener.has_value());
    BOOST_TEST(tc::process_state(*listener).value_or('?') == 'T');
    for (const auto& p : tree)
        BOOST_TEST(tc::process_state(p).value_or('?') == 'T',
                   "pid " << p.pid << " state " << tc::process_state(p).value_or('?') << " "
                          << tc::read_file("/proc/" + std::to_string(p.pid) + "/cmdline"));

    auto probe = with(sshd.ssh_command(), {"true"});
    probe.insert(probe.begin() + 1, {"-o", "ConnectTimeout=2"});
    auto t0 = steady::now();
    const auto refused = tc::run_command(probe, std::nullopt, 20s);
    const double waited = seconds_since(t0);
    BOOST_TEST(refused.exit_code == 255, diagnose(probe, refused, sshd));
    BOOST_TEST(!refused.timed_out);
    BOOST_TEST(waited < 10.0);
    BOOST_TEST_MESSAGE("ssh against the paused sshd gave up after " << waited
                                                                    << " s: " << refused.err);

    sshd.resume_all();
    for (const auto& p : tree)
        BOOST_TEST(tc::process_state(p).value_or('?') != 'T', "pid " << p.pid);
    const auto accepted = tc::run_command(probe, std::nullopt, 20s);
    BOOST_TEST(accepted.exit_code == 0, diagnose(probe, accepted, sshd));

    // stop() takes the connection's processes (and the remote sleep) down with the listener.
    sshd.stop();
    for (const auto& p : tree)
        BOOST_TEST(!tc::is_running(p), "pid " << p.pid << " survived stop()");
    const auto status = tc::wait_for_exit(session, 10s);
    BOOST_TEST(status.has_value(), "the ssh client did not notice the server going away");
    if (status)
        reaper.pid = -1;
}

BOOST_AUTO_TEST_CASE(restart_keeps_port_and_destructor_leaves_nothing) {
    std::optional<tc::process_id> listener;
    {
        tc::sshd_fixture sshd;
        const auto port = sshd.port();
        listener = tc::identify_process(sshd.pid());
        sshd.stop();
        BOOST_TEST(!sshd.running());
        BOOST_TEST(!tc::is_running(*listener));
        sshd.start();
        BOOST_TEST(sshd.port() == port);
        const auto argv = with(sshd.ssh_command(), {"true"});
        const auto result = tc::run_command(argv, std::nullopt, 20s);
        BOOST_TEST(result.exit_code == 0, diagnose(argv, result, sshd));
        listener = tc::identify_process(sshd.pid());
        BOOST_TEST_REQUIRE(listener.has_value());
    }
    // Seen once under heavy load: the listener still listed right after the destructor. A
    // leaked sshd would stay; give a slow kernel a bounded moment before judging.
    for (int i = 0; i < 50 && tc::is_running(*listener); ++i)
        std::this_thread::sleep_for(100ms);
    BOOST_TEST(!tc::is_running(*listener), "state " << tc::process_state(*listener).value_or('?'));
}

BOOST_AUTO_TEST_CASE(restart_on_a_taken_port_moves_to_another) {
    tc::sshd_fixture sshd;
    const auto old_port = sshd.port();
    sshd.stop();
    // Hold the old port so that sshd's first bind fails with "Address already in use".
    const int holder = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    BOOST_TEST_REQUIRE(holder >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(old_port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool held = ::bind(holder, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                      ::listen(holder, 1) == 0;
    BOOST_TEST_REQUIRE(held);
    sshd.start();
    ::close(holder);
    BOOST_TEST(sshd.port() != old_port);
    const auto argv = with(sshd.ssh_command(), {"true"});
    const auto result = tc::run_command(argv, std::nullopt, 20s);
    BOOST_TEST(result.exit_code == 0, diagnose(argv, result, sshd));
}

BOOST_AUTO_TEST_CASE(password_user_is_provisioned) {
    tc::ensure_password_user(); // throws, asking for scripts/setup, when it cannot
    const auto user = tc::password_user();
    BOOST_TEST(user.name == "fleetsh-test");
    BOOST_TEST(user.password == "fleetsh-test-pw");
    const passwd* pw = ::getpwnam(user.name.c_str());
    BOOST_TEST_REQUIRE(pw != nullptr);
    // The suite runs as root (scripts/test, CI): only root's sshd can log in another account.
    BOOST_TEST_REQUIRE(::geteuid() == 0, "the integration tests must run as root");
    const std::vector<std::string> getent{"getent", "shadow", user.name};
    const auto shadow = tc::run_command(getent);
    BOOST_TEST_REQUIRE(shadow.exit_code == 0, tc::describe(getent, shadow));
    // name:hash:... with a usable hash (not empty, not locked with '!' or '*').
    const auto first = shadow.out.find(':');
    const std::string hash =
        shadow.out.substr(first + 1, shadow.out.find(':', first + 1) - first - 1);
    BOOST_TEST(!hash.empty());
    BOOST_TEST(hash.front() != '!');
    BOOST_TEST(hash.front() != '*');
}

BOOST_AUTO_TEST_CASE(password_fixture_offers_password_and_admits_the_test_user) {
    BOOST_TEST_REQUIRE(::geteuid() == 0, "the integration tests must run as root");
    tc::sshd_fixture sshd({.password_authentication = true});
    auto argv = with(sshd.ssh_command(), {"id -un"});
    argv.insert(argv.begin() + 1, {"-v", "-l", tc::password_user().name});
    const auto result = tc::run_command(argv, std::nullopt, 20s);
    BOOST_TEST(result.exit_code == 0, diagnose(argv, result, sshd));
    BOOST_TEST(result.out == tc::password_user().name + "\n", diagnose(argv, result, sshd));
    BOOST_TEST(result.err.find("Authentications that can continue: publickey,password") !=
                   std::string::npos,
               diagnose(argv, result, sshd));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(run_command)

BOOST_AUTO_TEST_CASE(feeds_input_and_captures_both_streams) {
    const auto result = tc::run_command({"sh", "-c", "cat; echo oops >&2; exit 7"}, "abc");
    BOOST_TEST(result.exit_code == 7);
    BOOST_TEST(result.out == "abc");
    BOOST_TEST(result.err == "oops\n");
    BOOST_TEST(!result.timed_out);
}

BOOST_AUTO_TEST_CASE(kills_on_timeout_including_descendants) {
    const auto t0 = steady::now();
    // The shell's child holds stdout open too: the timeout must not wait for it.
    const auto result = tc::run_command({"sh", "-c", "sleep 30 & sleep 30"}, std::nullopt, 300ms);
    BOOST_TEST(result.timed_out);
    BOOST_TEST(result.exit_code == 128 + SIGKILL);
    BOOST_TEST(seconds_since(t0) < 3.0);
}

BOOST_AUTO_TEST_CASE(missing_tool_fails_loudly) {
    BOOST_CHECK_EXCEPTION(tc::run_command({"fleetsh-no-such-tool"}), std::runtime_error,
                          [](const std::runtime_error& e) {
                              return std::string(e.what()).find("fleetsh-no-such-tool") !=
                                     std::string::npos;
                          });
}

BOOST_AUTO_TEST_SUITE_END()
