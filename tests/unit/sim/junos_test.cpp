#include <sim/cli_terminal.hpp>
#include <sim/device_model.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using sim::sim_clock;

namespace {

const sim_clock::time_point boot = sim_clock::time_point{} + 100h;

sim::device_profile profile(std::uint64_t seed = 42, std::string name = "junos-0001") {
    sim::device_profile p;
    p.name = std::move(name);
    p.platform = "juniper_junos";
    p.seed = seed;
    p.hostname = "edge1";
    p.username = "admin";
    return p;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// One interactive session; run() returns what the device prints for a line.
struct session {
    std::unique_ptr<sim::device_model> model;
    std::unique_ptr<sim::cli_context> cli;

    explicit session(const sim::device_profile& p = profile())
        : model(sim::make_juniper_junos(p, boot))
        , cli(model->open_cli(boot)) {}

    std::string run(std::string_view line, sim_clock::time_point now = boot) {
        return cli->run(line, now).text;
    }
    std::string configuration(sim_clock::time_point now = boot) {
        return model->exec("show configuration", now).out;
    }
};

const std::string edit_banner = "\n[edit]\n";

} // namespace

BOOST_AUTO_TEST_CASE(greeting_and_operational_prompt) {
    auto p = profile();
    p.motd = "Authorized access only";
    session s{p};
    const auto greeting = s.cli->greeting();
    BOOST_TEST(greeting.starts_with("Authorized access only\n--- JUNOS "));
    BOOST_TEST(contains(greeting, " built 20"));
    BOOST_TEST(s.cli->prompt() == "admin@edge1> ");
    BOOST_TEST(s.cli->more_marker() == "---(more)---");
    BOOST_TEST(s.cli->echoes(false));
    BOOST_TEST(s.cli->crlf(false));
}

BOOST_AUTO_TEST_CASE(configuration_mode_prompts_and_edit_banners) {
    session s;
    BOOST_TEST(s.run("configure") == "Entering configuration mode\n" + edit_banner);
    BOOST_TEST(s.cli->prompt() == "admin@edge1# ");
    BOOST_TEST(s.run("") == edit_banner);
    BOOST_TEST(s.run("edit interfaces ge-0/0/1") == "\n[edit interfaces ge-0/0/1]\n");
    BOOST_TEST(s.run("edit unit 0") == "\n[edit interfaces ge-0/0/1 unit 0]\n");
    BOOST_TEST(s.run("up") == "\n[edit interfaces ge-0/0/1]\n");
    BOOST_TEST(s.run("top") == edit_banner);
    BOOST_TEST(s.run("exit") == "Exiting configuration mode\n\n");
    BOOST_TEST(s.cli->prompt() == "admin@edge1> ");
    BOOST_TEST(s.run("conf private").starts_with("warning: uncommitted changes will be discarded"));
    BOOST_TEST(s.run("exit configuration-mode") == "Exiting configuration mode\n\n");
}

BOOST_AUTO_TEST_CASE(show_compare_lists_additions_and_removals) {
    session s;
    s.run("configure");
    BOOST_TEST(s.run("show | compare") == edit_banner);
    s.run("set interfaces lo0 unit 0 family inet address 10.99.99.99/32");
    s.run("set system host-name core7");
    BOOST_TEST(s.run("show | compare") == "[edit system]\n"
                                          "-   host-name edge1;\n"
                                          "+   host-name core7;\n"
                                          "[edit interfaces lo0 unit 0 family inet]\n"
                                          "+       address 10.99.99.99/32;\n" +
                                              edit_banner);
    s.run("delete system host-name");
    s.run("delete interfaces lo0 unit 0 family inet address 10.99.99.99/32");
    BOOST_TEST(s.run("show | compare") == "[edit system]\n-   host-name edge1;\n" + edit_banner);
    BOOST_TEST(s.run("delete system host-name") == "warning: statement not found\n" + edit_banner);
}

BOOST_AUTO_TEST_CASE(set_shows_in_candidate_forms_at_the_edit_level) {
    session s;
    s.run("configure");
    s.run("edit protocols ospf area 0.0.0.0");
    s.run("set interface ge-0/0/3.0 metric 20");
    BOOST_TEST(s.run("show") == "interface ge-0/0/3.0 {\n    metric 20;\n}\n"
                                "\n[edit protocols ospf area 0.0.0.0]\n");
    BOOST_TEST(s.run("show | display set") ==
               "set protocols ospf area 0.0.0.0 interface ge-0/0/3.0 metric 20\n"
               "\n[edit protocols ospf area 0.0.0.0]\n");
}

BOOST_AUTO_TEST_CASE(commit_shows_in_configuration_and_interfaces_of_every_session) {
    session s;
    auto other = s.model->open_cli(boot); // a second session sees what the first commits
    s.run("configure");
    s.run("set interfaces ge-0/0/2 unit 0 family inet address 10.77.0.1/24");
    BOOST_TEST(!contains(s.configuration(), "10.77.0.1/24"));
    BOOST_TEST(s.run("commit") == "commit complete\n" + edit_banner);

    BOOST_TEST(contains(s.configuration(), "                address 10.77.0.1/24;\n"));
    const auto terse = other->run("show interfaces terse", boot).text;
    BOOST_TEST(contains(terse, "\nge-0/0/2.0              up    "));
    BOOST_TEST(contains(terse, "inet     10.77.0.1/24\n"));

    s.run("set interfaces ge-0/0/2 disable");
    s.run("commit");
    BOOST_TEST(contains(other->run("show interfaces terse ge-0/0/2", boot).text,
                        "ge-0/0/2                down  down\n"));
    const auto history = other->run("show system commit", boot).text;
    BOOST_TEST(history.starts_with("0   "));
    BOOST_TEST(contains(history, "\n2   "));
    BOOST_TEST(contains(history, " by admin via cli\n"));
}

BOOST_AUTO_TEST_CASE(commit_check_validates_without_activating) {
    session s;
    s.run("configure");
    s.run("set system host-name checked");
    BOOST_TEST(s.run("commit check") == "configuration check succeeds\n" + edit_banner);
    BOOST_TEST(contains(s.configuration(), "host-name edge1;"));
}

BOOST_AUTO_TEST_CASE(commit_confirmed_rolls_back_when_not_confirmed) {
    session s;
    s.run("configure");
    s.run("set system host-name trial");
    BOOST_TEST(s.run("commit confirmed 2") ==
               "commit confirmed will be automatically rolled back in 2 minutes unless "
               "confirmed\ncommit complete\n" +
                   edit_banner);
    BOOST_TEST(contains(s.configuration(boot + 1min), "host-name trial;"));
    BOOST_TEST(s.cli->prompt() == "admin@trial# ");

    BOOST_TEST(contains(s.configuration(boot + 3min), "host-name edge1;"));
    const auto history = s.model->exec("show system commit", boot + 3min).out;
    BOOST_TEST(history.starts_with("0   "));
    BOOST_TEST(contains(history, " via other\n1   "));
    BOOST_TEST(contains(history, "commit confirmed, rollback in 2mins\n"));
}

BOOST_AUTO_TEST_CASE(commit_confirmed_stays_when_confirmed) {
    for (const auto* confirmation : {"commit", "commit check"}) {
        BOOST_TEST_CONTEXT(confirmation) {
            session s;
            s.run("configure");
            s.run("set system host-name trial");
            BOOST_TEST(contains(s.run("commit confirmed"), "rolled back in 10 minutes"));
            s.run(confirmation, boot + 9min);
            BOOST_TEST(contains(s.configuration(boot + 60min), "host-name trial;"));
        }
    }
}

BOOST_AUTO_TEST_CASE(rollback_loads_an_earlier_commit_into_the_candidate) {
    session s;
    s.run("configure");
    s.run("set system host-name first");
    s.run("commit");
    s.run("set system host-name second");
    s.run("commit");
    BOOST_TEST(s.run("rollback 1") == "load complete\n" + edit_banner);
    BOOST_TEST(s.run("show | compare") ==
               "[edit system]\n-   host-name second;\n+   host-name first;\n" + edit_banner);
    BOOST_TEST(contains(s.configuration(), "host-name second;")); // only the candidate changed
    BOOST_TEST(s.run("rollback 2") == "load complete\n" + edit_banner);
    BOOST_TEST(contains(s.run("show system"), "host-name edge1;"));
    BOOST_TEST(s.run("rollback 3") == "error: rollback 3: no such file\n" + edit_banner);
    s.run("rollback");
    BOOST_TEST(s.run("show | compare") == edit_banner);
}

BOOST_AUTO_TEST_CASE(exit_with_uncommitted_changes_warns) {
    session s;
    s.run("configure");
    s.run("set system host-name pending");
    BOOST_TEST(s.run("exit") == "The configuration has been changed but not committed\n"
                                "Exiting configuration mode\n\n");
    BOOST_TEST(contains(s.configuration(), "host-name edge1;"));
    BOOST_TEST(s.cli->run("exit", boot).end_session);
}

BOOST_AUTO_TEST_CASE(errors_put_a_caret_under_the_bad_word) {
    session s;
    const std::string prompt = "admin@edge1> ";
    BOOST_TEST(s.run("show foo") ==
               std::string(prompt.size() + 5, ' ') + "^\nsyntax error, expecting <command>.\n");
    BOOST_TEST(s.run("  frobnicate") ==
               std::string(prompt.size() + 2, ' ') + "^\nunknown command.\n");
    BOOST_TEST(s.run("show c") == std::string(prompt.size() + 5, ' ') + "^\n'c' is ambiguous.\n");
    BOOST_TEST(s.run("show system") ==
               std::string(prompt.size() + 11, ' ') + "^\nsyntax error, expecting <command>.\n");
    s.run("configure");
    BOOST_TEST(s.run("set foo bar") ==
               std::string(prompt.size() + 4, ' ') + "^\nsyntax error.\n" + edit_banner);
    BOOST_TEST(s.run("set system host-name") ==
               std::string(prompt.size() + 20, ' ') + "^\nmissing argument.\n" + edit_banner);
}

BOOST_AUTO_TEST_CASE(abbreviations_and_pipes) {
    session s;
    BOOST_TEST(s.run("sh ver") == s.run("show version"));
    BOOST_TEST(s.run("sh int te") == s.run("show interfaces terse"));
    BOOST_TEST(s.run("show interfaces terse | match lo0") ==
               s.run("show interfaces terse lo0 | except Interface"));
    BOOST_TEST(s.run("show configuration | display set | match host-name") ==
               "set system host-name edge1\n\n");
    BOOST_TEST(s.run("show version | count").starts_with("Count: "));
    BOOST_TEST(s.run("show configuration system host-name") == "host-name edge1;\n\n");
}

BOOST_AUTO_TEST_CASE(pager_settings_and_no_more) {
    session s;
    BOOST_TEST(s.cli->page_lines(40) == 40u);
    BOOST_TEST(s.cli->run("show configuration", boot).pageable);
    BOOST_TEST(!s.cli->run("show configuration | no-more", boot).pageable);
    BOOST_TEST(s.run("set cli screen-length 0") == "Screen length set to 0\n\n");
    BOOST_TEST(s.cli->page_lines(40) == 0u);
    s.run("set cli screen-length 30");
    BOOST_TEST(s.cli->page_lines(40) == 30u);
    BOOST_TEST(s.run("set cli screen-width 200") == "Screen width set to 200\n\n");
}

BOOST_AUTO_TEST_CASE(terminal_pages_a_long_configuration) {
    auto model = sim::make_juniper_junos(profile(), boot);
    sim::cli_terminal terminal{model->open_cli(boot), {.pty = true, .columns = 80, .rows = 10}};
    BOOST_TEST(terminal.start(boot).ends_with("\r\nadmin@edge1> "));
    const auto step = terminal.feed("show configuration\r", boot);
    BOOST_REQUIRE_EQUAL(step.segments.size(), 2u);
    const auto& page = step.segments[1].bytes;
    BOOST_TEST(page.starts_with("## Last commit: "));
    BOOST_TEST(page.ends_with("\r\n---(more)---"));
    BOOST_TEST(terminal.paging());
    const auto done = terminal.feed("q", boot);
    BOOST_TEST(done.segments.back().bytes.ends_with("admin@edge1> "));
}

BOOST_AUTO_TEST_CASE(exec_runs_lines_like_cli_c) {
    auto model = sim::make_juniper_junos(profile(), boot);
    const auto version = model->exec("show version", boot);
    BOOST_TEST(version.out.starts_with("Hostname: edge1\nModel: "));
    BOOST_TEST(version.exit_status == 0u);
    BOOST_TEST(version.err.empty());

    const auto change = model->exec(
        "configure\nset system host-name viaexec\ncommit\nexit\nshow system information", boot);
    BOOST_TEST(change.out == "Entering configuration mode\ncommit complete\n"
                             "Exiting configuration mode\n" +
                                 model->exec("show system information", boot).out);
    BOOST_TEST(contains(change.out, "Hostname: viaexec\n"));
    BOOST_TEST(model->open_cli(boot)->prompt() == "admin@viaexec> ");
}

BOOST_AUTO_TEST_CASE(facts_are_plausible) {
    const std::set<std::string> models{"mx204", "mx480", "ex4300-48t", "srx345", "qfx5120-48y"};
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        auto model = sim::make_juniper_junos(profile(seed), boot);
        const auto info = model->exec("show system information", boot).out;
        const auto model_line = info.substr(7, info.find('\n') - 7);
        BOOST_TEST(models.count(model_line) == 1u, model_line);
        const auto terse = model->exec("show interfaces terse", boot).out;
        BOOST_TEST(contains(terse, "\nge-0/0/7  "));
        BOOST_TEST(contains(terse, "\nlo0.0 "));
        BOOST_TEST((contains(terse, "\nfxp0.0 ") || contains(terse, "\nem0.0 ")));
    }
}

