// Finding and signalling the descendants of a process through /proc, by PID (never by name).
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace test_common {

// A PID plus its start time (field 22 of /proc/PID/stat), so that a PID reused by an unrelated
// process after ours ended is never signalled.
struct process_id {
    pid_t pid = 0;
    unsigned long long start_time = 0;

    friend bool operator==(const process_id&, const process_id&) = default;
};

// A small /proc file (up to 64 KiB) read with read(2), or nullopt. An ifstream would throw
// from inside the standard library when the process ends between open and read (ESRCH).
std::optional<std::string> read_proc_file(const std::string& path);

// The fields of /proc/PID/stat that tests and benches read.
struct process_stat {
    process_id id;
    char state = '?';                        // field 3
    pid_t parent = 0;                        // field 4
    unsigned long long utime = 0, stime = 0; // fields 14-15, clock ticks, every thread
    long long cutime = 0, cstime = 0;        // fields 16-17: of the reaped children
};

// nullopt when there is no such process (it may end while being read).
std::optional<process_stat> read_process_stat(pid_t pid);

// The identity of a live process, or nullopt when there is none with that PID.
std::optional<process_id> identify_process(pid_t pid);

// The one-letter state of /proc/PID/stat ('R', 'S', 'T' stopped, 'Z' zombie, ...), or nullopt
// when the process is gone or is no longer the one identified.
std::optional<char> process_state(const process_id& process);

// True while the process exists, is still the one identified, and is not a zombie.
bool is_running(const process_id& process);

// All descendants of `root` (children, grandchildren, ...), parents before children, from one
// scan of /proc. `root` itself is not included.
std::vector<process_id> descendants(pid_t root);

// Sends `sig` to the process if it is still the one identified. Returns whether it was sent.
bool signal_process(const process_id& process, int sig);

} // namespace test_common
