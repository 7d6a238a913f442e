#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <test_common/process.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <thread>

extern char** environ;

namespace test_common {

namespace {

std::vector<std::string> child_environment(const std::vector<std::string>& extra) {
    auto key_of = [](std::string_view entry) { return entry.substr(0, entry.find('=')); };
    std::vector<std::string> env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        const std::string_view entry(*e);
        bool replaced = false;
        for (const auto& x : extra)
            replaced = replaced || key_of(x) == key_of(entry);
        if (!replaced)
            env.emplace_back(entry);
    }
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// Runs in the forked child: only async-signal-safe calls until execve.
[[noreturn]] void exec_child(const char* path, char* const* argv, char* const* envp,
                             const int fds[3], int devnull, int error_pipe, bool die_with_parent,
                             pid_t parent, int max_fd) {
    if (die_with_parent) {
        // SIGKILL: it also ends a child the test left stopped (pause_all), which SIGTERM would not.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) // the parent died before prctl took effect
            ::_exit(127);
    }
    for (int target = 0; target < 3; ++target) {
        const int source = fds[target] >= 0 ? fds[target] : devnull;
        // dup2 onto itself would keep FD_CLOEXEC set; clear it explicitly in that case.
        if (source == target ? ::fcntl(target, F_SETFD, 0) < 0 : ::dup2(source, target) < 0) {
            const int err = errno;
            [[maybe_unused]] auto n = ::write(error_pipe, &err, sizeof err);
            ::_exit(127);
        }
    }
    // Descriptors the test process opened without FD_CLOEXEC (sockets of a client under test, say)
    // must not leak into the child, where they could keep connections open.
    if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0)
        for (int fd = 3; fd < max_fd; ++fd)
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; ++sig)
        ::sigaction(sig, &dfl, nullptr); // fails harmlessly for SIGKILL, SIGSTOP and reserved ones
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execve(path, argv, envp);
    const int err = errno;
    [[maybe_unused]] auto n = ::write(error_pipe, &err, sizeof err);
    ::_exit(127);
}

} // namespace

std::filesystem::path find_program(const std::string& name) {
    if (name.find('/') != std::string::npos)
        return name;
    const char* path_env = std::getenv("PATH");
    std::string_view dirs = path_env != nullptr ? path_env : "/usr/local/bin:/usr/bin:/bin";
    // sshd and friends live in sbin, which a non-root PATH often lacks.
    const std::string fallback = ":/usr/local/sbin:/usr/sbin:/sbin";
    const std::string all = std::string(dirs) + fallback;
    std::string_view rest = all;
    while (!rest.empty()) {
        const auto colon = rest.find(':');
        const std::string_view dir = rest.substr(0, colon);
        rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
        if (dir.empty())
            continue;
        const auto candidate = std::filesystem::path(dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate))
            return candidate;
    }
    throw std::runtime_error("required tool '" + name +
                             "' not found in PATH (install it: see scripts/setup)");
}

pid_t spawn_process(const std::vector<std::string>& argv, const spawn_options& options) {
    if (argv.empty())
        throw std::invalid_argument("spawn_process: empty argv");
    const std::string path = find_program(argv[0]).string();
    std::vector<std::string> args = argv;
    std::vector<std::string> env = child_environment(options.extra_env);
    std::vector<char*> c_args = c_strings(args);
    std::vector<char*> c_env = c_strings(env);

    const int devnull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devnull < 0)
        throw std::runtime_error(std::string("open /dev/null: ") + std::strerror(errno));
    // The child reports a failed exec through this close-on-exec pipe; EOF means exec worked.
    int error_pipe[2];
    if (::pipe2(error_pipe, O_CLOEXEC) != 0) {
        ::close(devnull);
        throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    }
    const int fds[3] = {options.io.stdin_fd, options.io.stdout_fd, options.io.stderr_fd};
    const pid_t parent = ::getpid();
    const int max_fd = static_cast<int>(std::min<long>(::sysconf(_SC_OPEN_MAX), 65536));
    const pid_t pid = ::fork();
    if (pid == 0)
        exec_child(path.c_str(), c_args.data(), c_env.data(), fds, devnull, error_pipe[1],
                   options.die_with_parent, parent, max_fd);
    const int fork_errno = errno;
    ::close(devnull);
    ::close(error_pipe[1]);
    if (pid < 0) {
        ::close(error_pipe[0]);
        throw std::runtime_error(std::string("fork: ") + std::strerror(fork_errno));
    }
    int child_errno = 0;
    ssize_t n;
    do
        n = ::read(error_pipe[0], &child_errno, sizeof child_errno);
    while (n < 0 && errno == EINTR);
    ::close(error_pipe[0]);
    if (n > 0) {
        int status;
        ::waitpid(pid, &status, 0); // it has already called _exit
        throw std::runtime_error("cannot execute " + path + ": " + std::strerror(child_errno));
    }
    return pid;
}

std::optional<int> wait_for_exit(pid_t pid, std::chrono::milliseconds timeout) {
    if (pid <= 0)
        throw std::invalid_argument("wait_for_exit: invalid pid " + std::to_string(pid));
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    auto pause = std::chrono::milliseconds(1);
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return status;
        if (r < 0 && errno != EINTR)
            throw std::runtime_error("waitpid " + std::to_string(pid) + ": " +
                                     std::strerror(errno));
        if (std::chrono::steady_clock::now() >= deadline)
            return std::nullopt;
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(20));
    }
}

int terminate_process(pid_t pid, std::chrono::milliseconds grace) {
    // kill() with 0 or a negative PID signals whole process groups, or every process we may.
    if (pid <= 0)
        throw std::invalid_argument("terminate_process: invalid pid " + std::to_string(pid));
    ::kill(pid, SIGCONT);
    ::kill(pid, SIGTERM);
    if (auto status = wait_for_exit(pid, grace))
        return *status;
    ::kill(pid, SIGKILL);
    // SIGKILL cannot be ignored; the bound is only a guard against a process stuck in the kernel.
    if (auto status = wait_for_exit(pid, std::chrono::seconds(5)))
        return *status;
    throw std::runtime_error("process " + std::to_string(pid) + " survived SIGKILL");
}

int exit_code_of(int wait_status) {
    if (WIFEXITED(wait_status))
        return WEXITSTATUS(wait_status);
    if (WIFSIGNALED(wait_status))
        return 128 + WTERMSIG(wait_status);
    return -1;
}

} // namespace test_common
