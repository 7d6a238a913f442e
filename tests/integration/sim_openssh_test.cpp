// OpenSSH's ssh client against the simulated fleet: exec, a shell driven through ssh -tt,
// every key exchange, cipher, MAC and host key type forced with -o, key and password login.
#include "sim_support.hpp"
#include <sys/stat.h>

#include <test_common/run_command.hpp>
#include <test_common/test_keys.hpp>

using namespace client_support;
using sim_support::running_fleet;
using test_common::key_type;

namespace {

std::shared_ptr<const ssh::crypto::private_key> user_key() {
    return load_key(test_common::cached_client_key(key_type::ed25519).private_key);
}

sim::fleet_options options(std::string mix, std::string quirks = {}) {
    sim::fleet_options o;
    o.devices = 1;
    o.mix = std::move(mix);
    o.quirks = std::move(quirks);
    o.seed = 9;
    o.authorized_keys = {user_key()->public_key()};
    return o;
}

struct openssh {
    const running_fleet& fleet;
    const sim::device_info& device;
    std::vector<std::string> argv(std::vector<std::string> extra, bool with_key = true) const {
        std::vector<std::string> a = {"ssh",
                                      "-F",
                                      "/dev/null",
                                      "-o",
                                      "StrictHostKeyChecking=yes",
                                      "-o",
                                      "UserKnownHostsFile=" + fleet.known_hosts_path().string(),
                                      "-o",
                                      "IdentitiesOnly=yes",
                                      "-o",
                                      "ConnectTimeout=10",
                                      "-p",
                                      std::to_string(device.port)};
        if (with_key) {
            a.insert(a.end(),
                     {"-o", "BatchMode=yes", "-i",
                      test_common::cached_client_key(key_type::ed25519).private_key.string()});
        }
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    }
    std::string target() const { return device.profile.username + "@" + device.address; }
};

std::string model_exec(const sim::device_info& d, std::string_view command) {
    auto model = sim::make_device_model(d.profile, sim::sim_clock::now());
    return model->exec(command, sim::sim_clock::now()).out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(sim_openssh)

BOOST_AUTO_TEST_CASE(exec_with_key_login) {
    running_fleet f(options("cisco_ios=1"));
    const auto& d = f.device("ios-0001");
    const openssh ssh{f, d};
    const auto argv = ssh.argv({ssh.target(), "show version"});
    const auto r = test_common::run_command(argv);
    BOOST_TEST(r.exit_code == 0, test_common::describe(argv, r));
    BOOST_TEST(r.out == model_exec(d, "show version"));
}

BOOST_AUTO_TEST_CASE(password_and_keyboard_interactive_login) {
    running_fleet f(options("linux=1"));
    const auto& d = f.device("linux-0001");
    const openssh ssh{f, d};
    test_common::temp_dir dir;
    const auto askpass = dir / "askpass";
    test_common::write_file(askpass, "#!/bin/sh\necho admin\n");
    ::chmod(askpass.c_str(), 0700);
    for (const char* method : {"password", "keyboard-interactive"}) {
        const auto argv = ssh.argv({"-o", std::string("PreferredAuthentications=") + method, "-o",
                                    "NumberOfPasswordPrompts=1", ssh.target(), "hostname"},
                                   false);
        test_common::command_options o;
        o.extra_env = {"SSH_ASKPASS=" + askpass.string(), "SSH_ASKPASS_REQUIRE=force",
                       "DISPLAY=:0"};
        const auto r = test_common::run_command(argv, o);
        BOOST_TEST(r.exit_code == 0, method << ": " << test_common::describe(argv, r));
        BOOST_TEST(r.out == "linux-0001\n", method);
    }
}

BOOST_AUTO_TEST_CASE(every_algorithm_forced) {
    running_fleet f(options("arista_eos=1"));
    const auto& d = f.device("eos-0001");
    const openssh ssh{f, d};
    const std::vector<std::string> forced = {
        "KexAlgorithms=curve25519-sha256",
        "KexAlgorithms=curve25519-sha256@libssh.org",
        "KexAlgorithms=ecdh-sha2-nistp256",
        "KexAlgorithms=ecdh-sha2-nistp384",
        "KexAlgorithms=ecdh-sha2-nistp521",
        "KexAlgorithms=diffie-hellman-group14-sha256",
        "KexAlgorithms=diffie-hellman-group16-sha512",
        "KexAlgorithms=diffie-hellman-group18-sha512",
        "KexAlgorithms=diffie-hellman-group-exchange-sha256",
        "Ciphers=chacha20-poly1305@openssh.com",
        "Ciphers=aes128-gcm@openssh.com",
        "Ciphers=aes256-gcm@openssh.com",
        "Ciphers=aes128-ctr",
        "Ciphers=aes192-ctr",
        "Ciphers=aes256-ctr",
        "MACs=hmac-sha2-256-etm@openssh.com",
        "MACs=hmac-sha2-512-etm@openssh.com",
        "MACs=hmac-sha2-256",
        "MACs=hmac-sha2-512",
        "HostKeyAlgorithms=ssh-ed25519",
        "HostKeyAlgorithms=ecdsa-sha2-nistp256",
        "HostKeyAlgorithms=rsa-sha2-512",
        "HostKeyAlgorithms=rsa-sha2-256",
    };
    const auto expected = model_exec(d, "show version");
    for (const auto& option : forced) {
        std::vector<std::string> extra = {"-o", option};
        if (option.starts_with("MACs"))
            extra.insert(extra.end(), {"-o", "Ciphers=aes128-ctr"}); // a cipher that uses a MAC
        extra.insert(extra.end(), {ssh.target(), "show version"});
        const auto argv = ssh.argv(extra);
        const auto r = test_common::run_command(argv);
        BOOST_TEST(r.exit_code == 0, option << ": " << test_common::describe(argv, r));
        BOOST_TEST(r.out == expected, option);
    }
}

BOOST_AUTO_TEST_CASE(shell_through_ssh_tt_with_scripted_input) {
    running_fleet f(options("cisco_ios=1", "banner=Authorized access only"));
    const auto& d = f.device("ios-0001");
    const openssh ssh{f, d};
    const auto argv = ssh.argv({"-tt", ssh.target()});
    const auto r = test_common::run_command(
        argv, std::string("enable\nenable\nterminal length 0\nshow running-config\nexit\n"));
    BOOST_TEST(r.exit_code == 0, test_common::describe(argv, r));
    BOOST_TEST(r.out.find("ios-0001>") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("ios-0001#") != std::string::npos);
    BOOST_TEST(r.out.find("Current configuration : ") != std::string::npos);
    BOOST_TEST(r.out.find("\r\n") != std::string::npos); // a terminal's line ends
    BOOST_TEST(r.err.find("Authorized access only") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(junos_shell_and_linux_exec_through_openssh) {
    running_fleet f(options("juniper_junos=1"));
    const auto& d = f.device("junos-0001");
    const openssh ssh{f, d};
    const auto argv = ssh.argv({"-tt", ssh.target()});
    const auto r = test_common::run_command(argv, std::string("show version | no-more\nexit\n"));
    BOOST_TEST(r.exit_code == 0, test_common::describe(argv, r));
    BOOST_TEST(r.out.find("admin@junos-0001> ") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_SUITE_END()
