// The shell text processor: terminal noise out, prompt and pager found on a bounded tail.
#include "shared_by_text.hpp"

#include <engine/error_patterns.hpp>
#include <engine/shell_text.hpp>

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <memory>
#include <utility>
#include <vector>

namespace engine {
namespace {

constexpr char esc = 0x1b;
constexpr char bel = 0x07;
constexpr char backspace = 0x08;
constexpr std::size_t max_escape_bytes = 4096; // an unterminated OSC/CSI ends here

std::unique_ptr<RE2> compile(const std::string& pattern) {
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(pattern, options);
    return re->ok() ? std::move(re) : nullptr;
}

// "\r\n", "\r\r\n", ... -> "\n"; a lone "\r" stays.
std::string normalize_line_ends(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '\r') {
            std::size_t j = i;
            while (j < text.size() && text[j] == '\r')
                ++j;
            if (j < text.size() && text[j] == '\n') {
                out += '\n';
                i = j + 1;
                continue;
            }
            out.append(text.substr(i, j - i));
            i = j;
            continue;
        }
        out += text[i++];
    }
    return out;
}

enum class escape_state : std::uint8_t { none, esc, csi, string, string_esc, charset };

struct mode_pattern {
    cli_mode mode;
    std::unique_ptr<RE2> re;
};

// A driver's patterns, compiled. RE2 objects are immutable once built and safe to match from
// many threads, and compiling them (with the reverse program RE2 builds for \z) costs far more
// than a session's matching: every session of a driver shares one set, kept for the process.
struct compiled_patterns {
    std::vector<mode_pattern> prompts; // tried in order
    std::vector<std::unique_ptr<RE2>> pagers;
    std::shared_ptr<const error_patterns> errors;

    explicit compiled_patterns(const platform_driver& driver)
        : errors(error_patterns::shared(driver.error_patterns)) {
        add_prompt(cli_mode::config, driver.config_prompt);
        add_prompt(cli_mode::privileged, driver.privileged_prompt);
        add_prompt(cli_mode::user, driver.user_prompt);
        add_prompt(cli_mode::password, driver.enable_password_prompt);
        for (const auto& p : driver.pager_prompts)
            if (auto re = compile("(" + p + ")\\z"))
                pagers.push_back(std::move(re));
    }

    void add_prompt(cli_mode mode, const std::string& pattern) {
        if (pattern.empty())
            return;
        // The prompt starts at a line start (or where the window starts, which is one) and
        // ends where the output ends.
        if (auto re = compile("(?:\\A|\\n)(" + pattern + ")\\z"))
            prompts.push_back({mode, std::move(re)});
    }

    // The set for the driver's patterns (by their text: drivers loaded twice share it).
    static std::shared_ptr<const compiled_patterns> of(const platform_driver& driver) {
        std::string key;
        for (const auto* p : {&driver.config_prompt, &driver.privileged_prompt, &driver.user_prompt,
                              &driver.enable_password_prompt})
            key += *p + '\0';
        for (const auto* list : {&driver.pager_prompts, &driver.error_patterns}) {
            key += '\1';
            for (const auto& p : *list)
                key += p + '\0';
        }
        return detail::shared_by_text<compiled_patterns>(
            key, [&] { return std::make_shared<const compiled_patterns>(driver); });
    }
};

} // namespace

struct shell_text::impl {
    shell_text_options options;
    bool blank_line_before_prompt = false;
    std::shared_ptr<const compiled_patterns> patterns;

    std::string buffer; // cleaned output since the last answer was taken
    escape_state escape = escape_state::none;
    std::size_t escape_bytes = 0;

    std::string command;
    bool echoed = true;
    bool command_pending = false;
    bool between_commands = false; // an answer was taken, no command begun since

    bool found = false;
    std::size_t prompt_start = 0;
    std::size_t prompt_end = 0;
    cli_mode found_mode = cli_mode::unknown;
    cli_mode current_mode = cli_mode::unknown;

