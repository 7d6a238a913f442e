// Runs a program to completion with its output captured, bounded in time.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace test_common {

struct command_result {
    // The exit status, or 128 + signal number when the program was killed (137 after a timeout).
    int exit_code = -1;
    std::string out; // standard output
    std::string err; // standard error
    bool timed_out = false;
};

struct command_options {
    std::optional<std::string> input; // written to standard input, then closed; /dev/null if none
    std::chrono::milliseconds timeout = std::chrono::seconds(30);
    std::vector<std::string> extra_env; // "NAME=value"
};

// Runs argv (argv[0] looked up in $PATH; a missing tool throws std::runtime_error). When the
// timeout expires, the program and its descendants are killed with SIGKILL, by PID, and the
// result has timed_out set with whatever output had arrived.
command_result run_command(const std::vector<std::string>& argv, const command_options& options);

command_result run_command(const std::vector<std::string>& argv,
                           std::optional<std::string> input = std::nullopt,
                           std::chrono::milliseconds timeout = std::chrono::seconds(30));

// "argv... -> exit N\nstdout: ...\nstderr: ..." for failure messages.
std::string describe(const std::vector<std::string>& argv, const command_result& result);

} // namespace test_common
