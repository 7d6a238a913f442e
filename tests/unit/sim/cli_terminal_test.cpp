#include <sim/cli_terminal.hpp>

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

using sim::cli_terminal;
using sim::command_output;
using sim::output_segment;
using sim::terminal_step;

namespace {

const sim::sim_clock::time_point t0{};

// A context with just enough behaviour to drive the terminal: "long" answers 60 numbered
// lines, "bye" ends the session, "enable" asks a hidden password, anything else is repeated.
class fake_context final : public sim::cli_context {
public:
    fake_context(std::vector<std::string>& lines, bool crlf)
        : lines_(lines)
        , crlf_(crlf) {}

    std::string greeting() override { return "Welcome\n"; }
    std::string prompt() const override { return asking_password_ ? "Password: " : "fake> "; }
    command_output run(std::string_view line, sim::sim_clock::time_point) override {
        lines_.emplace_back(line);
        if (asking_password_) {
            asking_password_ = false;
            return {"ok\n", false, false};
        }
        if (line == "enable") {
            asking_password_ = true;
            return {"", false, false};
        }
        if (line == "bye")
            return {"bye\n", false, true};
        if (line == "long") {
            std::string text;
            for (int i = 1; i <= 60; ++i)
                text += "line " + std::to_string(i) + "\n";
            return {text, true, false};
        }
        return {"you said: " + std::string(line) + "\n", true, false};
    }
    std::uint32_t page_lines(std::uint32_t rows) const override { return rows; }
    std::string_view more_marker() const override { return "--More--"; }
    bool echoes(bool pty) const override { return crlf_ ? !asking_password_ : pty; }
    bool crlf(bool pty) const override { return crlf_ && pty; }

private:
    std::vector<std::string>& lines_;
    bool crlf_;
    bool asking_password_ = false;
};

struct fixture {
    std::vector<std::string> lines; // as the context received them
    cli_terminal terminal;

    explicit fixture(bool crlf = true, sim::terminal_settings settings = {})
        : terminal(std::make_unique<fake_context>(lines, crlf), settings) {}

