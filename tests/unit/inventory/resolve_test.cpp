// Inheritance: host, then its groups depth first (each once), then defaults; provenance.
#include "inventory_test_support.hpp"

#include <chrono>

using namespace inventory_test;
using inventory::origin;

BOOST_AUTO_TEST_SUITE(inventory_resolve)

constexpr std::string_view layered = R"(defaults:
  username: ops
  password: "${env:FLEETSH_TEST_PW}"
  port: 2222
  tags: [all]
  data: {site: lon, tier: "3"}
  connection:
    connect_timeout: 10
    host_key_policy: accept-new
groups:
  core:
    groups: [routers, ams]
    data: {tier: "1"}
    tags: [core]
  routers:
    platform: ios
    groups: [base]
    connection:
      kex_timeout: 500ms
  ams:
    data: {site: ams}
    groups: [base]
    port: 22
  base:
    username: base-user
    data: {site: base}
  edge:
    platform: arista_eos
    port: 830
hosts:
  r1:
    address: 10.0.0.1
    groups: [core, edge]
    tags: [special, core]
    connection:
      ssh_options: {Compression: "yes"}
  r2:
    hostname: 10.0.0.2
    groups: [edge, core]
  bare:
)";

BOOST_AUTO_TEST_CASE(values_resolve_host_then_groups_depth_first_then_defaults) {
    const auto hosts = load_ok(layered, no_reference_check());
    BOOST_TEST_REQUIRE(hosts.size() == 3u);
    const auto& r1 = host(hosts, "r1");
    // core -> routers -> base, then ams (base already visited), then edge.
    BOOST_TEST(r1.all_groups ==
                   (std::vector<std::string>{"core", "routers", "base", "ams", "edge"}),
               boost::test_tools::per_element());
    BOOST_TEST(r1.groups == (std::vector<std::string>{"core", "edge"}),
               boost::test_tools::per_element());
    BOOST_TEST(r1.address == "10.0.0.1");
    BOOST_TEST(r1.platform == "cisco_ios"); // routers (alias ios) before edge
    BOOST_TEST(r1.sources.at("platform").text() == "group routers");
    BOOST_TEST(r1.username == "base-user"); // base (via routers) before defaults
    BOOST_TEST(r1.port == 22);              // ams before edge and defaults
    BOOST_TEST(r1.sources.at("port").text() == "group ams");
    BOOST_TEST(r1.data.at("tier") == "1");
    BOOST_TEST(r1.data.at("site") == "base"); // base comes before ams in the order
    BOOST_TEST(r1.tags == (std::vector<std::string>{"special", "core", "all"}),
               boost::test_tools::per_element());
    BOOST_TEST((r1.connection.kex_timeout == std::chrono::milliseconds(500)));
    BOOST_TEST((r1.connection.connect_timeout == std::chrono::milliseconds(10000)));
    BOOST_TEST(r1.sources.at("connection.connect_timeout").text() == "defaults");
    BOOST_TEST((r1.connection.policy == inventory::host_key_policy::accept_new));
    BOOST_TEST(r1.connection.ssh_options.at("Compression") == "yes");
    BOOST_TEST((r1.sources.at("address").from == origin::level::host));
    BOOST_TEST(r1.sources.at("address").mark.text() == "/tmp/inv/inventory.yaml:32:5");
    BOOST_TEST(r1.password.has_value());
    BOOST_TEST(r1.sources.at("password").mark.text() == "/tmp/inv/inventory.yaml:3:3");
}

BOOST_AUTO_TEST_CASE(group_order_on_the_host_decides) {
    const auto hosts = load_ok(layered, no_reference_check());
    const auto& r2 = host(hosts, "r2");
    BOOST_TEST(r2.address == "10.0.0.2"); // Nornir's name for the address
    BOOST_TEST(r2.platform == "arista_eos");
    BOOST_TEST(r2.port == 830);
    BOOST_TEST(r2.sources.at("port").text() == "group edge");
}

BOOST_AUTO_TEST_CASE(a_host_with_nothing_takes_defaults_and_its_name) {
    const auto hosts = load_ok(layered, no_reference_check());
    const auto& bare = host(hosts, "bare");
    BOOST_TEST(bare.address == "bare");
    BOOST_TEST(bare.sources.count("address") == 0u);
    BOOST_TEST(bare.port == 2222);
    BOOST_TEST(bare.username == "ops");
    BOOST_TEST(bare.platform.empty());
    BOOST_TEST(bare.data.at("site") == "lon");
    BOOST_TEST(bare.defined_at.text() == "/tmp/inv/inventory.yaml:40:3");
}

BOOST_AUTO_TEST_CASE(relative_paths_are_anchored_at_the_inventory) {
    const auto hosts = load_ok(R"(hosts:
  h:
    key: keys/id_ed25519
    connection: {known_hosts: ../kh, device_timeout: 120s}
)",
                               no_reference_check());
    const auto& h = host(hosts, "h");
    BOOST_TEST(h.key->string() == "/tmp/inv/keys/id_ed25519");
    BOOST_TEST(h.connection.known_hosts->string() == "/tmp/kh");
    BOOST_TEST((h.connection.device_timeout == std::chrono::milliseconds(120000)));
}

BOOST_AUTO_TEST_SUITE_END()
