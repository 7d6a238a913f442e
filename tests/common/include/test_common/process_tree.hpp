// Finding and signalling the descendants of a process through /proc, by PID (never by name).
#pragma once

#include <sys/types.h>

#include <optional>
#include <vector>

namespace test_common {

// A PID plus its start time (field 22 of /proc/PID/stat), so that a PID reused by an unrelated
// process after ours ended is never signalled.
struct process_id {
    pid_t pid = 0;
    unsigned long long start_time = 0;

    friend bool operator==(const process_id&, const process_id&) = default;
};

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
