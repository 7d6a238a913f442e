#include "ios_like_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <re2/re2.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

using namespace ios_like_test;

namespace {

sim::device_profile ios_profile(std::uint64_t seed = 7, std::string name = "ios-0001") {
    return make_profile("cisco_ios", seed, std::move(name));
}

// What follows the header of show running-config / show startup-config.
std::string config_body(const std::string& text) {
    const auto at = text.find("\n!\n");
    BOOST_REQUIRE(at != std::string::npos);
    return text.substr(at + 1);
}

// The first GigabitEthernet port in show ip interface brief.
std::string first_port(session& s) {
    const std::string row = line_with(s.run("show ip interface brief"), "GigabitEthernet");
    return row.substr(0, row.find(' '));
}

} // namespace

BOOST_AUTO_TEST_SUITE(cisco_ios_cli)

BOOST_AUTO_TEST_CASE(prompts_follow_the_modes) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    BOOST_TEST(s.prompt() == "ios-0001>");
    s.enable();
    BOOST_TEST(s.prompt() == "ios-0001#");
    BOOST_TEST(s.run("configure terminal") ==
               "Enter configuration commands, one per line.  End with CNTL/Z.\n");
    BOOST_TEST(s.prompt() == "ios-0001(config)#");
    BOOST_TEST(s.run("interface Loopback0").empty());
    BOOST_TEST(s.prompt() == "ios-0001(config-if)#");
    s.run("exit");
    BOOST_TEST(s.prompt() == "ios-0001(config)#");
    s.run("router ospf 1");
    BOOST_TEST(s.prompt() == "ios-0001(config-router)#");
    s.run("end");
    BOOST_TEST(s.prompt() == "ios-0001#");
    s.run("disable");
    BOOST_TEST(s.prompt() == "ios-0001>");
    const auto bye = s.cli->run("exit", later);
    BOOST_TEST(bye.end_session);

    auto other = open(*model);
    BOOST_TEST(other.cli->greeting().empty()); // no MOTD in the profile
    BOOST_TEST(other.cli->run("logout", later).end_session);
    BOOST_TEST(open(*model).cli->run("quit", later).end_session);

    auto with_motd = ios_profile();
    with_motd.motd = "Authorized access only";
    BOOST_TEST(sim::make_cisco_ios(with_motd, boot)->open_cli(boot)->greeting() ==
               "Authorized access only\n\n");
}

BOOST_AUTO_TEST_CASE(enable_checks_the_secret) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    BOOST_TEST(s.cli->echoes(true));
    BOOST_TEST(s.run("enable").empty());
    BOOST_TEST(s.prompt() == "Password: ");
    BOOST_TEST(!s.cli->echoes(true));
    BOOST_TEST(s.run("wrong") == "% Access denied\n");
    BOOST_TEST(s.prompt() == "ios-0001>");
    BOOST_TEST(s.cli->echoes(true));
    s.run("enable");
    BOOST_TEST(s.run("also wrong") == "% Access denied\n");
    s.run("enable");
    BOOST_TEST(s.run("") == "% Bad secrets\n"); // the third failure in a row
    BOOST_TEST(s.prompt() == "ios-0001>");
    s.run("enable");
    BOOST_TEST(s.run("s3cret").empty());
    BOOST_TEST(s.prompt() == "ios-0001#");

    auto open_secret = ios_profile();
    open_secret.enable_secret.clear();
    auto lax = sim::make_cisco_ios(open_secret, boot);
    auto t = open(*lax);
    t.run("en");
    BOOST_TEST(t.prompt() == "ios-0001#");
}

BOOST_AUTO_TEST_CASE(keywords_take_unique_prefixes) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    s.enable();
    BOOST_TEST(s.run("sh ip int br") == s.run("show ip interface brief"));
    BOOST_TEST(s.run("sh run") == s.run("show running-config"));
    BOOST_TEST(s.run("SH VER") == s.run("show version"));
    BOOST_TEST(s.run("wr mem") == "Building configuration...\n[OK]\n");
    s.run("term len 0");
    BOOST_TEST(s.cli->page_lines(50) == 0u);
    s.run("conf t");
    BOOST_TEST(s.prompt() == "ios-0001(config)#");
    s.run("int lo0");
    BOOST_TEST(s.prompt() == "ios-0001(config-if)#");
    s.run("desc core loopback");
    s.run("end");
    BOOST_TEST(contains(s.run("sh run"), "interface Loopback0\n description core loopback\n"));
}

