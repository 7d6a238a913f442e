// Runs one task per device across a fleet: a thread with its own io_context per core, a
// global concurrency limit and per-platform limits, retries with exponential backoff and
// jitter for transient failures only (engine::is_transient: refused, timed out, reset,
// unreachable — never authentication or host key failures), and an orderly stop.
//
//   engine::fleet_runner runner{limits, retries};
//   runner.run(platforms, [&](std::size_t device, unsigned attempt) -> awaitable<error_code> {
//       ... connect, run commands, write results ...
//   }, [&](const engine::device_done& d) { ... record d.error ... });
//   // from a signal handler thread: runner.request_stop(grace);
//
// A device's attempts all run on one thread, one after the other; the task of one device
// never runs concurrently with itself. on_done is called once per device, on the thread that
// ran it (or, for devices never started because of a stop, on run()'s thread after the
// others): it must be thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/system/error_code.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace engine {

struct retry_policy {
    unsigned attempts = 3; // tries in all for a transient failure; 1 means no retry
    std::chrono::milliseconds first_delay{1000};
    std::chrono::milliseconds max_delay{30'000};
    // Each delay is drawn uniformly from [delay * (1 - jitter), delay], so that devices that
    // failed together do not all come back together.
    double jitter = 0.5;
};

struct run_limits {
    std::size_t concurrency = 256;
    std::map<std::string, std::size_t> per_platform; // platform → devices at once
    unsigned threads = 0;                            // 0: one per core
};

struct device_done {
    std::size_t device = 0;
    boost::system::error_code error; // the last attempt's; interrupted if never started
    unsigned attempts = 0;
};

class fleet_runner {
public:
    using task = std::function<boost::asio::awaitable<boost::system::error_code>(std::size_t device,
                                                                                 unsigned attempt)>;
    using done_handler = std::function<void(const device_done&)>;

    fleet_runner(run_limits limits, retry_policy retries);
    ~fleet_runner();
    fleet_runner(const fleet_runner&) = delete;
    fleet_runner& operator=(const fleet_runner&) = delete;

    // Runs every device (platforms[i] is device i's platform) and returns when all are done.
    void run(const std::vector<std::string>& platforms, task run_device, done_handler on_done);

    // Thread-safe, idempotent: start no new device and no retry; tasks still running after
    // `grace` are cancelled (Asio per-operation cancellation, terminal).
    void request_stop(std::chrono::milliseconds grace);
    bool stop_requested() const noexcept;

    struct state;

private:
    run_limits limits_;
    retry_policy retries_;
    std::shared_ptr<state> state_;
};

} // namespace engine
