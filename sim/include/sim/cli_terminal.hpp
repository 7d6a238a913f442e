// The terminal side of an interactive session, with no I/O: turns the bytes a client types
// into command lines for a cli_context, and the answers into the bytes a terminal shows —
// echo, line editing, line ends, and the pager.
//
//   sim::cli_terminal t{model.open_cli(now), {.pty = true, .columns = 80, .rows = 24}};
//   send(t.start(now));                         // greeting and first prompt
//   for each chunk received: auto step = t.feed(chunk, now);
//       for (auto& s : step.segments) send(s.bytes);  // in order
//       if (step.closed) close the channel;
//
// Input: a line ends at CR, LF, or CR LF (CR NUL too); a lone LF after a CR that ended a line
// is skipped even when it comes in the next feed(). Backspace (0x08) and DEL (0x7f) remove the
// last character (echoing "\b \b"); Ctrl-C (0x03) drops the line and shows a fresh prompt;
// other control characters are ignored. A line is capped at 4096 bytes (extra input dropped).
//
// Pager: when the context's page_lines(rows) is n > 0 and an answer is pageable and longer
// than n - 1 lines, the terminal shows n - 1 lines and the context's more_marker(), and holds
// the rest. Then a space shows the next page, CR or LF one more line, any other key ends the
// answer; each erases the marker first (backspaces, spaces, backspaces). Input that arrives
// while the pager waits is taken a key at a time, so piped input still works.
#pragma once

#include <sim/device_model.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

struct terminal_settings {
    bool pty = true; // a pty-req was accepted
    std::uint32_t columns = 80;
    std::uint32_t rows = 24;
};

// Bytes to send, in order. `command_output` marks a command's answer (with the prompt that
// follows it, or a page of it): the server may delay it (latency fault) or withhold it (hang
// fault); other segments (echo, pager keys) go out at once.
struct output_segment {
    std::string bytes;
    bool command_output = false;
};

struct terminal_step {
    std::vector<output_segment> segments;
    bool closed = false; // the session ended; segments hold its last words
};

class cli_terminal {
public:
    cli_terminal(std::unique_ptr<cli_context> context, terminal_settings settings);

    std::string start(sim_clock::time_point now);
    terminal_step feed(std::string_view input, sim_clock::time_point now);
    void resize(std::uint32_t columns, std::uint32_t rows) noexcept;

    bool paging() const noexcept { return !held_.empty(); }
    bool closed() const noexcept { return closed_; }
    cli_context& context() noexcept { return *context_; }

private:
    std::unique_ptr<cli_context> context_;
    terminal_settings settings_;
    std::string line_;
    std::string held_; // the pager's rest of an answer
    bool after_cr_ = false;
    bool closed_ = false;
};

} // namespace sim