BOOST_AUTO_TEST_CASE(caret_marks_the_word_that_failed) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    const std::string marker = "^\n% Invalid input detected at '^' marker.\n\n";
    // User mode does not know privileged commands: the caret goes under them.
    std::string prompt = s.prompt();
    BOOST_TEST(s.run("show running-config") == std::string(prompt.size() + 5, ' ') + marker);
    BOOST_TEST(s.run("configure terminal") == std::string(prompt.size(), ' ') + marker);
    s.enable();
    prompt = s.prompt();
    BOOST_TEST(s.run("show ip bogus") == std::string(prompt.size() + 8, ' ') + marker);
    BOOST_TEST(s.run("  sh  versoin") == std::string(prompt.size() + 6, ' ') + marker);
    BOOST_TEST(s.run("sh ver | json") == std::string(prompt.size() + 9, ' ') + marker);
    BOOST_TEST(s.run("terminal length 9999") == std::string(prompt.size() + 16, ' ') + marker);
    s.run("conf t");
    prompt = s.prompt();
    BOOST_TEST(s.run("hostname two words") == std::string(prompt.size() + 13, ' ') + marker);
    BOOST_TEST(s.run("interface gi9/9/9") == std::string(prompt.size() + 10, ' ') + marker);
    s.run("int lo1");
    prompt = s.prompt();
    BOOST_TEST(s.run("ip address 10.0.0.1 255.0.255.0") ==
               std::string(prompt.size() + 11, ' ') + marker);
}

BOOST_AUTO_TEST_CASE(ambiguous_and_incomplete_commands) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    s.enable();
    BOOST_TEST(s.run("sh i") == "% Ambiguous command:  \"sh i\"\n");
    BOOST_TEST(s.run("e") == "% Ambiguous command:  \"e\"\n");
    BOOST_TEST(s.run("show ip") == "% Incomplete command.\n\n");
    BOOST_TEST(s.run("terminal length") == "% Incomplete command.\n\n");
    BOOST_TEST(s.run("show version |") == "% Incomplete command.\n\n");
    s.run("conf t");
    BOOST_TEST(s.run("no") == "% Incomplete command.\n\n");
    BOOST_TEST(s.run("   ").empty());
}

BOOST_AUTO_TEST_CASE(config_changes_show_everywhere) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    s.enable();
    const std::string port = first_port(s);
    BOOST_REQUIRE(port.starts_with("GigabitEthernet"));
    s.run("conf t");
    s.run("hostname core-7");
    BOOST_TEST(s.prompt() == "core-7(config)#");
    s.run("int gi" + port.substr(15));
    BOOST_TEST(s.prompt() == "core-7(config-if)#");
    BOOST_TEST(s.run("ip address 10.9.9.1 255.255.255.0").empty());
    BOOST_TEST(s.run("shutdown").empty());
    s.run("end");
    BOOST_TEST(s.prompt() == "core-7#");

    const std::string running = s.run("show running-config");
    BOOST_TEST(contains(running, "\nhostname core-7\n"));
    BOOST_TEST(contains(running, "interface " + port +
                                     "\n ip address 10.9.9.1 255.255.255.0\n"
                                     " shutdown\n!\n"));
    BOOST_TEST(line_with(s.run("show ip interface brief"), port + " ") ==
               (port + std::string(23 - port.size() - 1, ' ') +
                " 10.9.9.1        YES manual administratively down down"));
    const std::string shown = s.run("show interfaces " + port);
    BOOST_TEST(
        shown.starts_with(port + " is administratively down, line protocol is down (disabled)\n"));
    BOOST_TEST(contains(shown, "  Internet address is 10.9.9.1/24\n"));

    s.configure({"interface " + port, "no shutdown", "no ip address"});
    BOOST_TEST(
        contains(s.run("show running-config"), "interface " + port + "\n no ip address\n!\n"));
    BOOST_TEST(contains(line_with(s.run("show ip interface brief"), port + " "), "unassigned"));
}

