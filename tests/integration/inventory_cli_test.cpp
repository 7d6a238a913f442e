// `fleetsh inventory` as a person runs it: listing, filters, one host shown, errors, exit 2.
#include <test_common/run_command.hpp>
#include <test_common/temp_dir.hpp>

#include <boost/test/unit_test.hpp>

using test_common::run_command;

namespace {

constexpr const char* inventory_yaml = R"(defaults:
  username: admin
  password: Hunter2-literal
  enable_secret: "${env:FLEETSH_CLI_TEST_ENABLE}"
groups:
  cisco_ios: {platform: cisco_ios}
  core: {groups: [cisco_ios], data: {site: ams}}
hosts:
  ios-0001: {address: 127.0.0.1, port: 20000, groups: [core], tags: [faulty]}
  ios-0002: {address: 127.0.0.1, port: 20001, groups: [cisco_ios]}
  eos-0001: {address: 127.0.0.2, platform: eos}
)";

struct fixture {
    test_common::temp_dir dir;
    std::string path = (dir / "inventory.yaml").string();
    fixture() { test_common::write_file(path, inventory_yaml); }

    test_common::command_result run(std::vector<std::string> args) const {
        std::vector<std::string> argv{FLEETSH_BINARY, "inventory", "-i", path};
        argv.insert(argv.end(), args.begin(), args.end());
        test_common::command_options options;
        options.extra_env = {"FLEETSH_CLI_TEST_ENABLE=Env-enable-99"};
        return run_command(argv, options);
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(inventory_cli)

BOOST_FIXTURE_TEST_CASE(lists_every_host, fixture) {
    const auto r = run({});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out == "NAME      ADDRESS          PLATFORM    GROUPS     TAGS\n"
                        "ios-0001  127.0.0.1:20000  cisco_ios   core       faulty\n"
                        "ios-0002  127.0.0.1:20001  cisco_ios   cisco_ios  -\n"
                        "eos-0001  127.0.0.2:22     arista_eos  -          -\n");
}

BOOST_FIXTURE_TEST_CASE(filters_and_together, fixture) {
    const auto r = run({"--filter", "name=ios-*", "--filter", "data.site=ams"});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("ios-0001") != std::string::npos);
    BOOST_TEST(r.out.find("ios-0002") == std::string::npos);
    BOOST_TEST(r.out.find("eos-0001") == std::string::npos);
    const auto json = run({"--filter", "group=cisco_ios", "--json"});
    BOOST_TEST(
        json.out.find("{\"name\":\"ios-0002\",\"address\":\"127.0.0.1\",\"port\":20001,"
                      "\"platform\":\"cisco_ios\",\"groups\":[\"cisco_ios\"],\"tags\":[]}") !=
            std::string::npos,
        json.out);
}

BOOST_FIXTURE_TEST_CASE(shows_one_host_with_sources_and_masked_secrets, fixture) {
    const auto r = run({"--show", "ios-0001"});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("platform       cisco_ios") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("group cisco_ios") != std::string::npos, r.out);
    BOOST_TEST(r.out.find(path + ":6:15\n") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("password       ********") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("${env:FLEETSH_CLI_TEST_ENABLE}") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("Hunter2-literal") == std::string::npos, r.out);
    BOOST_TEST(r.out.find("Env-enable-99") == std::string::npos, r.out);
    const auto json = run({"--show", "ios-0001", "--json"});
    BOOST_TEST(json.out.find("Hunter2-literal") == std::string::npos, json.out);
    BOOST_TEST(json.out.find("\"password\":{\"value\":\"********\",\"from\":\"defaults\"") !=
                   std::string::npos,
               json.out);
}

BOOST_FIXTURE_TEST_CASE(usage_and_inventory_errors_exit_2, fixture) {
    auto r = run({"--filter", "colour=red"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("unknown filter field \"colour\"") != std::string::npos, r.err);

    r = run({"--show", "nope"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("no host named \"nope\"") != std::string::npos, r.err);

    test_common::write_file(path, "hosts:\n  r1:\n    port: 0\n    password: Hunter2-literal\n"
                                  "    groups: [missing]\n");
    r = run({});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err == path + ":3:11: bad port 0 in host \"r1\": must be 1 to 65535\n" + path +
                            ":5:14: host \"r1\" is in unknown group \"missing\"\n"
                            "fleetsh inventory: " +
                            path + " has errors\n");
    BOOST_TEST(r.err.find("Hunter2-literal") == std::string::npos);

    const auto missing = run_command({FLEETSH_BINARY, "inventory"});
    BOOST_TEST(missing.exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
