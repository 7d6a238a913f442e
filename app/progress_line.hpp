#pragma once
// What a collection run shows while it runs. On a terminal: one line rewritten in place
// ("120/500 done, 3 failed, 64 running, 41.2/s, ETA 9s"), redrawn as devices finish and once a
// second, with each failed device printed above it. Anywhere else: one plain line per failed
// device, nothing else (logs and CI output stay readable). --json lines go to stdout.

#include <jobs/results_store.hpp>

#include <chrono>
#include <cstddef>
#include <mutex>

namespace app {

class progress_line {
public:
    progress_line(std::size_t total, bool json);

    // Thread-safe: called from the engine's threads.
    void device_started();
    void device_done(const jobs::device_record& d);
    void tick(); // redraw (terminal only)
    void finish();

private:
    void draw(); // with mutex_ held

    std::mutex mutex_;
    std::size_t total_, done_ = 0, failed_ = 0, running_ = 0;
    bool json_, terminal_, drawn_ = false;
    std::chrono::steady_clock::time_point start_;
};

} // namespace app
