// `fleetsh collect` against a real OpenSSH sshd (the linux platform, exec channels): three
// inventory hosts on the one throwaway server, each command's file byte-identical to what the
// server's side holds; a failing command keeps its output and fails only its device.
// Password logins need root (sshd checks passwords only as root), as CI runs.
#include <sys/utsname.h>

#include <test_common/password_user.hpp>
#include <test_common/run_command.hpp>
#include <test_common/sshd_fixture.hpp>
#include <test_common/temp_dir.hpp>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using test_common::key_type;

namespace {

// 48 KiB of every byte value but NUL in a fixed order: larger than one channel packet.
std::string payload() {
    std::string out;
    for (int i = 0; out.size() < 48 * 1024; ++i)
        out += static_cast<char>(1 + (i * 37) % 255);
    return out;
}

// The test account logs in with its password, given by reference: a ${file:...} next to the
// inventory. (Its login shell is /bin/sh, so no shell start-up file adds to the output.)
std::string inventory_for(const test_common::sshd_fixture& sshd, const fs::path& dir) {
    test_common::ensure_password_user(); // fails loudly when not root and the user is missing
    test_common::write_file(dir / "password.txt", test_common::password_user().password);
    std::string yaml = "defaults:\n"
                       "  platform: linux\n"
                       "  username: \"" +
                       test_common::password_user().name +
                       "\"\n"
                       "  password: \"${file:password.txt}\"\n"
                       "  connection:\n"
                       "    known_hosts: \"" +
                       sshd.known_hosts_path().string() +
                       "\"\n"
                       "    host_key_policy: strict\n"
                       "    device_timeout: 60s\n"
                       "hosts:\n";
    for (const char* name : {"srv-a", "srv-b", "srv-c"})
        yaml += std::string("  ") + name + ":\n    address: " + sshd.host() +
                "\n    port: " + std::to_string(sshd.port()) + "\n";
    return yaml;
}

} // namespace

BOOST_AUTO_TEST_SUITE(collect_sshd)

BOOST_AUTO_TEST_CASE(files_match_what_the_server_holds) {
    test_common::sshd_fixture sshd{test_common::sshd_options{.password_authentication = true}};
    test_common::temp_dir dir;
    const auto data = dir / "payload.bin";
    test_common::write_file(data, payload());
    test_common::write_file(dir / "inventory.yaml", inventory_for(sshd, dir.path()));
    // The test account reads the payload through the folder.
    fs::permissions(dir.path(), fs::perms::others_read | fs::perms::others_exec,
                    fs::perm_options::add);
    fs::permissions(data, fs::perms::others_read, fs::perm_options::add);
    const std::vector<std::string> argv = {FLEETSH_BINARY, "collect",
                                           "-i",           (dir / "inventory.yaml").string(),
                                           "--out",        (dir / "results").string(),
                                           "-c",           "uname -s",
                                           "-c",           "cat " + data.string(),
                                           "-c",           "printf 'out\\n'; printf 'err\\n' >&2"};
    const auto r = test_common::run_command(argv);
    BOOST_TEST(r.exit_code == 0, test_common::describe(argv, r) << "\nsshd log:\n" << sshd.log());
    const auto run = dir / "results" / "latest";
    utsname u{};
    BOOST_REQUIRE(::uname(&u) == 0);
    for (const char* name : {"srv-a", "srv-b", "srv-c"}) {
        BOOST_TEST(test_common::read_file(run / name / "uname_-s.txt") ==
                       std::string(u.sysname) + "\n",
                   name);
        std::string copied;
        for (const auto& e : fs::directory_iterator(run / name))
            if (e.path().filename().string().starts_with("cat_"))
                copied = test_common::read_file(e.path());
        BOOST_TEST(copied == payload(), name << ": the 48 KiB file differs");
    }
    const auto summary = boost::json::parse(test_common::read_file(run / "summary.json"));
    BOOST_TEST(summary.at("devices_ok").as_int64() == 3);
    for (const auto& d : summary.at("devices").as_array()) {
        BOOST_TEST(d.at("platform").as_string() == "linux");
        BOOST_TEST(d.at("bytes").as_int64() >= static_cast<std::int64_t>(payload().size()));
        // stdout then stderr, as the exec's file keeps them.
        const auto& commands = d.at("commands").as_array();
        BOOST_REQUIRE_EQUAL(commands.size(), 3u);
        BOOST_TEST(test_common::read_file(run / std::string(commands[2].at("file").as_string())) ==
                   "out\nerr\n");
    }
    // The password, given by reference, is in no file of the run.
    for (const auto& e : fs::recursive_directory_iterator(fs::canonical(run)))
        if (e.is_regular_file())
            BOOST_TEST(test_common::read_file(e.path()).find(
                           test_common::password_user().password) == std::string::npos,
                       e.path());
}

BOOST_AUTO_TEST_CASE(a_failing_command_fails_its_device_and_keeps_its_output) {
    test_common::sshd_fixture sshd{test_common::sshd_options{.password_authentication = true}};
    test_common::temp_dir dir;
    test_common::write_file(dir / "inventory.yaml", inventory_for(sshd, dir.path()));
    const std::vector<std::string> argv = {FLEETSH_BINARY,
                                           "collect",
                                           "-i",
                                           (dir / "inventory.yaml").string(),
                                           "--out",
                                           (dir / "results").string(),
                                           "--json",
                                           "--filter",
                                           "name=srv-b",
                                           "-c",
                                           "echo partial; ls /fleetsh-no-such-path",
                                           "-c",
                                           "uname -s"};
    const auto r = test_common::run_command(argv);
    BOOST_TEST(r.exit_code == 1, test_common::describe(argv, r));
    const auto line = boost::json::parse(r.out).as_object();
    BOOST_TEST(line.at("name").as_string() == "srv-b");
    BOOST_TEST(line.at("error_class").as_string() == "device_error");
    BOOST_TEST(std::string(line.at("error").as_string()).find("exit status 2") != std::string::npos,
               line);
    const auto run = dir / "results" / "latest" / "srv-b";
    const auto kept = test_common::read_file(run / "echo_partial_ls_fleetsh-no-such-path.txt");
    BOOST_TEST(kept.starts_with("partial\n"), kept);
    BOOST_TEST(kept.find("fleetsh-no-such-path") != std::string::npos, kept); // ls's stderr
    BOOST_TEST(!fs::exists(run / "uname_-s.txt")); // nothing runs after a failed command
}

BOOST_AUTO_TEST_SUITE_END()
