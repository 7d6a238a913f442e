#include <sim/cli_terminal.hpp>

#include <algorithm>
#include <utility>

namespace sim {
namespace {

constexpr std::size_t max_line_bytes = 4096;
constexpr char ctrl_c = 0x03;
constexpr char backspace = 0x08;
constexpr char del = 0x7f;

bool is_control(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
}

// The context writes "\n"; a terminal with onlcr-like translation shows "\r\n".
std::string terminal_text(std::string_view text, bool crlf) {
    if (!crlf)
        return std::string(text);
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    char previous = 0;
    for (const char c : text) {
        if (c == '\n' && previous != '\r')
            out += '\r';
        out += c;
        previous = c;
    }
    return out;
}

std::string line_end(bool crlf) {
    return crlf ? "\r\n" : "\n";
}

// Backspaces, spaces, backspaces: overwrites the pager's marker and puts the cursor back.
std::string marker_eraser(std::size_t width) {
    return std::string(width, '\b') + std::string(width, ' ') + std::string(width, '\b');
}

// Removes the last character of a line, all bytes of it when it is UTF-8.
void drop_last_character(std::string& line) {
    while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xc0) == 0x80)
        line.pop_back();
    if (!line.empty())
        line.pop_back();
}

// Lines one pager screen shows: page_lines counts the marker's line too.
std::size_t lines_per_page(const cli_context& context, std::uint32_t rows, bool pageable) {
    const std::uint32_t page = context.page_lines(rows);
    if (page == 0 || !pageable)
        return std::string::npos;
    return std::max<std::size_t>(page - 1, 1);
}

// Moves the first `lines` lines of `held` to the returned text.
std::string take_lines(std::string& held, std::size_t lines) {
    std::size_t end = 0;
    for (std::size_t n = 0; n < lines && end < held.size(); ++n) {
        const std::size_t newline = held.find('\n', end);
        end = newline == std::string::npos ? held.size() : newline + 1;
    }
    std::string shown = held.substr(0, end);
    held.erase(0, end);
    return shown;
}

// Shows up to `lines` more lines of the held answer, then the marker while some remain, or
// the next prompt once the answer is complete.
std::string continue_answer(std::string& held, std::size_t lines, const cli_context& context,
                            bool crlf) {
    std::string out = terminal_text(take_lines(held, lines), crlf);
    if (held.empty())
        out += terminal_text(context.prompt(), crlf);
    else
        out += context.more_marker();
    return out;
}

// A key typed while the pager waits: space pages, CR/LF adds a line, anything else quits.
std::string pager_key(char key, std::string& held, const cli_context& context, std::uint32_t rows,
                      bool crlf) {
    std::size_t lines = 0;
    if (key == ' ')
        lines = lines_per_page(context, rows, true);
    else if (key == '\r' || key == '\n')
        lines = 1;
    else
        held.clear();
    return marker_eraser(context.more_marker().size()) +
           continue_answer(held, lines, context, crlf);
}

} // namespace

cli_terminal::cli_terminal(std::unique_ptr<cli_context> context, terminal_settings settings)
    : context_(std::move(context))
    , settings_(settings) {}

std::string cli_terminal::start(sim_clock::time_point /*now*/) {
    const bool crlf = context_->crlf(settings_.pty);
    return terminal_text(context_->greeting(), crlf) + terminal_text(context_->prompt(), crlf);
}

void cli_terminal::resize(std::uint32_t columns, std::uint32_t rows) noexcept {
    settings_.columns = columns;
    settings_.rows = rows;
}

terminal_step cli_terminal::feed(std::string_view input, sim_clock::time_point now) {
    terminal_step step;
    if (closed_)
        return step; // the server already ended the channel on the step that closed it
    std::string echo;
    const auto flush_echo = [&] {
        if (!echo.empty())
            step.segments.push_back({std::exchange(echo, {}), false});
    };
    const auto answer = [&](std::string bytes) {
        flush_echo();
        step.segments.push_back({std::move(bytes), true});
    };

    for (const char c : input) {
        const bool rest_of_line_end = after_cr_ && (c == '\n' || c == '\0');
        after_cr_ = c == '\r';
        if (rest_of_line_end)
            continue;
        const bool pty = settings_.pty;
        const bool crlf = context_->crlf(pty);
        if (paging()) {
            answer(pager_key(c, held_, *context_, settings_.rows, crlf));
            continue;
        }
        const bool echoes = context_->echoes(pty);
        if (c == '\r' || c == '\n') {
            // A hidden line (a password) still ends with a new line, as getpass prints one; a
            // shell without a pty echoes nothing.
            if (echoes || crlf)
                echo += line_end(crlf);
            auto output = context_->run(std::exchange(line_, {}), now);
            if (output.end_session) {
                answer(terminal_text(output.text, context_->crlf(pty)));
                closed_ = true;
                step.closed = true;
                return step;
            }
            held_ = std::move(output.text);
            answer(continue_answer(held_,
                                   lines_per_page(*context_, settings_.rows, output.pageable),
                                   *context_, context_->crlf(pty)));
        } else if (c == ctrl_c) {
            line_.clear();
            if (echoes)
                echo += "^C";
            echo += line_end(crlf) + terminal_text(context_->prompt(), crlf);
        } else if (c == backspace || c == del) {
            if (!line_.empty() && echoes)
                echo += "\b \b";
            drop_last_character(line_);
        } else if (!is_control(c) && line_.size() < max_line_bytes) {
            line_ += c;
            if (echoes)
                echo += c;
        }
    }
    flush_echo();
    return step;
}

} // namespace sim