BOOST_AUTO_TEST_CASE(same_profile_gives_the_same_bytes) {
    const std::vector<std::string> script{"show version",
                                          "show interfaces terse",
                                          "show chassis hardware",
                                          "show system uptime",
                                          "show route summary",
                                          "show configuration",
                                          "show interfaces ge-0/0/0"};
    const auto transcript = [&](const sim::device_profile& p) {
        session s{p};
        std::string out = s.cli->greeting();
        for (const auto& line : script)
            out += s.run(line, boot + 90s);
        return out;
    };
    BOOST_TEST(transcript(profile()) == transcript(profile()));

    const auto hardware = [](const sim::device_profile& p) {
        return session{p}.run("show chassis hardware");
    };
    BOOST_TEST(hardware(profile(42)) != hardware(profile(43)));
    BOOST_TEST(hardware(profile(42, "junos-0001")) != hardware(profile(42, "junos-0002")));
}

BOOST_AUTO_TEST_CASE(uptime_follows_now) {
    session s;
    const auto at = [&](sim_clock::time_point now) {
        const auto text = s.run("show system uptime", now);
        return text.substr(0, text.find('\n'));
    };
    const auto first = at(boot);
    const auto later = at(boot + 61s);
    BOOST_TEST(first.starts_with("Current time: 20"));
    BOOST_TEST(first != later);
    BOOST_TEST(at(boot + 61s) == later);
}
