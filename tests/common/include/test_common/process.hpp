// Starting, waiting for and stopping child processes, always by PID and always bounded in time.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace test_common {

// Where a child's standard streams go: an open descriptor of ours, or /dev/null when -1.
struct spawn_io {
    int stdin_fd = -1;
    int stdout_fd = -1;
    int stderr_fd = -1;
};

struct spawn_options {
    spawn_io io;
    // "NAME=value" entries added to (or replacing those of) our own environment.
    std::vector<std::string> extra_env;
    // Ask the kernel to SIGTERM the child when the *thread* that spawned it ends
    // (PR_SET_PDEATHSIG), so that a crashing test does not leave it behind. Only set it for a child
    // spawned by a thread that outlives it, such as a test's main thread.
    bool die_with_parent = false;
};

// The absolute path of a program: `name` itself when it contains a '/', else the first
// executable match in $PATH. Throws std::runtime_error naming the missing tool.
std::filesystem::path find_program(const std::string& name);

// Starts argv[0] (looked up with find_program) and returns its PID. Throws std::runtime_error
// when the program is missing or cannot be executed. The child gets default signal dispositions
// and an empty signal mask whatever ours are.
pid_t spawn_process(const std::vector<std::string>& argv, const spawn_options& options = {});

// Waits for our child `pid` to end. Returns its raw wait status, or nullopt when it is still
// running after `timeout` (it is then left running and unreaped).
std::optional<int> wait_for_exit(pid_t pid, std::chrono::milliseconds timeout);

// Stops our child `pid`: SIGCONT (a stopped process cannot act on SIGTERM) and SIGTERM, waits up
// to `grace`, then SIGKILL and a final wait. Returns the raw wait status.
int terminate_process(pid_t pid, std::chrono::milliseconds grace = std::chrono::milliseconds(5000));

// The exit code shell-style: the exit status, or 128 + signal number for a killed process.
int exit_code_of(int wait_status);

} // namespace test_common
