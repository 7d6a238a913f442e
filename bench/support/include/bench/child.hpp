// Child processes of a bench (OpenSSH's ssh, the simulator): started with posix_spawn, watched
// through a pidfd, stopped by PID (SIGTERM, then SIGKILL) and reaped with their resource usage.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bench {

class unique_fd {
public:
    unique_fd() = default;
    explicit unique_fd(int fd)
        : fd_(fd) {}
    unique_fd(unique_fd&& o) noexcept
        : fd_(std::exchange(o.fd_, -1)) {}
    unique_fd& operator=(unique_fd&& o) noexcept {
        if (this != &o) {
            reset();
            fd_ = std::exchange(o.fd_, -1);
        }
        return *this;
    }
    unique_fd(const unique_fd&) = delete;
    unique_fd& operator=(const unique_fd&) = delete;
    ~unique_fd() { reset(); }
    int get() const noexcept { return fd_; }
    void reset() noexcept;

private:
    int fd_ = -1;
};

// Throws std::runtime_error "what: strerror(errno)".
[[noreturn]] void throw_errno(const std::string& what);

struct pipe_fds {
    unique_fd read, write;
};
pipe_fds make_pipe(); // both ends close-on-exec

// A child we started: its PID and a pidfd to poll for its end. One still running when its
// owner goes (an error path) is killed and reaped, by PID.
struct child {
    pid_t pid = -1;
    unique_fd pidfd;

    child() = default;
    child(child&& o) noexcept
        : pid(std::exchange(o.pid, -1))
        , pidfd(std::move(o.pidfd)) {}
    child& operator=(child&& o) noexcept {
        if (this != &o) {
            kill_and_reap();
            pid = std::exchange(o.pid, -1);
            pidfd = std::move(o.pidfd);
        }
        return *this;
    }
    child(const child&) = delete;
    child& operator=(const child&) = delete;
    ~child() { kill_and_reap(); }

    void kill_and_reap() noexcept;
};

struct spawn_request {
    std::string program; // absolute path
    std::vector<std::string> argv;
    std::vector<std::string> env; // the whole environment, "NAME=value"
    // Standard streams: descriptors of ours, or /dev/null when -1.
    int stdin_fd = -1;
    int stdout_fd = -1;
    int stderr_fd = -1;
};

// Starts the program with default signal dispositions, an empty signal mask and no descriptor
// but 0-2; throws std::runtime_error when it cannot.
child spawn_child(const spawn_request& request);

// Takes on our child `pid` started some other way (test_common::spawn_process, say): opens its
// pidfd; throws, after killing and reaping it, when that fails.
child adopt_child(pid_t pid);

// Our own environment less the entries whose names are in `drop`.
std::vector<std::string> environment_without(const std::vector<std::string_view>& drop);

struct child_exit {
    pid_t pid = -1;
    int status = 0;
    rusage usage{};
};

// Reaps `c` (which must have ended or be about to), with its resource usage.
child_exit reap(child& c);

// Whether `c` has ended (its pidfd is readable) within `timeout`.
bool wait_for_end(const child& c, std::chrono::milliseconds timeout);

// Stops our child by PID: SIGTERM, then SIGKILL after `grace`; reaps it.
child_exit stop_child(child& c, std::chrono::milliseconds grace = std::chrono::milliseconds(5000));

// Waits until at least one of `running` ends (up to `timeout`), reaps every one that has and
// removes it from `running`. Empty when none ended in time.
std::vector<child_exit> reap_some(std::vector<child>& running, std::chrono::milliseconds timeout);

// "exit 1", "killed by SIGTERM", ...
std::string describe_status(int status);

} // namespace bench