    bool pager_armed = true;
    bool marker_shown = false; // a pager marker waits to be erased
    std::size_t marker_start = 0;
    std::size_t marker_size = 0;
    std::size_t pages = 0;
    std::size_t last_scan = 0;

    void erase_last_character() {
        if (buffer.empty() || buffer.back() == '\n')
            return;
        while (!buffer.empty() && (static_cast<unsigned char>(buffer.back()) & 0xc0) == 0x80)
            buffer.pop_back();
        if (!buffer.empty())
            buffer.pop_back();
    }

    // The device went on without erasing its marker with backspaces: drop it ourselves.
    void drop_marker_unless_erased(char next) {
        if (!marker_shown)
            return;
        marker_shown = false;
        if (next == backspace)
            return;
        if (buffer.size() >= marker_start + marker_size)
            buffer.erase(marker_start, marker_size);
    }

    // Returns true when the byte added text.
    bool clean(char c) {
        switch (escape) {
        case escape_state::none:
            break;
        case escape_state::esc:
            escape_bytes = 0;
            if (c == '[')
                escape = escape_state::csi;
            else if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')
                escape = escape_state::string; // OSC, DCS, SOS, PM, APC: until BEL or ST
            else if (c == '(' || c == ')' || c == '*' || c == '+' || c == '-' || c == '.' ||
                     c == '/' || c == '#' || c == '%')
                escape = escape_state::charset; // one more byte names the set
            else
                escape = escape_state::none; // a two-byte sequence (ESC =, ESC 7, ESC M, ...)
            return false;
        case escape_state::csi: {
            const auto byte = static_cast<unsigned char>(c);
            if ((byte >= 0x40 && byte <= 0x7e) || ++escape_bytes > max_escape_bytes)
                escape = escape_state::none;
            return false;
        }
        case escape_state::string:
            if (c == bel || ++escape_bytes > max_escape_bytes)
                escape = escape_state::none;
            else if (c == esc)
                escape = escape_state::string_esc;
            return false;
        case escape_state::string_esc:
            escape = c == '\\' ? escape_state::none : escape_state::string;
            return false;
        case escape_state::charset:
            escape = escape_state::none;
            return false;
        }
        if (c == esc) {
            escape = escape_state::esc;
            return false;
        }
        if (c == backspace) {
            erase_last_character();
            return false;
        }
        if (c == '\0' || c == bel)
            return false;
        if (c == '\r' && (buffer.empty() || buffer.back() == '\n'))
            return false; // a carriage return at a line start moves nothing
        // The rest of a prompt found before its trailing spaces arrived: the device says
        // nothing more until it is sent a command.
        if ((c == ' ' || c == '\t') &&
            ((found && buffer.size() == prompt_end) || (between_commands && buffer.empty())))
            return false;
        buffer += c;
        if (c != ' ')
            pager_armed = true;
        return true;
    }

    // Where the prompt window starts: the first line start in the last tail_bytes, or npos.
    std::size_t window_start() const {
        if (buffer.size() <= options.tail_bytes)
            return 0;
        const std::size_t from = buffer.size() - options.tail_bytes;
        if (buffer[from - 1] == '\n')
            return from;
        const std::size_t newline = buffer.find('\n', from);
        return newline == std::string::npos ? std::string::npos : newline + 1;
    }