BOOST_AUTO_TEST_CASE(config_lines_are_stored_and_removed) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    s.enable();
    s.run("conf t");
    s.run("ntp serv 192.0.2.1");
    s.run("logging host 192.0.2.9");
    s.run("router ospf 1");
    s.run(" network 10.0.0.0 0.255.255.255 area 0");
    s.run("interface vlan10"); // a global command leaves the router section
    BOOST_TEST(s.prompt() == "ios-0001(config-if)#");
    s.run("ip route 0.0.0.0 0.0.0.0 192.0.2.254"); // and this one leaves the interface
    BOOST_TEST(s.prompt() == "ios-0001(config)#");
    BOOST_TEST(contains(s.run("do show ip interface brief | include Vlan10"), "Vlan10"));
    s.run("end");
    std::string running = s.run("show running-config");
    BOOST_TEST(contains(running, "ntp server 192.0.2.1\n"));
    BOOST_TEST(contains(running, "logging host 192.0.2.9\n"));
    BOOST_TEST(contains(running, "router ospf 1\n network 10.0.0.0 0.255.255.255 area 0\n!\n"));
    BOOST_TEST(contains(running, "interface Vlan10\n!\n"));
    BOOST_TEST(contains(running, "ip route 0.0.0.0 0.0.0.0 192.0.2.254\n"));
    BOOST_TEST(s.run("show running-config | section ospf") ==
               "router ospf 1\n network 10.0.0.0 0.255.255.255 area 0\n");

    s.configure({"no ntp server 192.0.2.1", "no router ospf 1", "no interface Vlan10"});
    running = s.run("show running-config");
    BOOST_TEST(!contains(running, "192.0.2.1\n"));
    BOOST_TEST(!contains(running, "router ospf"));
    BOOST_TEST(!contains(running, "Vlan10"));
    BOOST_TEST(contains(running, "logging host 192.0.2.9\n"));
}

BOOST_AUTO_TEST_CASE(saving_makes_startup_equal_running) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    s.enable();
    s.configure({"snmp-server location rack 7"});
    BOOST_TEST(!contains(s.run("show startup-config"), "rack 7"));
    BOOST_TEST(s.run("copy running-config startup-config").empty());
    BOOST_TEST(s.prompt() == "Destination filename [startup-config]? ");
    BOOST_TEST(s.run("") == "Building configuration...\n[OK]\n");
    BOOST_TEST(s.prompt() == "ios-0001#");
    const std::string startup = s.run("show startup-config");
    BOOST_TEST(contains(startup, "snmp-server location rack 7\n"));
    BOOST_TEST(config_body(startup) == config_body(s.run("show running-config")));
    const std::string body = config_body(startup);
    BOOST_TEST(
        startup.starts_with("Using " + std::to_string(body.size()) + " out of 2097152 bytes\n"));

    s.configure({"hostname edge-2"});
    BOOST_TEST(s.run("write memory") == "Building configuration...\n[OK]\n");
    BOOST_TEST(config_body(s.run("show startup-config")) ==
               config_body(s.run("show running-config")));
}

BOOST_AUTO_TEST_CASE(running_config_counts_its_bytes) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    s.enable();
    const std::string text = s.run("show running-config");
    const RE2 header{
        "^(Building configuration\\.\\.\\.\n\nCurrent configuration : (\\d+) bytes\n)"};
    std::string whole;
    std::size_t bytes = 0;
    BOOST_REQUIRE(RE2::PartialMatch(text, header, &whole, &bytes));
    BOOST_TEST(bytes == text.size() - whole.size());
    BOOST_TEST(text.ends_with("!\nend\n"));
}

BOOST_AUTO_TEST_CASE(exec_runs_privileged_and_concatenates) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    s.enable();
    const std::string version = s.run("show version");
    const std::string running = s.run("show running-config");

    const auto r = model->exec("show version\nshow running-config\nshow bogus", later);
    BOOST_TEST(r.exit_status == 0u);
    BOOST_TEST(r.err.empty());
    BOOST_TEST(r.out.starts_with(version + running));
    BOOST_TEST(r.out.ends_with("% Invalid input detected at '^' marker.\n\n"));

    // Several lines share one session: configuration through exec.
    BOOST_TEST(model->exec("configure terminal\nhostname via-exec\nend\n", later).out ==
               "Enter configuration commands, one per line.  End with CNTL/Z.\n");
    BOOST_TEST(s.prompt() == "via-exec#");
}

BOOST_AUTO_TEST_CASE(sessions_share_the_configuration) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto a = open(*model);
    auto b = open(*model);
    a.enable();
    b.enable();
    a.run("conf t");
    a.run("hostname shared");
    a.run("ip domain-name example.org");
    BOOST_TEST(b.prompt() == "shared#");
    BOOST_TEST(contains(b.run("show running-config"), "\nip domain-name example.org\n"));
    BOOST_TEST(b.cli->page_lines(24) == 24u);
    a.run("do terminal length 0");
    BOOST_TEST(a.cli->page_lines(24) == 0u);
    BOOST_TEST(b.cli->page_lines(24) == 24u); // terminal settings are per session
}

