#include <bench/child.hpp>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace bench {

void unique_fd::reset() noexcept {
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
}

void throw_errno(const std::string& what) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

pipe_fds make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw_errno("pipe2");
    return {unique_fd(fds[0]), unique_fd(fds[1])};
}

void child::kill_and_reap() noexcept {
    if (pid > 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
    pid = -1;
}

namespace {

// Opened once, kept for the life of the process.
int devnull() {
    static const int fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        throw_errno("open /dev/null");
    return fd;
}

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (const auto& s : strings)
        out.push_back(const_cast<char*>(s.c_str()));
    out.push_back(nullptr);
    return out;
}

} // namespace

child spawn_child(const spawn_request& request) {
    const int null_fd = devnull();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const int fds[3] = {request.stdin_fd, request.stdout_fd, request.stderr_fd};
    for (int target = 0; target < 3; ++target)
        posix_spawn_file_actions_adddup2(&actions, fds[target] >= 0 ? fds[target] : null_fd,
                                         target);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    const auto args = c_strings(request.argv);
    const auto envp = c_strings(request.env);
    pid_t pid = -1;
    const int rc =
        ::posix_spawn(&pid, request.program.c_str(), &actions, &attr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        errno = rc;
        throw_errno("posix_spawn " + request.program);
    }
    return adopt_child(pid);
}

child adopt_child(pid_t pid) {
    child c;
    c.pid = pid;
    c.pidfd = unique_fd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (c.pidfd.get() < 0) {
        const int saved = errno;
        ::kill(pid, SIGKILL);
        reap(c);
        errno = saved;
        throw_errno("pidfd_open");
    }
    return c;
}

std::vector<std::string> environment_without(const std::vector<std::string_view>& drop) {
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        const auto name = entry.substr(0, entry.find('='));
        if (std::find(drop.begin(), drop.end(), name) == drop.end())
            env.emplace_back(entry);
    }
    return env;
}

child_exit reap(child& c) {
    child_exit out;
    out.pid = c.pid;
    pid_t r;
    do
        r = ::wait4(c.pid, &out.status, 0, &out.usage);
    while (r < 0 && errno == EINTR);
    if (r != c.pid)
        throw_errno("wait4 " + std::to_string(c.pid));
    c.pid = -1;
    c.pidfd.reset();
    return out;
}

bool wait_for_end(const child& c, std::chrono::milliseconds timeout) {
    pollfd p{c.pidfd.get(), POLLIN, 0};
    int n;
    do
        n = ::poll(&p, 1, static_cast<int>(timeout.count()));
    while (n < 0 && errno == EINTR);
    return n > 0;
}

child_exit stop_child(child& c, std::chrono::milliseconds grace) {
    if (c.pid <= 0)
        return {};
    ::kill(c.pid, SIGTERM);
    if (!wait_for_end(c, grace))
        ::kill(c.pid, SIGKILL);
    return reap(c);
}

std::vector<child_exit> reap_some(std::vector<child>& running, std::chrono::milliseconds timeout) {
    std::vector<pollfd> fds;
    for (const auto& c : running)
        fds.push_back({c.pidfd.get(), POLLIN, 0});
    int n;
    do
        n = ::poll(fds.data(), fds.size(), static_cast<int>(timeout.count()));
    while (n < 0 && errno == EINTR);
    if (n < 0)
        throw_errno("poll");
    std::vector<child_exit> ended;
    std::vector<child> still;
    for (std::size_t i = 0; i < running.size(); ++i) {
        if (fds[i].revents != 0)
            ended.push_back(reap(running[i]));
        else
            still.push_back(std::move(running[i]));
    }
    running = std::move(still);
    return ended;
}

std::string describe_status(int status) {
    if (WIFEXITED(status))
        return "exit " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return std::string("killed by SIG") + (sigabbrev_np(WTERMSIG(status))
                                                   ? sigabbrev_np(WTERMSIG(status))
                                                   : std::to_string(WTERMSIG(status)).c_str());
    return "status " + std::to_string(status);
}

} // namespace bench
