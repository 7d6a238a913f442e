// Runs a command line in a simulated shell: expansion, pipelines, redirections and
// ";" / "&&" / "||" lists with bash's exit-status rules.
#pragma once

#include "shell_command.hpp"

#include <sim/device_model.hpp>

#include <string>
#include <string_view>

namespace sim::linux_host {

struct shell_output {
    std::string out;
    std::string err;
    std::string merged; // out and err as a terminal shows them, interleaved per command
    std::uint32_t status = 0;
    // After out, on an exec channel only: zero bytes counted, not built (zero_fill.hpp). An
    // interactive shell builds them, so merged has them all.
    std::uint64_t zero_fill = 0;
};

// Runs one line, its output appended to `output` (an exec channel's lines share one).
void run_shell_line(shell_state& shell, std::string_view line, sim_clock::time_point now,
                    shell_output& output);

} // namespace sim::linux_host
