// The two servers sim_bench measures, as its measurements see them: how to reach one (client
// options and ports), its CPU so far, and whether it has finished with closed connections.
#pragma once

#include "sim_process.hpp"
#include <sys/types.h>

#include <ssh/asio/client.hpp>
#include <test_common/sshd_fixture.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sim_bench {

struct server {
    std::string name;
    pid_t pid = -1;
    ssh::asio::client_options base; // host, user, key, known_hosts; the port comes from ports
    std::vector<std::uint16_t> ports;
    bool counts_children = false; // sshd: its per-connection processes' CPU (cutime + cstime)
    std::function<bool()> idle;   // no connection left being served or torn down
    std::function<std::string()> log;

    // User + system CPU from /proc/PID/stat, in ms (with its reaped children's for sshd).
    double cpu_ms() const;
    // Waits (10 s at most) until the server has finished with every closed connection; notes
    // it (bench::note) when it has not.
    void settle(std::string_view after) const;
};

// Publickey login with `client_key` as the simulator's user, strict host key checking against
// its known_hosts; idle once its descriptors are back to those it had here.
server sim_server(const sim_process& sim, const std::filesystem::path& client_key);

// The fixture's user and ed25519 client key; idle once every process the listener forked is
// gone and reaped.
server sshd_server(const test_common::sshd_fixture& sshd);

// Throws std::runtime_error with `what` and the tail of each server's log.
[[noreturn]] void give_up(const std::string& what, const std::vector<const server*>& servers);

} // namespace sim_bench
