// Nornir's SimpleInventory folder and the inventory `fleetsh sim` writes.
#include "inventory_test_support.hpp"

#include <sim/fleet.hpp>
#include <test_common/temp_dir.hpp>

#include <boost/asio/io_context.hpp>

using namespace inventory_test;
using test_common::temp_dir;
using test_common::write_file;

BOOST_AUTO_TEST_SUITE(inventory_layouts)

BOOST_AUTO_TEST_CASE(nornir_simple_inventory_folder) {
    temp_dir dir;
    write_file(dir / "hosts.yaml", R"(---
r1:
  hostname: 192.0.2.1
  port: 22
  platform: ios
  groups:
    - core
  data:
    site: ams
  connection_options:
    netmiko:
      extras: {fast_cli: false}
r2:
  hostname: 192.0.2.2
  groups: [edge]
)");
    write_file(dir / "groups.yaml", R"(---
core:
  platform: nxos
  data: {role: core}
edge:
  platform: junos
  username: edge-user
)");
    write_file(dir / "defaults.yaml", "---\nusername: admin\npassword: secret\n");
    auto r = inventory::load_inventory(dir.path(), no_reference_check());
    if (auto* errors = std::get_if<inventory::error_list>(&r)) {
        BOOST_FAIL(all_text(*errors));
    }
    const auto& hosts = std::get<inventory::host_list>(r);
    const auto& r1 = host(hosts, "r1");
    BOOST_TEST(r1.address == "192.0.2.1");
    BOOST_TEST(r1.platform == "cisco_ios");
    BOOST_TEST(r1.data.at("role") == "core");
    BOOST_TEST(r1.username == "admin");
    BOOST_TEST(r1.sources.at("username").text() == "defaults");
    BOOST_TEST(r1.sources.at("username").mark.text() ==
               (dir.path() / "defaults.yaml").string() + ":2:1");
    const auto& r2 = host(hosts, "r2");
    BOOST_TEST(r2.platform == "juniper_junos");
    BOOST_TEST(r2.username == "edge-user");
    BOOST_TEST(r2.sources.at("platform").mark.text() ==
               (dir.path() / "groups.yaml").string() + ":6:3");
}

BOOST_AUTO_TEST_CASE(nornir_errors_name_their_own_file) {
    temp_dir dir;
    write_file(dir / "hosts.yaml", "r1:\n  hostname: a\n  groups: [nope]\n");
    write_file(dir / "groups.yaml", "g:\n  prot: 22\n");
    auto r = inventory::load_inventory(dir.path(), no_reference_check());
    const auto& errors = std::get<inventory::error_list>(r);
    BOOST_TEST_REQUIRE(errors.size() == 3u, all_text(errors));
    BOOST_TEST(errors[0].mark.text() == (dir.path() / "groups.yaml").string() + ":2:3");
    BOOST_TEST(errors[1].text() == (dir.path() / "hosts.yaml").string() +
                                       ":1:1: host \"r1\" (defined at " +
                                       (dir.path() / "hosts.yaml").string() +
                                       ":1:1) has no password and no key, from itself, its "
                                       "groups or the defaults");
    BOOST_TEST(errors[2].mark.text() == (dir.path() / "hosts.yaml").string() + ":3:12");
}

BOOST_AUTO_TEST_CASE(missing_hosts_file) {
    temp_dir dir;
    auto r = inventory::load_inventory(dir.path(), {});
    const auto& errors = std::get<inventory::error_list>(r);
    BOOST_TEST_REQUIRE(errors.size() == 1u);
    BOOST_TEST(errors[0].text().find("hosts.yaml: cannot read the inventory") != std::string::npos,
               errors[0].text());
}

BOOST_AUTO_TEST_CASE(the_simulators_inventory_loads) {
    boost::asio::io_context io; // never run: start() binds, inventory_yaml() only reads
    sim::fleet_options options;
    options.devices = 12;
    options.faults = "auth-reject@ios-0001";
    options.host_key_types = {ssh::crypto::key_type::ed25519};
    auto started = sim::fleet::start(io, options);
    if (auto* e = std::get_if<sim::fleet_error>(&started)) {
        BOOST_FAIL(e->message);
    }
    const auto& fleet = *std::get<std::unique_ptr<sim::fleet>>(started);
    temp_dir dir;
    write_file(dir / "inventory.yaml", fleet.inventory_yaml(dir / "known_hosts"));

    auto r = inventory::load_inventory(dir / "inventory.yaml", {});
    if (auto* errors = std::get_if<inventory::error_list>(&r)) {
        BOOST_FAIL(all_text(*errors));
    }
    const auto& hosts = std::get<inventory::host_list>(r);
    BOOST_TEST_REQUIRE(hosts.size() == fleet.devices().size());
    for (const auto& d : fleet.devices()) {
        const auto& h = host(hosts, d.profile.name);
        BOOST_TEST(h.address == d.address);
        BOOST_TEST(h.port == d.port);
        BOOST_TEST(h.platform == d.profile.platform);
        BOOST_TEST(h.sources.at("platform").text() == "group " + d.profile.platform);
        BOOST_TEST(h.username == "admin");
        BOOST_TEST((h.connection.policy == inventory::host_key_policy::strict));
        BOOST_TEST(h.connection.known_hosts->string() == (dir / "known_hosts").string());
        const auto password = h.password->resolve(h.base_dir);
        BOOST_TEST(std::get<inventory::secret>(password).reveal() == "admin");
    }
    const auto& faulty = host(hosts, "ios-0001");
    BOOST_TEST(faulty.tags == std::vector<std::string>{"faulty"}, boost::test_tools::per_element());
    BOOST_TEST(faulty.data.count("sim_behaviour") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
