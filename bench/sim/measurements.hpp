// What sim_bench measures against either server, with fleetsh's client in this process.
#pragma once

#include "servers.hpp"
#include <sys/types.h>

#include <ssh/transport/negotiation.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace sim_bench {

// One connection: its algorithms, or nullopt and why it failed.
std::optional<ssh::transport::negotiated_algorithms> probe(const server& s, std::string& error);

// VmRSS once two readings 250 ms apart agree (5 s at most).
double idle_rss(pid_t pid);

struct idle_result {
    double rss = 0;                // sim: VmRSS growth per connection
    double private_mem = 0;        // sim: private growth per connection; sshd: per session
    double pss = 0;                // sshd: per session
    double vm_rss_per_process = 0; // sshd
    double processes = 0;          // sshd: per session
};

// k idle authenticated connections (no channel), c connecting at a time, to k distinct
// devices: the simulator's growth from idle / k.
idle_result sim_idle(const server& sim, int k, int c);
// k idle authenticated connections: the private memory (smaps_rollup Private_Clean +
// Private_Dirty), Pss and processes of one session (a child of the listener with its own
// children), medians over the sessions.
idle_result sshd_idle(const server& sshd, int k, int c);

struct handshake_result {
    double wall_s = 0;
    double server_cpu_ms = 0;
    double client_cpu_ms = 0;
};

// n handshakes (connect, publickey auth, close), c at a time, over the server's ports from
// index `first` on. The server's CPU is read settled before and after; the client's (this
// process) until every connection is closed. Throws (give_up) when one fails.
handshake_result handshakes(const server& s, int n, int c, std::size_t first);

} // namespace sim_bench
