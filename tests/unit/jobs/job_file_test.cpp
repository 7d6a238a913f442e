// Job files: every field read, relative paths anchored at the file, every error placed.
#include <jobs/job_file.hpp>
#include <test_common/temp_dir.hpp>

#include <boost/test/unit_test.hpp>

#include <fstream>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const fs::path job_path = "/srv/jobs/nightly.yaml";

jobs::collect_job load_ok(std::string_view yaml) {
    auto r = jobs::load_job_text(yaml, job_path);
    if (auto* errors = std::get_if<inventory::error_list>(&r)) {
        std::string all;
        for (const auto& e : *errors)
            all += e.text() + "\n";
        BOOST_FAIL("unexpected errors:\n" << all);
    }
    return std::get<jobs::collect_job>(std::get<jobs::job>(std::move(r)));
}

// The errors' texts, one per line.
std::string errors_of(std::string_view yaml) {
    auto r = jobs::load_job_text(yaml, job_path);
    BOOST_REQUIRE_MESSAGE(std::holds_alternative<inventory::error_list>(r), "the job loaded");
    std::string all;
    for (const auto& e : std::get<inventory::error_list>(r))
        all += e.text() + "\n";
    return all;
}

} // namespace

BOOST_AUTO_TEST_SUITE(job_file)

BOOST_AUTO_TEST_CASE(every_field_of_a_collect_job) {
    const auto job = load_ok(R"(collect:
  inventory: lab/inventory.yaml
  filter: [platform=cisco_ios, "name=core-*"]
  commands: [show version, show ip interface brief]
  commands_file: /etc/fleetsh/more.txt
  out: ../results
  concurrency: 100
  platform_limits: {cisco_ios: 20, juniper_junos: 5}
  options: {StrictHostKeyChecking: accept-new, ConnectTimeout: "5"}
  drivers: drivers
  command_timeout: 30s
  device_timeout: 5m
  grace: 2500ms
  attempts: 2
  session_log: true
  json: false
)");
    BOOST_TEST(job.inventory == fs::path("/srv/jobs/lab/inventory.yaml"));
    BOOST_TEST((job.filters == std::vector<std::string>{"platform=cisco_ios", "name=core-*"}));
    BOOST_TEST(
        (job.commands == std::vector<std::string>{"show version", "show ip interface brief"}));
    BOOST_TEST(job.commands_file == fs::path("/etc/fleetsh/more.txt"));
    BOOST_TEST(job.out == fs::path("/srv/jobs/../results"));
    BOOST_TEST(job.concurrency == 100u);
    BOOST_TEST(job.platform_limits.size() == 2u);
    BOOST_TEST(job.platform_limits.at("cisco_ios") == 20u);
    BOOST_TEST(job.platform_limits.at("juniper_junos") == 5u);
    BOOST_TEST((job.options ==
                std::vector<std::string>{"StrictHostKeyChecking=accept-new", "ConnectTimeout=5"}));
    BOOST_TEST(job.drivers == fs::path("/srv/jobs/drivers"));
    BOOST_TEST((job.command_timeout == std::chrono::milliseconds(30s)));
    BOOST_TEST((job.device_timeout == std::chrono::milliseconds(5min)));
    BOOST_TEST(job.grace.count() == 2500);
    BOOST_TEST(job.attempts == 2u);
    BOOST_TEST(job.session_log);
    BOOST_TEST(!job.json);
}

BOOST_AUTO_TEST_CASE(defaults_and_single_values) {
    const auto job = load_ok("collect:\n  inventory: inv.yaml\n  commands: show clock\n"
                             "  filter: tag=core\n  options: [Ciphers=aes128-ctr]\n");
    BOOST_TEST((job.commands == std::vector<std::string>{"show clock"}));
    BOOST_TEST((job.filters == std::vector<std::string>{"tag=core"}));
    BOOST_TEST((job.options == std::vector<std::string>{"Ciphers=aes128-ctr"}));
    BOOST_TEST(job.out == fs::path("/srv/jobs/results"));
    BOOST_TEST(job.concurrency == 256u);
    BOOST_TEST(job.attempts == 3u);
    BOOST_TEST(!job.command_timeout.has_value());
    BOOST_TEST(!job.device_timeout.has_value());
    BOOST_TEST(!job.session_log);
}

