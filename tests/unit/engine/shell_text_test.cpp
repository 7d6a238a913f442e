// The shell text processor driven by the simulator's device models and terminal: what it
// returns for a command must be exactly what the device's exec channel returns for it.
//
// Line ends: the processor returns "\n" line ends ("\r\n" and "\r\r\n" become "\n"), which is
// what the models' exec() gives, so outputs compare byte for byte.
#include <engine/platform_driver.hpp>
#include <engine/shell_text.hpp>
#include <sim/cli_terminal.hpp>
#include <sim/device_model.hpp>

#include <boost/test/unit_test.hpp>

#include <deque>
#include <ostream>
#include <string>

using engine::cli_mode;
using engine::shell_answer;
using engine::shell_signal;

namespace {

const sim::sim_clock::time_point t0{};

// How the terminal's output segments are cut before the processor sees them.
enum class cut { segments, joined, bytes, odd };

class device_shell {
public:
    device_shell(sim::device_profile profile, cut how)
        : model_(sim::make_device_model(profile, t0))
        , driver_(*engine::driver_registry::shipped().find(profile.platform))
        , terminal_(model_->open_cli(t0), {.pty = true, .columns = 80, .rows = 24})
        , shell_(driver_)
        , cut_(how) {
        greeting = pump({terminal_.start(t0)});
    }

    shell_answer run(const std::string& command, bool echoed = true) {
        shell_.begin_command(command, echoed);
        const auto step = terminal_.feed(command + driver_.line_ending, t0);
        std::vector<std::string> pieces;
        for (const auto& s : step.segments)
            pieces.push_back(s.bytes);
        return pump(std::move(pieces));
    }

    void paging_off() {
        for (const auto& command : driver_.paging_off) {
            const auto answer = run(command);
            BOOST_TEST_INFO(command);
            BOOST_TEST(!answer.device_error.has_value()); // Junos says "Screen length set to 0"
            BOOST_TEST(answer.mode != cli_mode::unknown);
        }
    }

    std::string exec(const std::string& command) { return model_->exec(command, t0).out; }
    const engine::platform_driver& driver() const { return driver_; }
    shell_answer greeting;

private:
    std::vector<std::string> chunks(const std::vector<std::string>& pieces) const {
        std::vector<std::string> out;
        std::string all;
        for (const auto& p : pieces)
            all += p;
        switch (cut_) {
        case cut::segments:
            return pieces;
        case cut::joined:
            return {all};
        case cut::bytes:
            for (const char c : all)
                out.emplace_back(1, c);
            return out;
        case cut::odd: {
            // 1, 2, 3, 5, 8, 13 bytes, again and again: cuts "\r\n" and escapes anywhere.
            const std::size_t sizes[] = {1, 2, 3, 5, 8, 13};
            std::size_t at = 0;
            for (std::size_t i = 0; at < all.size(); ++i) {
                out.push_back(all.substr(at, sizes[i % 6]));
                at += sizes[i % 6];
            }
            return out;
        }
        }
        return out;
    }

    shell_answer pump(std::vector<std::string> pieces) {
        std::deque<std::string> queue;
        for (auto& c : chunks(pieces))
            queue.push_back(std::move(c));
        for (std::size_t guard = 0; guard < 100000 && !queue.empty(); ++guard) {
            const std::string chunk = std::move(queue.front());
            queue.pop_front();
            switch (shell_.feed(chunk)) {
            case shell_signal::prompt: {
                // Cut byte by byte, the prompt's trailing space may still be on its way.
                auto answer = shell_.take_answer();
                for (; !queue.empty(); queue.pop_front()) {
                    BOOST_TEST(queue.front().find_first_not_of(' ') == std::string::npos);
                    BOOST_TEST((shell_.feed(queue.front()) == shell_signal::need_more));
                }
                return answer;
            }
            case shell_signal::send_space: {
                BOOST_TEST(queue.empty());
                std::vector<std::string> more;
                for (const auto& s : terminal_.feed(" ", t0).segments)
                    more.push_back(s.bytes);
                for (auto& c : chunks(more))
                    queue.push_back(std::move(c));
                break;
            }
            case shell_signal::need_more:
                break;
            }
        }
        BOOST_FAIL("no prompt in the device's output");
        return {};
    }

