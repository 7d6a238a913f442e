// Programs collect_bench measures, each started through collect_bench_launch (launcher_main.cpp
// says why): the launcher is the bench's child, stopped by PID; the program is its child, and
// its wait4() figures come back in a report file.
#pragma once

#include <bench/child.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace collect_bench {

// What the launcher reported about the program it ran.
struct usage_report {
    int status = 0;             // raw wait status
    double wall_s = 0;          // fork to reaping, steady clock
    double cpu_ms = 0;          // ru_utime + ru_stime
    double max_rss_kib = 0;     // ru_maxrss
    bool timed_out = false;     // the launcher killed it at the time limit
    double launcher_cpu_ms = 0; // the launcher's own CPU (the program's taken out)
};

struct launch_spec {
    std::vector<std::string> argv; // argv[0]: the program's absolute path
    int stdout_fd = -1;            // descriptors of ours, or /dev/null when -1
    int stderr_fd = -1;
    std::filesystem::path report; // where the launcher writes its line
};

class launcher {
public:
    // `timeout`: how long a program may run before the launcher kills it; `env`: the programs'
    // whole environment.
    launcher(std::filesystem::path binary, std::chrono::seconds timeout,
             std::vector<std::string> env);

    std::chrono::seconds timeout() const noexcept { return timeout_; }

    // Starts the launcher (stdin /dev/null); throws when it cannot.
    bench::child start(const launch_spec& spec) const;

    // The report of a launcher that has ended (`ended`, reaped by the caller); throws
    // std::runtime_error when it wrote none.
    usage_report finish(const bench::child_exit& ended, const std::filesystem::path& report) const;

    // start, wait, finish; a launcher still running 15 s after the timeout is stopped by PID
    // (SIGTERM, then SIGKILL) and that throws.
    usage_report run(const launch_spec& spec) const;

private:
    std::filesystem::path binary_;
    std::chrono::seconds timeout_;
    std::vector<std::string> env_;
};

// "exit 0", "killed by SIGKILL (timed out after 300 s)", ...
std::string describe(const usage_report& r, std::chrono::seconds timeout);

} // namespace collect_bench
