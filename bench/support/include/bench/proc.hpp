// Time, CPU and memory of this process and of others, read from getrusage, mallinfo2 and /proc.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

namespace bench {

using clk = std::chrono::steady_clock;

double seconds(clk::duration d);

// User + system CPU of a rusage, in ms.
double cpu_ms(const rusage& r);
// User + system CPU of this process (every thread), in ms.
double self_cpu_ms();
// Bytes malloc has handed out and not had back, in arenas and in mmapped chunks.
double heap_in_use();
// This process's resident set, from /proc/self/statm.
double self_rss_bytes();

// A "Name:   123 kB" line of /proc/PID/status (VmRSS, RssAnon, ...), in bytes.
std::optional<double> proc_status_bytes(pid_t pid, std::string_view name);
// A "Name:   123 kB" line of /proc/PID/smaps_rollup (Pss, Private_Dirty, ...), in bytes.
std::optional<double> smaps_rollup_bytes(pid_t pid, std::string_view name);
// Private_Clean + Private_Dirty of /proc/PID/smaps_rollup: pages no other process maps.
std::optional<double> private_bytes(pid_t pid);

// From /proc/PID/stat.
struct proc_stat {
    pid_t parent = 0;
    double cpu_ms = 0;          // utime + stime, every thread
    double children_cpu_ms = 0; // cutime + cstime: of the children it has reaped (and theirs)
};
std::optional<proc_stat> read_proc_stat(pid_t pid);

// test_common::descendants(root) as PIDs, parents before children.
std::vector<pid_t> descendant_pids(pid_t root);

// The descendants of `root` grouped by the direct child they descend from: one group per
// child, the child first (a connection-per-process server's sessions). One scan of /proc.
std::vector<std::vector<pid_t>> child_process_groups(pid_t root);

// How many descriptors the process has open (entries of /proc/PID/fd); nullopt if unreadable.
std::optional<std::size_t> open_fd_count(pid_t pid);

// Raises this process's soft RLIMIT_NOFILE to `wanted` (at most the hard limit); returns the
// soft limit in force afterwards.
rlim_t raise_open_file_limit(rlim_t wanted);

} // namespace bench
