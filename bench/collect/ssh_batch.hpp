// The baseline: OpenSSH's ssh collecting the commands the way a shell script does, one ssh
// process per device and command, a device's commands one after another, `concurrency`
// devices at once (a pool of children this bench manages, each through the launcher).
#pragma once

#include "launched.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace collect_bench {

struct ssh_batch_settings {
    std::filesystem::path ssh;        // the ssh executable
    std::vector<std::string> options; // "-o Name=value" pairs and the like, before the host
    std::string user;
    std::string host;
    std::vector<std::uint16_t> ports; // one device each
    std::vector<std::string> commands;
    int concurrency = 100;
    std::filesystem::path out_dir; // created; <device>-<command>.out, .err and .rusage
};

struct ssh_batch_result {
    double wall_s = 0;               // first spawn to last reap, steady clock
    double cpu_ms = 0;               // sum over the ssh processes: ru_utime + ru_stime
    double launchers_cpu_ms = 0;     // sum over their launchers (not ssh's cost)
    std::vector<double> max_rss_kib; // ru_maxrss of each ssh process
    std::size_t processes = 0;
    std::size_t output_bytes = 0;
    // What went wrong: an ssh that did not exit 0, or printed nothing. Empty when all is well.
    std::vector<std::string> failures;
};

// Output file of device i's command j.
std::filesystem::path ssh_output(const ssh_batch_settings& s, std::size_t device,
                                 std::size_t command);

// Runs the batch. Throws std::runtime_error (after stopping every launcher still running, by
// PID) when it takes longer than the launcher's timeout as a whole.
ssh_batch_result run_ssh_batch(const launcher& l, const ssh_batch_settings& s);

} // namespace collect_bench
