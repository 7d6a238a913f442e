#include "progress_line.hpp"

#include <unistd.h>

#include <fmt/core.h>

#include <cstdio>

namespace app {

progress_line::progress_line(std::size_t total, bool json)
    : total_(total)
    , json_(json)
    , terminal_(::isatty(STDERR_FILENO) == 1)
    , start_(std::chrono::steady_clock::now()) {}

void progress_line::device_started() {
    std::lock_guard lock(mutex_);
    ++running_;
}

void progress_line::device_done(const jobs::device_record& d) {
    std::lock_guard lock(mutex_);
    ++done_;
    running_ -= running_ > 0 ? 1 : 0;
    const bool ok = d.status == jobs::device_status::ok;
    failed_ += ok ? 0 : 1;
    if (json_) {
        fmt::print("{}", jobs::device_json_line(d));
        std::fflush(stdout);
    }
    if (!ok)
        fmt::print(stderr, "{}{}: {} {}: {}\n", terminal_ && drawn_ ? "\r\x1b[K" : "", d.name,
                   jobs::status_name(d.status), d.error_class, d.error_message);
    draw();
}

void progress_line::tick() {
    std::lock_guard lock(mutex_);
    draw();
}

void progress_line::finish() {
    std::lock_guard lock(mutex_);
    if (terminal_ && drawn_)
        fmt::print(stderr, "\n");
    drawn_ = false;
    std::fflush(stderr);
}

void progress_line::draw() {
    if (!terminal_)
        return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0;
    const auto eta = rate > 0 ? fmt::format("{:.0f}s", static_cast<double>(total_ - done_) / rate)
                              : std::string("?");
    fmt::print(stderr, "\r\x1b[K{}/{} done, {} failed, {} running, {:.1f}/s, ETA {}", done_, total_,
               failed_, running_, rate, eta);
    std::fflush(stderr);
    drawn_ = true;
}

} // namespace app
