// bench/peers' contract (bench/peers/README.md), held by the one peer CI can run everywhere:
// openssh_peer.py (Python's standard library and OpenSSH's ssh) against a throwaway sshd, in
// every workload, with its figures checked against what the commands print, and its error
// classes against hosts that refuse the connection or show another host key.
#include <test_common/run_command.hpp>
#include <test_common/sshd_fixture.hpp>
#include <test_common/temp_dir.hpp>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>

namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

const std::string peer = std::string(FLEETSH_SOURCE_DIR) + "/bench/peers/openssh_peer.py";

struct host_entry {
    std::string name;
    std::uint16_t port;
};

// targets.json for `hosts` on the fixture's address, with a known_hosts that lists the
// fixture's real ed25519 key for every port but `wrong_key_port`, which gets another one.
std::string write_targets(const test_common::sshd_fixture& sshd, const test_common::temp_dir& dir,
                          const std::vector<host_entry>& hosts, std::uint16_t wrong_key_port = 0) {
    using test_common::key_type;
    const auto known_hosts = dir / "known_hosts";
    std::ofstream kh(known_hosts);
    json::array list;
    for (const auto& h : hosts) {
        const auto& key = h.port == wrong_key_port
                              ? test_common::cached_client_key(key_type::ed25519).public_line
                              : sshd.host_public_key(key_type::ed25519);
        kh << "[" << sshd.host() << "]:" << h.port << " " << key << "\n";
        list.push_back(json::object{{"name", h.name}, {"host", sshd.host()}, {"port", h.port}});
    }
    const auto targets = dir / "targets.json";
    std::ofstream(targets) << json::serialize(json::object{
        {"user", sshd.user()},
        {"key", test_common::cached_client_key(key_type::ed25519).private_key.string()},
        {"known_hosts", known_hosts.string()},
        {"hosts", std::move(list)}});
    return targets.string();
}

json::object run_peer(const std::string& targets, const std::string& workload,
                      const std::string& command) {
    const std::vector<std::string> argv = {"/usr/bin/python3",
                                           peer,
                                           "--targets",
                                           targets,
                                           "--workload",
                                           workload,
                                           "--concurrency",
                                           "2",
                                           "--command",
                                           command,
                                           "--commands-per-connection",
                                           "3",
                                           "--channels-per-connection",
                                           "4",
                                           "--timeout",
                                           "20"};
    const auto r = test_common::run_command(argv, std::nullopt, 120s);
    BOOST_TEST_REQUIRE(r.exit_code == 0, test_common::describe(argv, r));
    // One JSON line on stdout, nothing else.
    return json::parse(r.out).as_object();
}

std::int64_t number(const json::object& o, const char* key) {
    return o.at(key).to_number<std::int64_t>();
}

} // namespace

BOOST_AUTO_TEST_SUITE(bench_peers)

BOOST_AUTO_TEST_CASE(every_workload_counts_what_the_commands_print) {
    test_common::sshd_fixture sshd;
    test_common::temp_dir dir;
    const auto targets =
        write_targets(sshd, dir, {{"a", sshd.port()}, {"b", sshd.port()}, {"c", sshd.port()}});
    struct expected {
        std::string workload;
        std::int64_t commands; // over the 3 hosts
    };
    for (const auto& e :
         {expected{"sessions", 3}, expected{"commands", 9}, expected{"channels", 12}}) {
        BOOST_TEST_CONTEXT(e.workload) {
            // 6 bytes on stdout and 4 on stderr: both are counted.
            const auto line = run_peer(targets, e.workload, "printf abcdef; printf xyz1 >&2");
            BOOST_TEST(line.at("tool").as_string() == "openssh");
            BOOST_TEST(line.at("workload").as_string() == e.workload);
            BOOST_TEST(number(line, "devices") == 3);
            BOOST_TEST(number(line, "ok") == 3);
            BOOST_TEST(number(line, "failed") == 0);
            BOOST_TEST(number(line, "commands") == e.commands);
            BOOST_TEST(number(line, "bytes") == 10 * e.commands);
            BOOST_TEST(line.at("cpu_s").to_number<double>() > 0);
            BOOST_TEST(line.at("wall_s").to_number<double>() > 0);
            BOOST_TEST(line.at("errors").as_object().empty());
        }
    }
    // Bulk: counted as it is read, every byte.
    const auto bulk = run_peer(targets, "bulk", "head -c 3145728 /dev/zero");
    BOOST_TEST(number(bulk, "ok") == 3);
    BOOST_TEST(number(bulk, "bytes") == 3 * 3145728);
    BOOST_TEST(bulk.at("mb_per_s").to_number<double>() > 0);
}

BOOST_AUTO_TEST_CASE(failed_hosts_get_fleetsh_classes_and_the_others_carry_on) {
    test_common::sshd_fixture sshd;
    test_common::temp_dir dir;
    // A port nothing listens on: the fixture's own, once it is stopped.
    std::uint16_t closed_port = 0;
    {
        test_common::sshd_fixture other;
        closed_port = other.port();
    }
    // A second sshd (known_hosts entries are per [host]:port), listed with another key.
    test_common::sshd_fixture mismatched;
    const auto targets = write_targets(
        sshd, dir,
        {{"good", sshd.port()}, {"refused", closed_port}, {"mismatch", mismatched.port()}},
        mismatched.port());
    const auto line = run_peer(targets, "sessions", "true");
    BOOST_TEST(number(line, "devices") == 3);
    BOOST_TEST(number(line, "ok") == 1);
    BOOST_TEST(number(line, "failed") == 2);
    const auto& errors = line.at("errors").as_object();
    BOOST_TEST(number(errors, "connection_refused") == 1);
    BOOST_TEST(number(errors, "host_key_mismatch") == 1);
    // A command's own non-zero exit fails its host as device_error.
    const auto failing = run_peer(targets, "sessions", "exit 3");
    BOOST_TEST(number(failing.at("errors").as_object(), "device_error") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
