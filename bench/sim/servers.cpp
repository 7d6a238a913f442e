#include "servers.hpp"

#include <bench/client_runs.hpp>
#include <bench/proc.hpp>
#include <bench/report.hpp>

#include <stdexcept>
#include <thread>

namespace sim_bench {

using namespace std::chrono_literals;
using namespace bench;

namespace {

// The same algorithms against both servers (the fixture's sshd allows only these, too).
ssh::asio::client_options restrict_algorithms(ssh::asio::client_options o) {
    o.algorithms.kex = {"curve25519-sha256"};
    o.algorithms.host_key = {"ssh-ed25519"};
    o.algorithms.cipher_c2s = o.algorithms.cipher_s2c = {"aes128-gcm@openssh.com"};
    return o;
}

} // namespace

double server::cpu_ms() const {
    const auto s = read_proc_stat(pid);
    if (!s)
        throw std::runtime_error("cannot read /proc/" + std::to_string(pid) + "/stat of " + name);
    return s->cpu_ms + (counts_children ? s->children_cpu_ms : 0);
}

void server::settle(std::string_view after) const {
    const auto deadline = clk::now() + 10s;
    while (!idle()) {
        if (clk::now() > deadline) {
            note(name + ": still serving connections 10 s after " + std::string(after) +
                 " closed them");
            return;
        }
        std::this_thread::sleep_for(10ms);
    }
}

server sim_server(const sim_process& sim, const std::filesystem::path& client_key) {
    server s;
    s.name = "fleetsh sim";
    s.pid = sim.pid();
    s.base = restrict_algorithms(publickey_options("admin", client_key, sim.known_hosts_path()));
    s.base.host = "127.0.0.1";
    s.ports = sim.ports();
    const auto fds = open_fd_count(sim.pid());
    if (!fds)
        throw std::runtime_error("cannot list /proc/" + std::to_string(sim.pid()) + "/fd");
    const pid_t pid = sim.pid();
    const std::size_t baseline = *fds;
    s.idle = [pid, baseline] { return open_fd_count(pid).value_or(0) <= baseline; };
    s.log = [&sim] { return sim.log(); };
    return s;
}

server sshd_server(const test_common::sshd_fixture& sshd) {
    server s;
    s.name = "sshd";
    s.pid = sshd.pid();
    s.base = restrict_algorithms(
        publickey_options(sshd.user(), sshd.client_key_path(test_common::key_type::ed25519),
                          sshd.known_hosts_path()));
    s.base.host = sshd.host();
    s.ports = {sshd.port()};
    s.counts_children = true;
    const pid_t pid = sshd.pid();
    s.idle = [pid] { return descendant_pids(pid).empty(); };
    s.log = [&sshd] { return sshd.log(); };
    return s;
}

[[noreturn]] void give_up(const std::string& what, const std::vector<const server*>& servers) {
    std::string text = what;
    for (const auto* s : servers)
        text += "\n--- " + s->name + " log (last 20 lines) ---\n" + tail(s->log(), 20);
    throw std::runtime_error(text);
}

} // namespace sim_bench
