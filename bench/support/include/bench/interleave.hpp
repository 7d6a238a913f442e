// Repeats a pair of measurements R times, alternating which goes first, so that drifting load
// on a shared machine falls on both sides alike.
#pragma once

#include <unistd.h>

#include <iostream>
#include <string>
#include <string_view>

namespace bench {

// Runs first() then second() on even repeats, second() then first() on odd ones; shows
// "what: repeat r/R" on stderr while it runs when stderr is a terminal.
template <typename First, typename Second>
void interleave(int repeat, std::string_view what, First first, Second second) {
    const bool progress = ::isatty(STDERR_FILENO) == 1;
    for (int r = 0; r < repeat; ++r) {
        if (progress)
            std::cerr << "  " << what << ": repeat " << (r + 1) << "/" << repeat << "\r"
                      << std::flush;
        if (r % 2 == 0) {
            first();
            second();
        } else {
            second();
            first();
        }
    }
    if (progress)
        std::cerr << std::string(60, ' ') << "\r" << std::flush;
}

} // namespace bench