BOOST_AUTO_TEST_CASE(each_bad_value_is_reported_at_its_place) {
    const auto errors = errors_of(R"(collect:
  inventory: inv.yaml
  commands: [show version]
  concurrency: lots
  command_timeout: 3 hours
  platform_limits: [cisco_ios]
  session_log: yes please
  attempts: 11
  colour: blue
  options: [Ciphers]
)");
    BOOST_TEST(errors.find("/srv/jobs/nightly.yaml:4:16: must be a whole number") !=
                   std::string::npos,
               errors);
    BOOST_TEST(errors.find("nightly.yaml:5:20: must be a duration") != std::string::npos, errors);
    BOOST_TEST(errors.find("nightly.yaml:6:20: must be a map of platform") != std::string::npos,
               errors);
    BOOST_TEST(errors.find("nightly.yaml:7:16: must be true or false") != std::string::npos,
               errors);
    BOOST_TEST(errors.find("nightly.yaml:8:13: attempts must be from 1 to 10") != std::string::npos,
               errors);
    BOOST_TEST(errors.find("nightly.yaml:9:3: unknown field \"colour\"") != std::string::npos,
               errors);
    BOOST_TEST(errors.find("nightly.yaml:10:12: option \"Ciphers\" must be Name=value") !=
                   std::string::npos,
               errors);
}

BOOST_AUTO_TEST_CASE(what_a_job_needs_and_what_a_file_holds) {
    BOOST_TEST(errors_of("collect:\n  out: r\n")
                   .find("nightly.yaml:2:3: the collect job needs an "
                         "inventory") != std::string::npos);
    BOOST_TEST(errors_of("collect:\n  inventory: i.yaml\n")
                   .find("needs commands or a "
                         "commands_file") != std::string::npos);
    BOOST_TEST(errors_of("rollout:\n  inventory: i.yaml\n")
                   .find("nightly.yaml:1:1: unknown job "
                         "kind \"rollout\"") != std::string::npos);
    BOOST_TEST(errors_of("collect: {}\nrollout: {}\n").find("holds one job") != std::string::npos);
    BOOST_TEST(errors_of("collect:\n  inventory: [unclosed\n").find("YAML syntax error") !=
               std::string::npos);
    BOOST_TEST(errors_of("collect:\n  inventory: a\n  inventory: b\n  commands: x\n")
                   .find("nightly.yaml:3:3: duplicate field \"inventory\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(job_and_commands_files_on_disk) {
    test_common::temp_dir dir;
    {
        std::ofstream(dir.path() / "job.yaml") << "collect:\n  inventory: inv.yaml\n"
                                                  "  commands_file: cmds.txt\n";
        std::ofstream(dir.path() / "cmds.txt") << "# nightly\nshow version\r\n\nshow clock\n";
    }
    auto r = jobs::load_job_file(dir.path() / "job.yaml");
    BOOST_REQUIRE(std::holds_alternative<jobs::job>(r));
    const auto job = std::get<jobs::collect_job>(std::get<jobs::job>(r));
    BOOST_TEST(job.commands_file == dir.path() / "cmds.txt");
    auto commands = jobs::read_commands_file(job.commands_file);
    BOOST_REQUIRE(std::holds_alternative<std::vector<std::string>>(commands));
    BOOST_TEST((std::get<std::vector<std::string>>(commands) ==
                std::vector<std::string>{"show version", "show clock"}));

    auto missing = jobs::load_job_file(dir.path() / "absent.yaml");
    BOOST_REQUIRE(std::holds_alternative<inventory::error_list>(missing));
    BOOST_TEST(std::get<inventory::error_list>(missing).front().text().find(
                   "cannot read the job file") != std::string::npos);
    auto no_commands = jobs::read_commands_file(dir.path() / "absent.txt");
    BOOST_TEST(std::holds_alternative<std::string>(no_commands));
}

BOOST_AUTO_TEST_SUITE_END()
