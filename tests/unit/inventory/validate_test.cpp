// Every validation error, with its exact file:line:column; all errors at once.
#include "inventory_test_support.hpp"

using namespace inventory_test;

namespace {

// The single error of loading `yaml`, as "file:line:column: message".
std::string only_error(std::string_view yaml,
                       const inventory::load_options& options = no_reference_check()) {
    const auto errors = load_errors(yaml, options);
    BOOST_TEST_REQUIRE(errors.size() == 1u, all_text(errors));
    return errors.front().text();
}

constexpr std::string_view file = "/tmp/inv/inventory.yaml:";

} // namespace

BOOST_AUTO_TEST_SUITE(inventory_validate)

BOOST_AUTO_TEST_CASE(unknown_field) {
    BOOST_TEST(only_error("hosts:\n  r1:\n    password: x\n    adress: 10.0.0.1\n") ==
               std::string(file) +
                   "4:5: unknown field \"adress\" in host \"r1\" (fields: address (or hostname), "
                   "port, platform, username, password, key, passphrase, enable_secret, groups, "
                   "tags, data, connection, connection_options)");
}

BOOST_AUTO_TEST_CASE(unknown_connection_option) {
    BOOST_TEST(
        only_error("hosts:\n  r1:\n    password: x\n    connection:\n      timeout: 3\n")
            .rfind(std::string(file) + "5:7: unknown connection option \"timeout\" in host \"r1\"",
                   0) == 0);
}

BOOST_AUTO_TEST_CASE(wrong_type) {
    BOOST_TEST(only_error("hosts:\n  r1:\n    password: x\n    tags: core\n") ==
               std::string(file) + "4:11: tags of host \"r1\" must be a list, not text");
    BOOST_TEST(only_error("hosts:\n  r1:\n    password: x\n    username: [a, b]\n") ==
               std::string(file) + "4:15: username of host \"r1\" must be text, not a list");
}

BOOST_AUTO_TEST_CASE(bad_port) {
    BOOST_TEST(only_error("hosts:\n  r1:\n    password: x\n    port: 70000\n") ==
               std::string(file) + "4:11: bad port 70000 in host \"r1\": must be 1 to 65535");
    BOOST_TEST(only_error("groups:\n  g:\n    port: ssh\nhosts:\n  r1: {password: x}\n") ==
               std::string(file) + "3:11: port of group \"g\" must be a number, not \"ssh\"");
}

BOOST_AUTO_TEST_CASE(bad_duration_and_policy) {
    BOOST_TEST(only_error("defaults:\n  connection: {kex_timeout: 3x}\nhosts:\n  r1: "
                          "{password: x}\n") ==
               std::string(file) +
                   "2:29: bad duration \"3x\" for connection.kex_timeout in defaults: use "
                   "seconds (\"30\"), \"30s\" or \"500ms\", up to a day");
    BOOST_TEST(only_error("defaults:\n  connection:\n    host_key_policy: ask\nhosts:\n  r1: "
                          "{password: x}\n") ==
               std::string(file) + "3:22: host_key_policy \"ask\" is not allowed in an inventory "
                                   "(nobody is there to answer): use strict, accept-new, "
                                   "auto-add or off");
}

BOOST_AUTO_TEST_CASE(unknown_platform_uses_the_given_list) {
    const std::string yaml = "hosts:\n  r1:\n    password: x\n    platform: cisco_xr\n";
    BOOST_TEST(only_error(yaml) == std::string(file) +
                                       "4:5: unknown platform \"cisco_xr\" in host \"r1\" (known: "
                                       "cisco_ios, cisco_nxos, arista_eos, juniper_junos, linux)");
    auto options = no_reference_check();
    options.known_platforms.push_back("cisco_xr");
    BOOST_TEST(load_ok(yaml, options).front().platform == "cisco_xr");
}

BOOST_AUTO_TEST_CASE(duplicate_host_in_one_map) {
    BOOST_TEST(only_error("hosts:\n  r1: {password: x}\n  r2: {password: x}\n  r1: "
                          "{password: y}\n") ==
               std::string(file) + "4:3: duplicate host \"r1\" (first at line 2, column 3)");
}

