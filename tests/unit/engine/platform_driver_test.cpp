#include <unistd.h>

#include <engine/platform_driver.hpp>
#include <engine/shell_text.hpp>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

using engine::cli_mode;
using engine::driver_registry;
using engine::parse_driver;

namespace {

// The only error of a document that must fail, checked for position and message.
void expect_error(const std::string& yaml, std::uint32_t line, std::uint32_t column,
                  std::string_view words) {
    const auto result = parse_driver(yaml, "drv.yaml");
    BOOST_TEST_INFO(yaml);
    BOOST_TEST_REQUIRE(!result.driver.has_value());
    BOOST_TEST_REQUIRE(result.errors.size() == 1u);
    const auto& e = result.errors.front();
    BOOST_TEST_INFO(e.to_string());
    BOOST_TEST(e.line == line);
    BOOST_TEST(e.column == column);
    BOOST_TEST(e.message.find(words) != std::string::npos);
    BOOST_TEST(e.to_string().starts_with("drv.yaml:" + std::to_string(line) + ":" +
                                         std::to_string(column) + ": "));
}

// The mode a prompt shows when it is all the processor was fed.
cli_mode prompt_mode(const engine::platform_driver& driver, std::string_view text) {
    engine::shell_text shell{driver};
    if (shell.feed(text) != engine::shell_signal::prompt)
        return cli_mode::unknown;
    return shell.take_answer().mode;
}

struct temp_folder {
    std::filesystem::path path;
    temp_folder() {
        path = std::filesystem::temp_directory_path() /
               ("fleetsh-drivers-" + std::to_string(::getpid()));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~temp_folder() { std::filesystem::remove_all(path); }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(platform_drivers)

BOOST_AUTO_TEST_CASE(the_shipped_drivers_are_in_the_library) {
    const auto& shipped = driver_registry::shipped();
    const std::vector<std::string> expected{"arista_eos", "cisco_ios", "cisco_nxos",
                                            "juniper_junos", "linux"};
    BOOST_TEST(shipped.names() == expected, boost::test_tools::per_element());
    for (const auto& [alias, name] :
         std::vector<std::pair<std::string, std::string>>{{"ios", "cisco_ios"},
                                                          {"nxos", "cisco_nxos"},
                                                          {"eos", "arista_eos"},
                                                          {"junos", "juniper_junos"},
                                                          {"linux", "linux"}}) {
        const auto* d = shipped.find(alias);
        BOOST_TEST_REQUIRE(d != nullptr);
        BOOST_TEST(d->name == name);
        BOOST_TEST(d->source == "shipped:" + name + ".yaml");
    }
    BOOST_TEST(shipped.find("vyos") == nullptr);

    const auto& ios = *shipped.find("cisco_ios");
    BOOST_TEST(!ios.exec_channels);
    BOOST_TEST(ios.sessions_per_connection == 1u);
    BOOST_TEST(ios.enable_command == "enable");
    BOOST_TEST(ios.config_enter == "configure terminal");
    BOOST_TEST(ios.config_exit == "end");
    BOOST_TEST(ios.line_ending == "\n");
    BOOST_TEST(ios.paging_off.front() == "terminal length 0");
    BOOST_TEST(shipped.find("eos")->exec_channels);
    BOOST_TEST(shipped.find("junos")->blank_line_before_prompt);
    BOOST_TEST(shipped.find("junos")->paging_off.front() == "set cli screen-length 0");
}

BOOST_AUTO_TEST_CASE(nxos_prompts_on_literal_strings) {
    const auto& nxos = *driver_registry::shipped().find("nxos");
    BOOST_TEST(prompt_mode(nxos, "\r\nswitch# ") == cli_mode::privileged);
    BOOST_TEST(prompt_mode(nxos, "n9k-core-01#") == cli_mode::privileged);
    BOOST_TEST(prompt_mode(nxos, "n9k-core-01(config)# ") == cli_mode::config);
    BOOST_TEST(prompt_mode(nxos, "n9k-core-01(config-if)#") == cli_mode::config);
    BOOST_TEST(prompt_mode(nxos, "n9k_(lab).a[1](config-if-range)#") == cli_mode::config);
    BOOST_TEST(prompt_mode(nxos, "n9k-core-01>") == cli_mode::user);
    BOOST_TEST(prompt_mode(nxos, "Cisco Nexus Operating System\r\n") == cli_mode::unknown);
    BOOST_TEST(prompt_mode(nxos, "  Ethernet1/1 is up #") == cli_mode::unknown);

    engine::shell_text shell{nxos};
    shell.begin_command("show foo");
    BOOST_TEST((shell.feed("show foo\r\n% Invalid command at '^' marker.\r\n\r\nsw1# ") ==
                engine::shell_signal::prompt));
    const auto answer = shell.take_answer();
    BOOST_TEST(answer.device_error.has_value());
    BOOST_TEST(answer.output == "% Invalid command at '^' marker.\n\n");
}

BOOST_AUTO_TEST_CASE(a_minimal_driver_loads_with_defaults) {
    const auto result = parse_driver("platform: tiny\nprompts:\n  user: '\\$ '\n", "tiny.yaml");
    BOOST_TEST_REQUIRE(result.driver.has_value());
    BOOST_TEST(result.driver->name == "tiny");
    BOOST_TEST(result.driver->exec_channels);
    BOOST_TEST(result.driver->sessions_per_connection == 10u);
    BOOST_TEST(result.driver->line_ending == "\n");
    BOOST_TEST(result.driver->source == "tiny.yaml");
}

BOOST_AUTO_TEST_CASE(validation_errors_name_file_line_and_column) {
    // An unknown key, where the key is.
    expect_error("platform: x\nprompts:\n  user: 'a>'\n  bogus: 1\n", 4, 3, "unknown key 'bogus'");
    expect_error("platform: x\nprompts:\n  user: 'a>'\npagerz: []\n", 4, 1, "unknown key 'pagerz'");
    // A pattern RE2 refuses, with RE2's reason.
    expect_error("platform: x\nprompts:\n  user: 'a(>'\n", 3, 9, "missing )");
    expect_error("platform: x\nprompts:\n  user: 'a>'\nerrors:\n  - '% ok'\n  - '[z-a]'\n", 6, 5,
                 "bad regular expression");
    // Missing required keys, at the mapping that lacks them.
    expect_error("prompts:\n  user: 'a>'\n", 1, 1, "missing required key 'platform'");
    expect_error("platform: x\n", 1, 1, "missing required key 'prompts'");
    expect_error("platform: x\nprompts:\n  privileged: 'a#'\n", 3, 3,
                 "missing required key 'user' in prompts");
    expect_error("platform: x\nprompts:\n  user: 'a>'\nenable:\n  password_prompt: 'P: '\n", 5, 3,
                 "missing required key 'command' in enable");
    // Wrong types and values.
    expect_error("platform: x\nprompts:\n  user: 'a>'\nssh:\n  sessions_per_connection: 0\n", 5, 28,
                 "sessions_per_connection");
    expect_error("platform: x\nprompts:\n  user: 'a>'\nssh:\n  exec: maybe\n", 5, 9,
                 "true or false");
    expect_error("platform: x\nprompts:\n  user: 'a>'\npaging_off: terminal length 0\n", 4, 13,
                 "must be a list");
    expect_error("platform: Bad Name\nprompts:\n  user: 'a>'\n", 1, 11, "platform:");
    expect_error("platform: x\nprompts:\n  user: 'a>'\nline_ending: ';'\n", 4, 14, "line_ending");
    // YAML itself.
    expect_error("platform: x\nprompts: [a\n", 3, 1, "");
}

BOOST_AUTO_TEST_CASE(several_errors_are_all_reported) {
    const auto result =
        parse_driver("platform: x\nprompts:\n  user: '('\n  config: ')'\nextra: 1\n", "d.yaml");
    // Two bad patterns, an unknown key, and a config prompt without config_mode.
    BOOST_TEST(result.errors.size() == 4u);
}

BOOST_AUTO_TEST_CASE(a_user_folder_adds_and_overrides_platforms) {
    temp_folder folder;
    folder.write("my_ios.yaml", "platform: cisco_ios\naliases: [ios]\nprompts:\n"
                                "  user: 'lab-[0-9]+>'\n  privileged: 'lab-[0-9]+#'\n"
                                "paging_off: [terminal length 0, terminal no-more]\n");
    folder.write("routeros.yml", "platform: mikrotik_routeros\naliases: [routeros]\n"
                                 "prompts:\n  user: '\\[[^\\]]+\\] > '\nssh:\n  exec: true\n");
    folder.write("broken.yaml", "platform: broken\nprompts:\n  user: '(('\n");
    folder.write("notes.txt", "not a driver");

    driver_registry registry = driver_registry::shipped();
    const auto errors = registry.load_folder(folder.path);
    BOOST_TEST_REQUIRE(errors.size() == 1u);
    BOOST_TEST(errors[0].file == (folder.path / "broken.yaml").string());
    BOOST_TEST(errors[0].line == 3u);
    BOOST_TEST(errors[0].column == 9u);

    const auto* ios = registry.find("ios");
    BOOST_TEST_REQUIRE(ios != nullptr);
    BOOST_TEST(ios->source == (folder.path / "my_ios.yaml").string());
    BOOST_TEST(ios->paging_off.back() == "terminal no-more");
    BOOST_TEST(prompt_mode(*ios, "lab-7#") == cli_mode::privileged);
    BOOST_TEST(prompt_mode(*ios, "ios-0001#") == cli_mode::unknown);
    BOOST_TEST(registry.find("routeros")->name == "mikrotik_routeros");
    BOOST_TEST(prompt_mode(*registry.find("routeros"), "[admin@MikroTik] > ") == cli_mode::user);
    BOOST_TEST(registry.find("broken") == nullptr);
    BOOST_TEST(registry.find("junos") != nullptr); // the others are still there
    // The shipped registry itself is unchanged.
    BOOST_TEST(driver_registry::shipped().find("ios")->source == "shipped:cisco_ios.yaml");

    driver_registry none;
    const auto missing = none.load_folder(folder.path / "nope");
    BOOST_TEST_REQUIRE(missing.size() == 1u);
    BOOST_TEST(missing[0].to_string().find("cannot read the folder") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