    terminal_step feed(std::string_view input) { return terminal.feed(input, t0); }
};

std::string lines_text(int first, int last) {
    std::string text;
    for (int i = first; i <= last; ++i)
        text += "line " + std::to_string(i) + "\r\n";
    return text;
}

const std::string eraser = "\b\b\b\b\b\b\b\b        \b\b\b\b\b\b\b\b";

void check_segments(const terminal_step& step, const std::vector<output_segment>& expected) {
    BOOST_REQUIRE_EQUAL(step.segments.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        BOOST_TEST_CONTEXT("segment " << i) {
            BOOST_TEST(step.segments[i].bytes == expected[i].bytes);
            BOOST_TEST(step.segments[i].command_output == expected[i].command_output);
        }
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(start_shows_greeting_and_prompt_with_crlf) {
    fixture f;
    BOOST_TEST(f.terminal.start(t0) == "Welcome\r\nfake> ");
}

BOOST_AUTO_TEST_CASE(typed_line_is_echoed_then_answered_with_the_next_prompt) {
    fixture f;
    check_segments(f.feed("show\r"), {{"show\r\n", false}, {"you said: show\r\nfake> ", true}});
    BOOST_TEST(f.lines == std::vector<std::string>{"show"});
}

BOOST_AUTO_TEST_CASE(lf_of_a_crlf_split_across_feeds_is_skipped) {
    fixture f;
    f.feed("a\r");
    BOOST_TEST(f.feed("\n").segments.empty());
    f.feed("b\r");
    f.feed(std::string_view("\0", 1)); // CR NUL, as telnet-style clients send
    f.feed("\n");                      // a lone LF (not after CR) is an empty line
    BOOST_TEST(f.lines == (std::vector<std::string>{"a", "b", ""}));
}

BOOST_AUTO_TEST_CASE(backspace_and_del_erase_the_last_character) {
    fixture f;
    check_segments(f.feed("\bshx\x7fow\r"),
                   {{"shx\b \bow\r\n", false}, {"you said: show\r\nfake> ", true}});
    f.feed("caf\xc3\xa9\x7f\r"); // one DEL removes both bytes of "é"
    BOOST_TEST(f.lines.back() == "caf");
}

BOOST_AUTO_TEST_CASE(ctrl_c_drops_the_line_and_shows_a_fresh_prompt) {
    fixture f;
    check_segments(f.feed("abc\x03"), {{"abc^C\r\nfake> ", false}});
    f.feed("d\t\r"); // other control characters are ignored
    BOOST_TEST(f.lines == std::vector<std::string>{"d"});
}

BOOST_AUTO_TEST_CASE(pager_shows_pages_lines_and_quits) {
    fixture f;
    auto step = f.feed("long\r");
    check_segments(step, {{"long\r\n", false}, {lines_text(1, 23) + "--More--", true}});
    BOOST_TEST(f.terminal.paging());

    check_segments(f.feed(" "), {{eraser + lines_text(24, 46) + "--More--", true}});
    check_segments(f.feed("\r"), {{eraser + lines_text(47, 47) + "--More--", true}});
    BOOST_TEST(f.feed("\n").segments.empty()); // the LF of that CR LF is not a second key
    check_segments(f.feed("q"), {{eraser + "fake> ", true}});
    BOOST_TEST(!f.terminal.paging());
}

BOOST_AUTO_TEST_CASE(pager_ends_with_the_prompt_when_the_last_page_is_shown) {
    fixture f;
    f.feed("long\r");
    f.feed(" ");
    check_segments(f.feed(" "), {{eraser + lines_text(47, 60) + "fake> ", true}});
    BOOST_TEST(!f.terminal.paging());
}

BOOST_AUTO_TEST_CASE(piped_input_takes_pager_keys_one_at_a_time) {
    fixture f;
    check_segments(f.feed("long\r\n \rqnext\r\n"),
                   {{"long\r\n", false},
                    {lines_text(1, 23) + "--More--", true},
                    {eraser + lines_text(24, 46) + "--More--", true},
                    {eraser + lines_text(47, 47) + "--More--", true},
                    {eraser + "fake> ", true},
                    {"next\r\n", false},
                    {"you said: next\r\nfake> ", true}});
    BOOST_TEST(f.lines == (std::vector<std::string>{"long", "next"}));
}

BOOST_AUTO_TEST_CASE(several_lines_in_one_chunk_answer_in_order) {
    fixture f;
    check_segments(f.feed("a\rb\n"), {{"a\r\n", false},
                                      {"you said: a\r\nfake> ", true},
                                      {"b\r\n", false},
                                      {"you said: b\r\nfake> ", true}});
}

BOOST_AUTO_TEST_CASE(resize_changes_the_page_size) {
    fixture f;
    f.terminal.resize(80, 10);
    check_segments(f.feed("long\r"), {{"long\r\n", false}, {lines_text(1, 9) + "--More--", true}});
}

BOOST_AUTO_TEST_CASE(end_session_sends_last_words_then_nothing) {
    fixture f;
    auto step = f.feed("bye\rignored\r");
    check_segments(step, {{"bye\r\n", false}, {"bye\r\n", true}});
    BOOST_TEST(step.closed);
    BOOST_TEST(f.terminal.closed());

    auto later = f.feed("more\r");
    BOOST_TEST(later.segments.empty());
    BOOST_TEST(!later.closed); // the channel was ended on the step above, only once
    BOOST_TEST(f.lines == std::vector<std::string>{"bye"});
}

BOOST_AUTO_TEST_CASE(password_prompt_hides_the_typed_characters) {
    fixture f;
    check_segments(f.feed("enable\r"), {{"enable\r\n", false}, {"Password: ", true}});
    check_segments(f.feed("secret\r"), {{"\r\n", false}, {"ok\r\nfake> ", true}});
    BOOST_TEST(f.lines.back() == "secret");
}

BOOST_AUTO_TEST_CASE(shell_without_pty_echoes_nothing_and_keeps_lf) {
    fixture f{false, {.pty = false}};
    BOOST_TEST(f.terminal.start(t0) == "Welcome\nfake> ");
    check_segments(f.feed("ls\n"), {{"you said: ls\nfake> ", true}});
}

BOOST_AUTO_TEST_CASE(megabyte_of_lines_in_one_feed) {
    fixture f;
    const std::string line(63, 'x');
    std::string input;
    for (int i = 0; i < 16384; ++i)
        input += line + "\n";
    BOOST_REQUIRE_EQUAL(input.size(), 1u << 20);
    const auto step = f.feed(input);
    BOOST_TEST(step.segments.size() == 2u * 16384);
    BOOST_TEST(f.lines.size() == 16384u);
    BOOST_TEST(f.lines.back() == line);
}

BOOST_AUTO_TEST_CASE(long_line_is_capped_at_4096_bytes) {
    fixture f;
    const auto step = f.feed(std::string(1u << 20, 'a') + "\r");
    BOOST_REQUIRE_EQUAL(f.lines.size(), 1u);
    BOOST_TEST(f.lines[0] == std::string(4096, 'a'));
    BOOST_TEST(step.segments[0].bytes == std::string(4096, 'a') + "\r\n");
}
