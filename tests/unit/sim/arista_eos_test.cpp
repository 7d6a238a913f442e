#include "ios_like_test_support.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <re2/re2.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace json = boost::json;
using namespace ios_like_test;

namespace {

sim::device_profile eos_profile(std::uint64_t seed = 11, std::string name = "eos-0001") {
    return make_profile("arista_eos", seed, std::move(name));
}

// The configuration after the "! Command" / "! device" / "! boot system" header.
std::string config_body(const std::string& text) {
    const auto at = text.find(".swi\n");
    BOOST_REQUIRE(at != std::string::npos);
    return text.substr(at + 5);
}

// Interface -> "IP Address" column of show ip interface brief.
std::map<std::string, std::string> brief_addresses(const std::string& text) {
    std::map<std::string, std::string> out;
    const RE2 row{"(?m)^(\\S+)\\s+(\\S+)\\s+(?:up|down|adminDown)\\s.*$"};
    re2::StringPiece rest(text);
    std::string name, address;
    for (int rows = 0; rows < 10'000 && RE2::FindAndConsume(&rest, row, &name, &address); ++rows)
        out[name] = address;
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(arista_eos_cli)

BOOST_AUTO_TEST_CASE(prompts_follow_the_modes) {
    auto model = sim::make_arista_eos(eos_profile(), boot);
    auto s = open(*model);
    BOOST_TEST(s.prompt() == "eos-0001>");
    s.enable();
    BOOST_TEST(s.prompt() == "eos-0001#");
    BOOST_TEST(s.run("configure terminal").empty());
    BOOST_TEST(s.prompt() == "eos-0001(config)#");
    s.run("interface Ethernet1");
    BOOST_TEST(s.prompt() == "eos-0001(config-if-Et1)#");
    s.run("exit");
    s.run("int lo0");
    BOOST_TEST(s.prompt() == "eos-0001(config-if-Lo0)#");
    s.run("int ma1");
    BOOST_TEST(s.prompt() == "eos-0001(config-if-Ma1)#");
    s.run("vlan 10");
    BOOST_TEST(s.prompt() == "eos-0001(config-vlan-10)#");
    s.run("router bgp 65001");
    BOOST_TEST(s.prompt() == "eos-0001(config-router-bgp)#");
    s.run("exit");
    BOOST_TEST(s.prompt() == "eos-0001(config)#");
    s.run("end");
    BOOST_TEST(s.prompt() == "eos-0001#");
    s.run("disable");
    BOOST_TEST(s.prompt() == "eos-0001>");
    BOOST_TEST(s.cli->run("exit", later).end_session);
}

BOOST_AUTO_TEST_CASE(enable_checks_the_secret) {
    auto model = sim::make_arista_eos(eos_profile(), boot);
    auto s = open(*model);
    s.run("enable");
    BOOST_TEST(s.prompt() == "Password: ");
    BOOST_TEST(!s.cli->echoes(true));
    for (int attempt = 0; attempt < 3; ++attempt) {
        BOOST_TEST(s.run("nope") == "% Access denied\n");
        BOOST_TEST(s.prompt() == "eos-0001>");
        s.run("enable");
    }
    BOOST_TEST(s.run("s3cret").empty());
    BOOST_TEST(s.prompt() == "eos-0001#");
    BOOST_TEST(s.cli->echoes(true));
}

BOOST_AUTO_TEST_CASE(keywords_take_unique_prefixes) {
    auto model = sim::make_arista_eos(eos_profile(), boot);
    auto s = open(*model);
    s.enable();
    BOOST_TEST(s.run("sh ip int br") == s.run("show ip interface brief"));
    BOOST_TEST(s.run("sh run") == s.run("show running-config"));
    BOOST_TEST(s.run("wr mem") == "Copy completed successfully.\n");
    s.run("term len 0");
    BOOST_TEST(s.cli->page_lines(24) == 0u);
    s.run("conf t");
    s.run("int et2");
    BOOST_TEST(s.prompt() == "eos-0001(config-if-Et2)#");
    s.run("desc uplink");
    s.run("end");
    BOOST_TEST(contains(s.run("sh run"), "interface Ethernet2\n   description uplink\n"));
}

BOOST_AUTO_TEST_CASE(error_messages) {
    auto model = sim::make_arista_eos(eos_profile(), boot);
    auto s = open(*model);
    BOOST_TEST(s.run("show running-config") == "% Invalid input (privileged mode required)\n");
    BOOST_TEST(s.run("configure terminal") == "% Invalid input (privileged mode required)\n");
    BOOST_TEST(s.run("show bogus") == "% Invalid input\n");
    s.enable();
    BOOST_TEST(s.run("show ip bogus") == "% Invalid input\n");
    BOOST_TEST(s.run("sh i") == "% Ambiguous command\n");
    BOOST_TEST(s.run("show ip") == "% Incomplete command\n");
    BOOST_TEST(s.run("show clock | json") == "% This is an unconverted command\n");
    s.run("conf t");
    BOOST_TEST(s.run("interface Ethernet99") == "% Invalid input\n");
    s.run("int et1");
    BOOST_TEST(s.run("ip address 10.0.0.1 255.255.255.0") == "% Invalid input\n");
}

BOOST_AUTO_TEST_CASE(config_changes_show_everywhere) {
    auto model = sim::make_arista_eos(eos_profile(), boot);
    auto s = open(*model);
    s.enable();
    s.run("conf t");
    s.run("hostname leaf-3");
    BOOST_TEST(s.prompt() == "leaf-3(config)#");
    s.run("interface et1");
    s.run("ip address 10.9.9.1/24");
    s.run("shutdown");
    // EOS runs show commands in configuration modes without "do".
    BOOST_TEST(line_with(s.run("show ip interface brief"), "Ethernet1 ") ==
               "Ethernet1         10.9.9.1/24           adminDown    down               1500");
    s.run("end");
    BOOST_TEST(s.prompt() == "leaf-3#");
    const std::string running = s.run("show running-config");
    BOOST_TEST(contains(running, "\nhostname leaf-3\n"));
    BOOST_TEST(contains(running, "! device: leaf-3 ("));
    BOOST_TEST(contains(running, "interface Ethernet1\n   shutdown\n"));
    BOOST_TEST(contains(running, "   ip address 10.9.9.1/24\n"));
    s.configure({"interface Ethernet1", "mtu 9214"});
    BOOST_TEST(line_with(s.run("show ip interface brief"), "Ethernet1 ").ends_with(" 9214"));
    BOOST_TEST(json::parse(s.run("show interfaces et1 | json"))
                   .at("interfaces")
                   .at("Ethernet1")
                   .at("mtu")
                   .to_number<int>() == 9214);
    BOOST_TEST(s.run("show interfaces Ethernet1")
                   .starts_with("Ethernet1 is administratively down, line protocol is down "
                                "(disabled)\n"));

    s.configure({"int et1", "no shutdown", "no ip address"});
    BOOST_TEST(brief_addresses(s.run("show ip interface brief"))["Ethernet1"] == "unassigned");
    BOOST_TEST(!contains(s.run("show running-config"), "10.9.9.1"));
}

BOOST_AUTO_TEST_CASE(saving_makes_startup_equal_running) {
    auto model = sim::make_arista_eos(eos_profile(), boot);
    auto s = open(*model);
    s.enable();
    s.configure({"ntp server 192.0.2.123"});
    BOOST_TEST(!contains(s.run("show startup-config"), "192.0.2.123"));
    BOOST_TEST(s.run("copy running-config startup-config") == "Copy completed successfully.\n");
    BOOST_TEST(s.prompt() == "eos-0001#");
    const std::string startup = s.run("show startup-config");
    BOOST_TEST(startup.starts_with("! Command: show startup-config\n"));
    BOOST_TEST(config_body(startup) == config_body(s.run("show running-config")));
    BOOST_TEST(contains(startup, "ntp server 192.0.2.123\n"));
    s.configure({"no ntp server 192.0.2.123"});
    BOOST_TEST(s.run("write memory") == "Copy completed successfully.\n");
    BOOST_TEST(!contains(s.run("show startup-config"), "192.0.2.123"));
}

BOOST_AUTO_TEST_CASE(exec_runs_privileged_and_concatenates) {
    auto model = sim::make_arista_eos(eos_profile(), boot);
    auto s = open(*model);
    s.enable();
    const std::string expected = s.run("show version") + s.run("show running-config");
    const auto r = model->exec("show version\r\nshow running-config\nshow nothing", later);
    BOOST_TEST(r.out == expected + "% Invalid input\n");
    BOOST_TEST(r.err.empty());
    BOOST_TEST(r.exit_status == 0u);
    model->exec("configure terminal\nhostname from-exec\nend", later);
    BOOST_TEST(s.prompt() == "from-exec#");
}

BOOST_AUTO_TEST_CASE(sessions_share_the_configuration) {
    auto model = sim::make_arista_eos(eos_profile(), boot);
    auto a = open(*model);
    auto b = open(*model);
    a.enable();
    a.run("conf t");
    a.run("interface Loopback9");
    a.run("ip address 10.99.0.1/32");
    BOOST_TEST(b.prompt() == "eos-0001>");
    BOOST_TEST(brief_addresses(b.run("show ip interface brief"))["Loopback9"] == "10.99.0.1/32");
}

BOOST_AUTO_TEST_CASE(output_is_deterministic) {
    const std::vector<std::string> commands = {"show version",
                                               "show version | json",
                                               "show ip interface brief",
                                               "show ip interface brief | json",
                                               "show interfaces",
                                               "show interfaces | json",
                                               "show inventory",
                                               "show clock",
                                               "show running-config",
                                               "show startup-config"};
    auto first = sim::make_arista_eos(eos_profile(), boot);
    auto second = sim::make_arista_eos(eos_profile(), boot);
    for (const auto& command : commands) {
        BOOST_TEST_CONTEXT(command) {
            BOOST_TEST(first->exec(command, later).out == second->exec(command, later).out);
        }
    }
    const auto serial = [](sim::device_model& model) {
        return line_with(model.exec("show version", later).out, "Serial number:");
    };
    auto reseeded = sim::make_arista_eos(eos_profile(12), boot);
    auto renamed = sim::make_arista_eos(eos_profile(11, "eos-0002"), boot);
    BOOST_TEST(RE2::FullMatch(serial(*first), "Serial number: [A-Z]{3}\\d{8}"));
    BOOST_TEST(serial(*first) != serial(*reseeded));
    BOOST_TEST(serial(*first) != serial(*renamed));
}

BOOST_AUTO_TEST_CASE(terminal_settings) {
    auto model = sim::make_arista_eos(eos_profile(), boot);
    auto s = open(*model);
    BOOST_TEST(s.cli->page_lines(60) == 24u);
    BOOST_TEST(s.cli->more_marker() == " --More-- ");
    BOOST_TEST(s.cli->crlf(true));
    s.run("terminal length 0");
    BOOST_TEST(s.cli->page_lines(60) == 0u);
    const auto all = s.cli->run("show interfaces", later);
    BOOST_TEST(all.pageable);
    BOOST_TEST(std::count(all.text.begin(), all.text.end(), '\n') > 200);
    BOOST_TEST(!s.cli->run("show interfaces | json", later).pageable);
}

BOOST_AUTO_TEST_CASE(json_agrees_with_text) {
    auto model = sim::make_arista_eos(eos_profile(), boot);
    auto s = open(*model);

    const std::string version_text = s.run("show version");
    const json::object version = json::parse(s.run("show version | json")).as_object();
    BOOST_TEST(contains(version_text,
                        "Serial number: " + std::string(version.at("serialNumber").as_string())));
    BOOST_TEST(version_text.starts_with("Arista " +
                                        std::string(version.at("modelName").as_string()) + "\n"));
    BOOST_TEST(contains(version_text, "Software image version: " +
                                          std::string(version.at("version").as_string())));
    BOOST_TEST(version.at("systemMacAddress").as_string().size() == 17u);
    BOOST_TEST(version.at("uptime").is_double());
    BOOST_TEST(version.at("memTotal").to_number<std::int64_t>() > 0);

    const auto text_addresses = brief_addresses(s.run("show ip interface brief"));
    const json::object brief =
        json::parse(s.run("show ip interface brief | json")).at("interfaces").as_object();
    BOOST_TEST(brief.size() == text_addresses.size());
    std::size_t assigned = 0;
    for (const auto& [name, value] : brief) {
        const auto& ip = value.at("interfaceAddress").at("ipAddr");
        const std::string address = std::string(ip.at("address").as_string()) + "/" +
                                    std::to_string(ip.at("maskLen").to_number<int>());
        const auto text = text_addresses.find(std::string(name));
        BOOST_REQUIRE(text != text_addresses.end());
        if (text->second != "unassigned") {
            BOOST_TEST(address == text->second);
            ++assigned;
        }
    }
    BOOST_TEST(assigned >= 2u); // at least Loopback0 and Management1

    const json::object interfaces =
        json::parse(s.run("show interfaces | json")).at("interfaces").as_object();
    BOOST_TEST(interfaces.size() == brief.size());
    const json::object one =
        json::parse(s.run("show interfaces ma1 | json")).at("interfaces").as_object();
    BOOST_REQUIRE(one.size() == 1u);
    const auto& management = one.at("Management1");
    BOOST_TEST(management.at("name").as_string() == "Management1");
    BOOST_TEST(management.at("mtu").to_number<int>() == 1500);
    const auto& primary = management.at("interfaceAddress").at(0).at("primaryIp");
    BOOST_TEST(std::string(primary.at("address").as_string()) + "/" +
                   std::to_string(primary.at("maskLen").to_number<int>()) ==
               text_addresses.at("Management1"));
    // "98:5d:82:65:4b:01" in JSON is "985d.8265.4b01" in text.
    std::string mac(management.at("physicalAddress").as_string());
    std::erase(mac, ':');
    mac.insert(8, ".").insert(4, ".");
    BOOST_TEST(contains(s.run("show interfaces Management1"), "address is " + mac + " "));

    // Two-space indentation, as EOS prints it.
    BOOST_TEST(s.run("show version | json").starts_with("{\n  \"mfgName\": \"Arista\",\n"));
}

BOOST_AUTO_TEST_CASE(clock_follows_now) {
    auto model = sim::make_arista_eos(eos_profile(), boot);
    const std::string at_boot = model->exec("show clock", boot).out;
    BOOST_TEST(RE2::FullMatch(at_boot, "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3]\\d "
                                       "\\d\\d:\\d\\d:\\d\\d 20\\d\\d\n"
                                       "Timezone: UTC\nClock source: local\n"));
    BOOST_TEST(model->exec("show clock", boot).out == at_boot);
    BOOST_TEST(model->exec("show clock", boot + std::chrono::seconds(1)).out != at_boot);
}

BOOST_AUTO_TEST_SUITE_END()
