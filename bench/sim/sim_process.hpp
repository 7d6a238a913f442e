// `fleetsh sim` as a child of the bench: started in its own directory, waited for until it
// serves (its summary printed, inventory and known_hosts written), stopped by PID.
#pragma once

#include <bench/child.hpp>
#include <bench/proc.hpp>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sim_bench {

struct sim_launch {
    std::filesystem::path binary; // the fleetsh executable
    std::filesystem::path dir;    // created; the inventory, known_hosts and log go here
    std::size_t devices = 10;
    std::string mix;
    std::filesystem::path authorized_keys; // publickey login for these keys
    // Should the bench die without stopping it, the simulator stops by itself after this.
    std::chrono::seconds duration{1800};
    std::chrono::seconds ready_timeout{180};
};

class sim_process {
public:
    // Starts `fleetsh sim` on 127.0.0.1 (kernel-chosen ports, ed25519 host keys only) and
    // returns once it serves; throws std::runtime_error with its log when it does not in time.
    explicit sim_process(const sim_launch& launch);
    ~sim_process();
    sim_process(const sim_process&) = delete;
    sim_process& operator=(const sim_process&) = delete;

    pid_t pid() const noexcept { return child_.pid; }
    // Device i's port, in known_hosts order.
    const std::vector<std::uint16_t>& ports() const noexcept { return ports_; }
    std::filesystem::path known_hosts_path() const { return dir_ / "known_hosts"; }
    // Its first line: "fleetsh sim: N devices (arista_eos 2, ...), 0 with faults, on ...".
    const std::string& summary() const noexcept { return summary_; }
    // From spawning it to its summary.
    double startup_s() const noexcept { return startup_s_; }
    std::string log() const;
    // The line it printed when it stopped ("fleetsh sim: stopped ..."), or "no summary printed".
    std::string stop_summary() const;

    // SIGTERM, then SIGKILL after 10 s; reaps it. Returns how it ended ("exit 0", ...), or
    // "not running". Safe to call twice.
    std::string stop();

private:
    // Throws (leaving the stopping to the caller) when it does not serve in time.
    void wait_until_serving(const sim_launch& launch, bench::clk::time_point t0);

    std::filesystem::path dir_;
    bench::child child_;
    std::vector<std::uint16_t> ports_;
    std::string summary_;
    double startup_s_ = 0;
};

} // namespace sim_bench