    bool find_prompt() {
        const std::size_t start = window_start();
        if (start == std::string::npos)
            return false;
        const std::string_view window = std::string_view(buffer).substr(start);
        last_scan += window.size() * patterns->prompts.size();
        for (const auto& p : patterns->prompts) {
            std::array<re2::StringPiece, 2> groups;
            if (!p.re->Match(re2::StringPiece(window.data(), window.size()), 0, window.size(),
                             RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size())))
                continue;
            found = true;
            found_mode = p.mode;
            current_mode = p.mode;
            prompt_start = start + static_cast<std::size_t>(groups[1].data() - window.data());
            prompt_end = buffer.size();
            return true;
        }
        return false;
    }

    bool find_pager() {
        const auto& pagers = patterns->pagers;
        if (!pager_armed || pagers.empty())
            return false;
        const std::size_t start =
            buffer.size() > options.tail_bytes ? buffer.size() - options.tail_bytes : 0;
        const std::string_view window = std::string_view(buffer).substr(start);
        last_scan += window.size() * pagers.size();
        for (const auto& re : pagers) {
            re2::StringPiece marker;
            if (!re->Match(re2::StringPiece(window.data(), window.size()), 0, window.size(),
                           RE2::UNANCHORED, &marker, 1))
                continue;
            pager_armed = false;
            marker_shown = true;
            marker_start = start + static_cast<std::size_t>(marker.data() - window.data());
            marker_size = marker.size();
            ++pages;
            return true;
        }
        return false;
    }
};

shell_text::shell_text(const platform_driver& driver, shell_text_options options)
    : impl_(std::make_unique<impl>()) {
    impl_->options = options;
    if (impl_->options.tail_bytes < 256)
        impl_->options.tail_bytes = 256;
    impl_->blank_line_before_prompt = driver.blank_line_before_prompt;
    impl_->patterns = compiled_patterns::of(driver);
}

shell_text::~shell_text() = default;
shell_text::shell_text(shell_text&&) noexcept = default;
shell_text& shell_text::operator=(shell_text&&) noexcept = default;

void shell_text::begin_command(std::string_view line, bool echoed) {
    if (impl_->found)
        (void)take_answer();
    impl_->command = std::string(line);
    impl_->echoed = echoed;
    impl_->command_pending = true;
    impl_->between_commands = false;
    impl_->pages = 0;
}

shell_signal shell_text::feed(std::string_view bytes) {
    auto& s = *impl_;
    s.last_scan = 0;
    bool grew = false;
    for (const char c : bytes) {
        s.drop_marker_unless_erased(c);
        grew = s.clean(c) || grew;
    }
    if (s.found)
        return shell_signal::prompt; // take_answer() first; the bytes are kept for later
    if (!grew)
        return shell_signal::need_more;
    if (s.find_prompt())
        return shell_signal::prompt;
    if (s.find_pager())
        return shell_signal::send_space;
    return shell_signal::need_more;
}

shell_answer shell_text::take_answer() {
    auto& s = *impl_;
    shell_answer answer;
    if (!s.found)
        return answer;
    answer.mode = s.found_mode;
    answer.pages = s.pages;
    const std::string_view all(s.buffer);
    std::string prompt(all.substr(s.prompt_start, s.prompt_end - s.prompt_start));
    if (const auto newline = prompt.rfind('\n'); newline != std::string::npos)
        prompt.erase(0, newline + 1);
    while (!prompt.empty() && (prompt.back() == ' ' || prompt.back() == '\t'))
        prompt.pop_back();
    answer.prompt = std::move(prompt);
    std::string text = normalize_line_ends(all.substr(0, s.prompt_start));
    s.buffer.erase(0, s.prompt_end);
    s.found = false;
    s.between_commands = true;
    s.marker_shown = false;
    s.pager_armed = true;

    if (s.command_pending) {
        const std::string echo = s.command + "\n";
        if (s.echoed && text.starts_with(echo))
            text.erase(0, echo.size());
        else if (s.echoed && text == s.command)
            text.clear();
        else if (!s.echoed && text.starts_with('\n'))
            text.erase(0, 1);
        s.command_pending = false;
    }
    if (s.blank_line_before_prompt) {
        if (text == "\n")
            text.clear();
        else if (text.ends_with("\n\n"))
            text.pop_back();
    }
    answer.device_error = s.patterns->errors->first_match(text);
    answer.output = std::move(text);
    s.pages = 0;
    return answer;
}

cli_mode shell_text::mode() const noexcept {
    return impl_->current_mode;
}

std::size_t shell_text::last_scan_bytes() const noexcept {
    return impl_->last_scan;
}

} // namespace engine