BOOST_AUTO_TEST_CASE(duplicate_field_in_one_host) {
    BOOST_TEST(only_error("hosts:\n  r1:\n    password: x\n    port: 22\n    port: 23\n") ==
               std::string(file) +
                   "5:5: duplicate field \"port\" in host \"r1\" (first at line 4, column 5)");
}

BOOST_AUTO_TEST_CASE(unknown_group) {
    BOOST_TEST(only_error("groups:\n  core: {}\nhosts:\n  r1:\n    password: x\n    groups: "
                          "[core, cor]\n") ==
               std::string(file) + "6:20: host \"r1\" is in unknown group \"cor\"");
}

BOOST_AUTO_TEST_CASE(group_cycle) {
    BOOST_TEST(only_error("groups:\n  a: {groups: [b]}\n  b: {groups: [c]}\n  c: {groups: "
                          "[a]}\nhosts:\n  r1: {password: x, groups: [a]}\n") ==
               std::string(file) + "4:16: group cycle: a -> b -> c -> a");
}

BOOST_AUTO_TEST_CASE(missing_credential_names_the_host_and_its_place) {
    BOOST_TEST(only_error("defaults:\n  username: u\nhosts:\n  r1:\n    address: 10.0.0.1\n") ==
               std::string(file) + "4:3: host \"r1\" (defined at " + std::string(file) +
                   "4:3) has no password and no key, from itself, its groups or the defaults");
    // A key alone is enough.
    BOOST_TEST(load_ok("hosts:\n  r1: {key: id}\n").size() == 1u);
    // And so is a key given for every host elsewhere (collect -o IdentityFile=...).
    inventory::load_options keys_elsewhere;
    keys_elsewhere.keys_given_elsewhere = true;
    BOOST_TEST(load_ok("hosts:\n  r1: {address: 10.0.0.1}\n", keys_elsewhere).size() == 1u);
}

BOOST_AUTO_TEST_CASE(unresolvable_reference_is_reported_where_it_is_written) {
    const auto errors = load_errors(
        "defaults:\n  password: \"${env:FLEETSH_TEST_SURELY_UNSET}\"\nhosts:\n  r1: {}\n");
    BOOST_TEST_REQUIRE(errors.size() == 1u, all_text(errors));
    BOOST_TEST(errors[0].text() == std::string(file) +
                                       "2:3: password of host \"r1\": environment variable "
                                       "FLEETSH_TEST_SURELY_UNSET is not set");
}

BOOST_AUTO_TEST_CASE(yaml_syntax_error_has_its_place) {
    const auto text = only_error("hosts:\n  r1: {password: x\n");
    BOOST_TEST(text.rfind(std::string(file) + "3:1: YAML syntax error: ", 0) == 0, text);
}

BOOST_AUTO_TEST_CASE(every_error_is_reported_in_file_order) {
    const auto errors = load_errors("hosts:\n"
                                    "  r1:\n"
                                    "    port: 0\n"
                                    "    platform: nope\n"
                                    "  r2:\n"
                                    "    password: x\n"
                                    "    groups: [missing]\n"
                                    "    colour: red\n");
    BOOST_TEST_REQUIRE(errors.size() == 5u, all_text(errors));
    BOOST_TEST(errors[0].mark.line == 2u); // r1: no credential
    BOOST_TEST(errors[1].mark.line == 3u); // bad port
    BOOST_TEST(errors[2].mark.line == 4u); // unknown platform
    BOOST_TEST(errors[3].mark.line == 7u); // unknown group
    BOOST_TEST(errors[4].mark.line == 8u); // unknown field
}

BOOST_AUTO_TEST_CASE(errors_are_capped) {
    std::string yaml = "hosts:\n";
    for (int i = 0; i < 80; ++i) {
        yaml += "  h" + std::to_string(i) + ": {port: 0, password: x}\n";
    }
    auto options = no_reference_check();
    options.max_errors = 50;
    const auto errors = load_errors(yaml, options);
    BOOST_TEST_REQUIRE(errors.size() == 51u);
    BOOST_TEST(errors.back().message == "30 more errors not shown");
}

BOOST_AUTO_TEST_SUITE_END()
