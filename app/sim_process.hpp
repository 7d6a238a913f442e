#pragma once
// A simulated fleet in a child process (`fleetsh sim`, the same binary), for `fleetsh bench
// --sim N`: the simulator's CPU is then not the client's, and the client measures only itself.
// Started with its inventory and known_hosts in a temporary folder; stopped by its PID
// (SIGTERM, then SIGKILL after 5 s) when the object goes.

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace app {

class sim_process {
public:
    // `sim_arguments` follow `fleetsh sim` (--devices N --mix ...). Waits (30 s at most) until
    // the simulator has written its inventory; nullptr with a message on stderr otherwise.
    static std::unique_ptr<sim_process> start(const std::vector<std::string>& sim_arguments);
    ~sim_process();
    sim_process(const sim_process&) = delete;
    sim_process& operator=(const sim_process&) = delete;

    std::filesystem::path inventory() const { return folder_ / "inventory.yaml"; }
    pid_t pid() const noexcept { return pid_; }

private:
    sim_process(std::filesystem::path folder, pid_t pid)
        : folder_(std::move(folder))
        , pid_(pid) {}
    std::filesystem::path folder_;
    pid_t pid_;
};

} // namespace app
