#include "sim_process.hpp"

#include <bench/proc.hpp>
#include <bench/report.hpp>
#include <fcntl.h>

#include <test_common/process.hpp>
#include <test_common/temp_dir.hpp>

#include <charconv>
#include <stdexcept>

namespace sim_bench {

using namespace std::chrono_literals;

namespace {

// "[127.0.0.1]:PORT type base64" -> PORT, one per line; throws on anything else.
std::vector<std::uint16_t> known_hosts_ports(const std::string& text) {
    std::vector<std::uint16_t> ports;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string_view line(text.data() + start, end - start);
        start = end + 1;
        if (line.empty())
            continue;
        const auto colon = line.find("]:");
        const auto space = line.find(' ');
        std::uint16_t port = 0;
        if (line.front() != '[' || colon == std::string_view::npos || space < colon ||
            std::from_chars(line.data() + colon + 2, line.data() + space, port).ec != std::errc{})
            throw std::runtime_error("unexpected known_hosts line: " + std::string(line));
        ports.push_back(port);
    }
    return ports;
}

} // namespace

sim_process::sim_process(const sim_launch& launch)
    : dir_(launch.dir) {
    std::filesystem::create_directories(dir_);
    const auto log_path = dir_ / "sim.log";
    const bench::unique_fd log_fd(
        ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600));
    if (log_fd.get() < 0)
        bench::throw_errno("open " + log_path.string());
    const std::vector<std::string> argv = {
        launch.binary.string(),
        "sim",
        "--devices",
        std::to_string(launch.devices),
        "--mix",
        launch.mix,
        "--listen",
        "127.0.0.1",
        "--base-port",
        "0",
        "--host-key-types",
        "ed25519",
        "--authorized-keys",
        launch.authorized_keys.string(),
        "--inventory-out",
        (dir_ / "inventory.yaml").string(),
        "--known-hosts-out",
        known_hosts_path().string(),
        "--duration",
        std::to_string(launch.duration.count()),
    };
    const auto t0 = bench::clk::now();
    // die_with_parent: a bench killed outright takes the simulator with it.
    test_common::spawn_options options;
    options.io.stdout_fd = options.io.stderr_fd = log_fd.get();
    options.die_with_parent = true;
    child_ = bench::adopt_child(test_common::spawn_process(argv, options));

    try {
        wait_until_serving(launch, t0);
    } catch (...) {
        stop();
        throw;
    }
}

void sim_process::wait_until_serving(const sim_launch& launch, bench::clk::time_point t0) {
    // It prints its summary after writing known_hosts and the inventory.
    const auto deadline = t0 + launch.ready_timeout;
    for (;;) {
        const auto text = log();
        if (text.find("\nknown_hosts: ") != std::string::npos) {
            summary_ = text.substr(0, text.find('\n'));
            break;
        }
        if (bench::wait_for_end(child_, 50ms))
            throw std::runtime_error("fleetsh sim ended before it served (" + stop() +
                                     "); its output:\n" + bench::tail(log(), 20));
        if (bench::clk::now() > deadline)
            throw std::runtime_error("fleetsh sim did not serve within " +
                                     std::to_string(launch.ready_timeout.count()) +
                                     " s; its output:\n" + bench::tail(log(), 20));
    }
    startup_s_ = bench::seconds(bench::clk::now() - t0);
    ports_ = known_hosts_ports(test_common::read_file(known_hosts_path()));
    if (ports_.size() != launch.devices)
        throw std::runtime_error("fleetsh sim wrote " + std::to_string(ports_.size()) +
                                 " known_hosts lines for " + std::to_string(launch.devices) +
                                 " devices");
}

sim_process::~sim_process() {
    try {
        stop();
    } catch (const std::exception&) {
        // the child's own destructor kills and reaps it
    }
}

std::string sim_process::log() const {
    try {
        return test_common::read_file(dir_ / "sim.log");
    } catch (const std::exception&) {
        return "";
    }
}

std::string sim_process::stop_summary() const {
    const auto text = log();
    const auto stopped = text.rfind("fleetsh sim: stopped");
    if (stopped == std::string::npos)
        return "no summary printed";
    return text.substr(stopped, text.find('\n', stopped) - stopped);
}

std::string sim_process::stop() {
    if (child_.pid <= 0)
        return "not running";
    return bench::describe_status(bench::stop_child(child_, 10s).status);
}

} // namespace sim_bench