BOOST_AUTO_TEST_CASE(output_is_deterministic) {
    const std::vector<std::string> commands = {
        "show version", "show ip interface brief", "show interfaces",    "show inventory",
        "show clock",   "show running-config",     "show startup-config"};
    auto first = sim::make_cisco_ios(ios_profile(), boot);
    auto second = sim::make_cisco_ios(ios_profile(), boot);
    auto a = open(*first);
    auto b = open(*second);
    a.enable();
    b.enable();
    for (const auto& command : commands) {
        BOOST_TEST_CONTEXT(command) {
            BOOST_TEST(a.run(command) == b.run(command));
        }
    }

    const auto serial = [](sim::device_model& model) {
        return line_with(model.exec("show version", later).out, "Processor board ID");
    };
    auto reseeded = sim::make_cisco_ios(ios_profile(8), boot);
    auto renamed = sim::make_cisco_ios(ios_profile(7, "ios-0002"), boot);
    BOOST_TEST(!serial(*first).empty());
    BOOST_TEST(serial(*first) != serial(*reseeded));
    BOOST_TEST(serial(*first) != serial(*renamed));
}

BOOST_AUTO_TEST_CASE(terminal_settings) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    BOOST_TEST(s.cli->page_lines(50) == 24u); // the setting, not the window
    BOOST_TEST(s.cli->more_marker() == " --More-- ");
    BOOST_TEST(s.cli->crlf(false));
    s.run("terminal length 0");
    BOOST_TEST(s.cli->page_lines(50) == 0u);
    s.run("terminal length 40");
    BOOST_TEST(s.cli->page_lines(24) == 40u);
    BOOST_TEST(s.run("terminal width 132").empty());

    const auto all = s.cli->run("show interfaces", later);
    BOOST_TEST(all.pageable);
    BOOST_TEST(std::count(all.text.begin(), all.text.end(), '\n') > 200);
}

BOOST_AUTO_TEST_CASE(show_version_has_what_textfsm_reads) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    const std::string text = model->exec("show version", later).out;
    for (const char* pattern :
         {"^Cisco IOS XE Software, Version \\S+$",
          "^.*Software\\s.+\\),\\sVersion\\s.+,\\s+RELEASE.*\\(\\S+\\)$", "^ROM:\\s+\\S+",
          "^ios-0001 uptime is (\\d+ (year|week|day|hour|minute)s?, )*\\d+ minutes?$",
          "^System image file is \"\\S+:\\S+\"$",
          "^cisco \\S+ \\(.+\\) processor .+ bytes of memory\\.$",
          "^Processor board ID [A-Z]{3}\\d{4}[A-Z0-9]{4}$", "^\\d+ Gigabit Ethernet interfaces$",
          "^Base Ethernet MAC Address\\s+: ([0-9a-f]{2}:){5}[0-9a-f]{2}$",
          "^Configuration register is 0x2102$"}) {
        BOOST_TEST_CONTEXT(pattern) {
            BOOST_TEST(RE2::PartialMatch(text, RE2(std::string("(?m)") + pattern)));
        }
    }
}

BOOST_AUTO_TEST_CASE(clock_and_uptime_follow_now) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    const auto clock_at = [&](sim::sim_clock::time_point now) {
        return s.cli->run("show clock", now).text;
    };
    const RE2 format{"(\\d\\d):(\\d\\d):(\\d\\d)\\.\\d{3} UTC [A-Z][a-z]{2} [A-Z][a-z]{2} "
                     "\\d{1,2} 20\\d\\d\n"};
    const std::string before = clock_at(boot);
    const std::string after = clock_at(boot + std::chrono::seconds(61));
    // Seconds of the day shown.
    const auto seconds = [&](const std::string& text) {
        int h = 0, m = 0, sec = 0;
        BOOST_REQUIRE_MESSAGE(RE2::FullMatch(text, format, &h, &m, &sec), text);
        return h * 3600 + m * 60 + sec;
    };
    BOOST_TEST((seconds(after) - seconds(before) + 86400) % 86400 == 61);
    BOOST_TEST(clock_at(boot) == before);
    BOOST_TEST(model->exec("show version", boot).out !=
               model->exec("show version", boot + std::chrono::hours(30)).out);
}

BOOST_AUTO_TEST_CASE(output_filters) {
    auto model = sim::make_cisco_ios(ios_profile(), boot);
    auto s = open(*model);
    s.enable();
    const std::string included = s.run("show running-config | include ntp");
    BOOST_TEST(included.starts_with("ntp server 10."));
    BOOST_TEST(std::count(included.begin(), included.end(), '\n') == 1);
    BOOST_TEST(s.run("show running-config | begin line con").starts_with("line con 0\n"));
    BOOST_TEST(s.run("show running-config | section line vty") ==
               "line vty 0 4\n login local\n transport input ssh\n");
    BOOST_TEST(!contains(s.run("show ip interface brief | exclude unassigned"), "unassigned"));
}

BOOST_AUTO_TEST_SUITE_END()
