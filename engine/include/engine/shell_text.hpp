#pragma once
// The text side of an interactive shell, with no I/O: fed what the device sends, it finds the
// prompt (and the mode it shows), answers the pager, and returns each command's output
// cleaned of terminal noise, of the echoed command line and of the trailing prompt.
//
//   engine::shell_text shell{*registry.find("cisco_ios")};
//   feed the greeting until shell.feed(bytes) == shell_signal::prompt; shell.take_answer();
//   for each command:
//       shell.begin_command(cmd);   send(cmd + driver.line_ending);
//       for each chunk received:
//           switch (shell.feed(chunk)) {
//           case shell_signal::send_space: send(" "); break;  // paging-off did not work
//           case shell_signal::prompt: answer = shell.take_answer(); break;
//           case shell_signal::need_more: break;
//           }
//
// Cleaning: ANSI escape sequences (CSI, OSC, charset selections, other two-byte ESC
// sequences) and NUL/BEL are dropped; a backspace removes the character before it on the
// same line, so the pager's "\b\b\b   \b\b\b" erasure of its marker and line editing's
// "\b \b" leave nothing; runs of "\r" before "\n" become "\n" (the output holds "\n" line
// ends only; a lone "\r" is kept).
//
// Bounded work: the prompt and pager patterns only see the last `tail_bytes` of the output,
// from the first line start in it, so each feed costs O(chunk + tail_bytes) whatever the
// output's size. Error patterns run once per answer, over its output.
#include <engine/platform_driver.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace engine {

enum class shell_signal : std::uint8_t {
    need_more,  // no prompt yet: feed more
    prompt,     // the prompt is found: take_answer()
    send_space, // the pager waits: send a space (once per signal), then feed more
};

struct shell_answer {
    std::string output; // cleaned, "\n" line ends, without echo and prompt
    // The prompt as shown: its last line (Junos's "[edit]" line dropped), without trailing
    // spaces (which may arrive after the prompt was recognised: they are dropped too).
    std::string prompt;
    cli_mode mode = cli_mode::unknown;
    // The first error pattern the output matched (the pattern text), when one did.
    std::optional<std::string> device_error;
    std::size_t pages = 0; // pager markers answered while this answer came
};

struct shell_text_options {
    std::size_t tail_bytes = 4096; // the window prompt and pager patterns see
};

class shell_text {
public:
    // Compiles the driver's patterns; the driver must have come from the loader (valid).
    explicit shell_text(const platform_driver& driver, shell_text_options options = {});
    ~shell_text();
    shell_text(shell_text&&) noexcept;
    shell_text& operator=(shell_text&&) noexcept;

    // Starts a command: the next answer's first line is its echo when `echoed` (a password
    // is not echoed). Output not yet taken is dropped.
    void begin_command(std::string_view line, bool echoed = true);

    shell_signal feed(std::string_view bytes);

    // The answer once feed() returned prompt; bytes after the prompt stay for the next one.
    shell_answer take_answer();

    // The mode of the last prompt found.
    cli_mode mode() const noexcept;
    // Bytes of output the last feed() scanned with the prompt and pager patterns (the bound).
    std::size_t last_scan_bytes() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace engine