    std::unique_ptr<sim::device_model> model_;
    const engine::platform_driver& driver_;
    sim::cli_terminal terminal_;
    engine::shell_text shell_;
    cut cut_;
};

sim::device_profile profile(const std::string& platform, const std::string& hostname) {
    sim::device_profile p;
    p.name = hostname;
    p.platform = platform;
    p.seed = 7;
    p.hostname = hostname;
    return p;
}

struct platform_case {
    std::string platform;
    std::string hostname;
    std::vector<std::string> commands;
    cli_mode login_mode;
};

const std::vector<platform_case>& platforms() {
    static const std::vector<platform_case> cases{
        {"cisco_ios",
         "ios-0001",
         {"show version", "show ip interface brief", "show interfaces", "show running-config",
          "show inventory"},
         cli_mode::user},
        {"arista_eos",
         "eos-0001",
         {"show version", "show ip interface brief", "show interfaces", "show version | json"},
         cli_mode::user},
        {"juniper_junos",
         "junos-0001",
         {"show version", "show interfaces terse", "show interfaces", "show configuration",
          "show chassis hardware"},
         cli_mode::user},
        {"linux",
         "linux-0001",
         {"uname -a", "hostname", "ip -br addr", "df -h", "cat /etc/os-release"},
         cli_mode::user},
    };
    return cases;
}

void check_commands(const platform_case& pc, const std::string& hostname, cut how) {
    device_shell shell(profile(pc.platform, hostname), how);
    BOOST_TEST(shell.greeting.mode == pc.login_mode);
    shell.paging_off();
    cli_mode mode = pc.login_mode;
    if (!shell.driver().enable_command.empty()) {
        BOOST_TEST(shell.run(shell.driver().enable_command).mode == cli_mode::password);
        BOOST_TEST(shell.run("enable", false).mode == cli_mode::privileged);
        mode = cli_mode::privileged;
    }
    for (const auto& command : pc.commands) {
        BOOST_TEST_CONTEXT(pc.platform << " " << hostname << " '" << command << "' cut "
                                       << static_cast<int>(how)) {
            const auto answer = shell.run(command);
            const auto expected = shell.exec(command);
            BOOST_TEST(!expected.empty());
            BOOST_TEST(answer.output == expected);
            BOOST_TEST(!answer.device_error.has_value());
            BOOST_TEST(answer.pages == 0u);
            BOOST_TEST(answer.mode == mode);
        }
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(shell_text_on_simulated_devices)

BOOST_AUTO_TEST_CASE(cleaned_output_equals_exec_output_for_every_platform_and_cut) {
    for (const auto& pc : platforms())
        for (const cut how : {cut::segments, cut::joined, cut::odd})
            check_commands(pc, pc.hostname, how);
}

BOOST_AUTO_TEST_CASE(byte_by_byte) {
    for (const auto& pc : platforms())
        check_commands(pc, pc.hostname, cut::bytes);
}

BOOST_AUTO_TEST_CASE(odd_hostnames) {
    for (const auto& pc : platforms())
        check_commands(pc, "ios-0001_(lab).r1[a]", cut::odd);
}

BOOST_AUTO_TEST_CASE(greeting_and_login_prompt) {
    auto p = profile("linux", "linux-0001");
    p.motd = "Authorized use only";
    device_shell shell(p, cut::bytes);
    BOOST_TEST(shell.greeting.output.starts_with("Authorized use only\nLast login: "));
    BOOST_TEST(shell.greeting.prompt == "admin@linux-0001:~$");
    BOOST_TEST(shell.greeting.mode == cli_mode::user);
}

BOOST_AUTO_TEST_CASE(enable_and_config_modes_on_ios_and_eos) {
    for (const std::string platform : {"cisco_ios", "arista_eos"}) {
        for (const std::string host : {"r1", "ios-0001_(lab).r1[a]"}) {
            BOOST_TEST_CONTEXT(platform << " " << host) {
                device_shell shell(profile(platform, host), cut::odd);
                const auto& d = shell.driver();
                BOOST_TEST(shell.greeting.prompt == host + ">");
                auto answer = shell.run(d.enable_command);
                BOOST_TEST((answer.mode == cli_mode::password));
                BOOST_TEST(answer.prompt == "Password:");
                BOOST_TEST(answer.output == "");
                answer = shell.run("enable", false); // the profile's enable secret
                BOOST_TEST((answer.mode == cli_mode::privileged));
                BOOST_TEST(answer.prompt == host + "#");
                BOOST_TEST(answer.output == "");

                answer = shell.run(d.config_enter);
                BOOST_TEST((answer.mode == cli_mode::config));
                BOOST_TEST(answer.prompt == host + "(config)#");
                answer = shell.run("interface Loopback0");
                BOOST_TEST((answer.mode == cli_mode::config));
                BOOST_TEST(answer.prompt.find("(config-if") != std::string::npos);
                BOOST_TEST(answer.output == "");
                answer = shell.run(d.config_exit);
                BOOST_TEST((answer.mode == cli_mode::privileged));
                BOOST_TEST(answer.output == "");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(junos_config_mode) {
    device_shell shell(profile("juniper_junos", "ios-0001_(lab).r1[a]"), cut::bytes);
    shell.paging_off();
    auto answer = shell.run(shell.driver().config_enter);
    BOOST_TEST((answer.mode == cli_mode::config));
    BOOST_TEST(answer.prompt == "admin@ios-0001_(lab).r1[a]#");
    BOOST_TEST(answer.output == "Entering configuration mode\n");
    answer = shell.run("frobnicate now");
    BOOST_TEST_INFO(answer.output);
    BOOST_TEST(answer.device_error.has_value());
    answer = shell.run("set interfaces ge-0/0/1 description uplink");
    BOOST_TEST(answer.output == "");
    BOOST_TEST(!answer.device_error.has_value());
    answer = shell.run("show | compare");
    BOOST_TEST_INFO(answer.output);
    BOOST_TEST(answer.output.find("+       description uplink;") != std::string::npos);
    answer = shell.run(shell.driver().config_exit);
    BOOST_TEST((answer.mode == cli_mode::user));
}

BOOST_AUTO_TEST_CASE(device_errors_are_flagged) {
    for (const auto& pc : platforms()) {
        BOOST_TEST_CONTEXT(pc.platform) {
            device_shell shell(profile(pc.platform, pc.hostname), cut::odd);
            shell.paging_off();
            const auto answer = shell.run(pc.platform == "linux" ? "foo" : "show foo");
            BOOST_TEST(answer.device_error.has_value());
            BOOST_TEST(!answer.output.empty());
            BOOST_TEST(!shell.run(pc.commands.front()).device_error.has_value());
        }
    }
}

BOOST_AUTO_TEST_CASE(the_pager_is_answered_when_paging_was_not_turned_off) {
    const std::vector<std::pair<std::string, std::string>> long_commands{
        {"cisco_ios", "show interfaces"},
        {"arista_eos", "show interfaces"},
        {"juniper_junos", "show configuration"},
        {"juniper_junos", "show interfaces"},
    };
    for (const auto& [platform, command] : long_commands) {
        for (const cut how : {cut::segments, cut::bytes}) {
            BOOST_TEST_CONTEXT(platform << " " << command << " cut " << static_cast<int>(how)) {
                device_shell shell(profile(platform, "ios-0001_(lab).r1[a]"), how);
                const auto answer = shell.run(command);
                BOOST_TEST(answer.pages > 0u);
                BOOST_TEST(answer.output == shell.exec(command));
                BOOST_TEST(answer.output.find("More") == std::string::npos);
                BOOST_TEST(answer.output.find("more") == std::string::npos);
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(shell_text_on_literal_text)

BOOST_AUTO_TEST_CASE(ansi_sequences_are_stripped) {
    const auto& linux_driver = *engine::driver_registry::shipped().find("linux");
    // A colourful shell: OSC window title, SGR colours, bracketed paste, a charset selection,
    // keypad mode; fed whole and one byte at a time.
    const std::string prompt = "\x1b]0;admin@web1: ~\x07\x1b[01;32madmin@web1\x1b[00m:"
                               "\x1b[01;34m~\x1b[00m$ \x1b[?2004h";
    const std::string answer_bytes = "\x1b[?2004l\rls --color\r\n\x1b(B\x1b[0m\x1b[01;34mbin"
                                     "\x1b[0m  notes.txt\x1b=\x1b>\r\n\x1b]2;done\x1b\\" +
                                     prompt;
    for (const bool bytewise : {false, true}) {
        engine::shell_text shell{linux_driver};
        const auto feed = [&](const std::string& s) {
            shell_signal last = shell_signal::need_more;
            if (!bytewise)
                return shell.feed(s);
            for (const char c : s)
                last = shell.feed(std::string_view(&c, 1));
            return last;
        };
        BOOST_TEST((feed("Welcome\r\n" + prompt) == shell_signal::prompt));
        auto answer = shell.take_answer();
        BOOST_TEST(answer.prompt == "admin@web1:~$");
        BOOST_TEST(answer.output == "Welcome\n");
        shell.begin_command("ls --color");
        BOOST_TEST((feed(answer_bytes) == shell_signal::prompt));
        answer = shell.take_answer();
        BOOST_TEST(answer.output == "bin  notes.txt\n");
    }
}

BOOST_AUTO_TEST_CASE(backspace_erasure_and_line_editing) {
    const auto& ios = *engine::driver_registry::shipped().find("ios");
    engine::shell_text shell{ios};
    shell.begin_command("show clock");
    // The user typed "show clk", erased two characters and typed "ock".
    BOOST_TEST((shell.feed("show clk\b \bock\r\n*10:00:00.000 UTC Mon Jan 1 2024\r\n") ==
                shell_signal::need_more));
    BOOST_TEST((shell.feed("r1#") == shell_signal::prompt));
    BOOST_TEST(shell.take_answer().output == "*10:00:00.000 UTC Mon Jan 1 2024\n");

    // A pager erased by "\r" and an erase-line escape rather than backspaces.
    shell.begin_command("show x");
    BOOST_TEST((shell.feed("show x\r\nline 1\r\n --More-- ") == shell_signal::send_space));
    BOOST_TEST((shell.feed("\r\x1b[Kline 2\r\nr1#") == shell_signal::prompt));
    const auto answer = shell.take_answer();
    BOOST_TEST(answer.output == "line 1\nline 2\n");
    BOOST_TEST(answer.pages == 1u);
}

BOOST_AUTO_TEST_CASE(prompt_like_text_inside_a_line_is_not_a_prompt) {
    const auto& ios = *engine::driver_registry::shipped().find("ios");
    engine::shell_text shell{ios};
    shell.begin_command("show run | include #");
    BOOST_TEST(
        (shell.feed("show run | include #\r\n description a#b\r\n") == shell_signal::need_more));
    BOOST_TEST((shell.feed(" x y#") == shell_signal::need_more)); // not at a line start
    BOOST_TEST((shell.feed("\r\nr1#") == shell_signal::prompt));
    BOOST_TEST(shell.take_answer().output == " description a#b\n x y#\n");
}

BOOST_AUTO_TEST_CASE(a_megabyte_of_output_costs_bounded_work_per_chunk) {
    const auto& ios = *engine::driver_registry::shipped().find("ios");
    constexpr std::size_t tail = 4096;
    engine::shell_text shell{ios, {.tail_bytes = tail}};
    shell.begin_command("show tech-support");
    BOOST_TEST((shell.feed("show tech-support\r\n") == shell_signal::need_more));
    std::string expected;
    std::string line;
    std::size_t worst = 0;
    // Lines of assorted lengths, fed in 1000-byte chunks that cut lines anywhere; one very
    // long line (no line start in the window) on the way.
    std::string stream;
    for (std::size_t i = 0; expected.size() < (1u << 20); ++i) {
        line = "interface Gi1/0/" + std::to_string(i) + " is up, " + std::string(i % 97, 'x');
        if (i == 500)
            line = std::string(20000, 'y');
        expected += line + "\n";
        stream += line + "\r\n";
    }
    const std::size_t patterns = 4 + 1; // prompts (config, privileged, user, password), pager
    for (std::size_t at = 0; at < stream.size(); at += 1000) {
        BOOST_TEST_REQUIRE(
            (shell.feed(std::string_view(stream).substr(at, 1000)) == shell_signal::need_more));
        worst = std::max(worst, shell.last_scan_bytes());
    }
    BOOST_TEST(worst <= tail * patterns);
    BOOST_TEST((shell.feed("r1#") == shell_signal::prompt));
    BOOST_TEST(shell.last_scan_bytes() <= tail * patterns);
    const auto answer = shell.take_answer();
    BOOST_TEST(answer.output.size() == expected.size());
    BOOST_TEST((answer.output == expected));
}

BOOST_AUTO_TEST_SUITE_END()
