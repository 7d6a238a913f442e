// `fleetsh exec` as a person runs it, against a throwaway sshd.
#include <test_common/run_command.hpp>
#include <test_common/sshd_fixture.hpp>

#include <boost/test/unit_test.hpp>

using test_common::key_type;
using test_common::run_command;
using test_common::sshd_fixture;

namespace {

std::vector<std::string> fleetsh_exec(const sshd_fixture& sshd, std::vector<std::string> extra,
                                      std::vector<std::string> command) {
    std::vector<std::string> argv = {
        FLEETSH_BINARY, "exec",
        "-p",           std::to_string(sshd.port()),
        "-i",           sshd.client_key_path(key_type::ed25519).string(),
        "-o",           "UserKnownHostsFile=" + sshd.known_hosts_path().string(),
        "-o",           "StrictHostKeyChecking=yes"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(sshd.user() + "@" + sshd.host());
    argv.insert(argv.end(), command.begin(), command.end());
    return argv;
}

} // namespace

BOOST_AUTO_TEST_SUITE(exec_cli)

BOOST_AUTO_TEST_CASE(prints_output_and_exits_with_the_remote_status) {
    sshd_fixture sshd;
    const auto argv = fleetsh_exec(sshd, {}, {"echo", "out;", "echo", "err", ">&2;", "exit", "7"});
    const auto r = run_command(argv);
    BOOST_TEST(r.exit_code == 7, test_common::describe(argv, r) << sshd.log());
    BOOST_TEST(r.out == "out\n");
    BOOST_TEST(r.err == "err\n");
}

BOOST_AUTO_TEST_CASE(command_words_with_dashes_reach_the_server) {
    sshd_fixture sshd;
    const auto argv = fleetsh_exec(sshd, {}, {"--", "uname", "-s"});
    const auto r = run_command(argv);
    BOOST_TEST(r.exit_code == 0, test_common::describe(argv, r));
    BOOST_TEST(r.out == "Linux\n");
}

BOOST_AUTO_TEST_CASE(openssh_options_shape_the_connection) {
    sshd_fixture sshd;
    const auto argv = fleetsh_exec(sshd,
                                   {"-o", "Ciphers=aes256-ctr", "-o", "MACs=hmac-sha2-512", "-o",
                                    "KexAlgorithms=ecdh-sha2-nistp384"},
                                   {"true"});
    const auto r = run_command(argv);
    BOOST_TEST(r.exit_code == 0, test_common::describe(argv, r));
    const auto bad = run_command(fleetsh_exec(sshd, {"-o", "Ciphers=rot13"}, {"true"}));
    BOOST_TEST(bad.exit_code == 2);
    BOOST_TEST(bad.err.find("rot13") != std::string::npos, bad.err);
}

BOOST_AUTO_TEST_CASE(failures_exit_255_with_a_message) {
    sshd_fixture sshd;
    // Unknown host key under StrictHostKeyChecking=yes.
    auto argv = fleetsh_exec(sshd, {"-o", "UserKnownHostsFile=/dev/null"}, {"true"});
    auto r = run_command(argv);
    BOOST_TEST(r.exit_code == 255, test_common::describe(argv, r));
    BOOST_TEST(r.err.find("SHA256:") != std::string::npos, r.err);

    // Nobody listening.
    const auto port = sshd.port();
    sshd.stop();
    argv = fleetsh_exec(sshd, {"-o", "ConnectTimeout=5"}, {"true"});
    r = run_command(argv);
    BOOST_TEST(r.exit_code == 255, test_common::describe(argv, r));
    BOOST_TEST(r.err.find("refused") != std::string::npos, r.err);
    BOOST_TEST(r.err.find(std::to_string(port)) != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
