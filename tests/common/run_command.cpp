#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <test_common/process.hpp>
#include <test_common/process_tree.hpp>
#include <test_common/run_command.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

namespace test_common {

namespace {

// Our ends of the child's pipes; closes whatever is still open.
struct pipe_ends {
    int in = -1;  // we write: child's stdin
    int out = -1; // we read: child's stdout
    int err = -1; // we read: child's stderr

    pipe_ends() = default;
    pipe_ends(const pipe_ends&) = delete;
    pipe_ends& operator=(const pipe_ends&) = delete;
    ~pipe_ends() {
        for (int* fd : {&in, &out, &err})
            close_fd(*fd);
    }
    static void close_fd(int& fd) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
};

void make_pipe(int fds[2]) {
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
}

// Writing to a pipe whose reader is gone raises SIGPIPE. It is blocked in this thread around the
// write and any pending instance is consumed, so the process-wide disposition stays untouched.
ssize_t write_without_sigpipe(int fd, const char* data, std::size_t size) {
    sigset_t pipe_set, old;
    ::sigemptyset(&pipe_set);
    ::sigaddset(&pipe_set, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    const ssize_t n = ::write(fd, data, size);
    const int saved = errno;
    if (n < 0 && errno == EPIPE) {
        const timespec zero{};
        while (::sigtimedwait(&pipe_set, nullptr, &zero) == SIGPIPE) {
        }
    }
    ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
    errno = saved;
    return n;
}

void kill_tree(pid_t pid) {
    // Children first found, then the root, so that none is reparented out of sight in between.
    const auto below = descendants(pid);
    ::kill(pid, SIGKILL);
    for (const auto& p : below)
        signal_process(p, SIGKILL);
}

} // namespace

command_result run_command(const std::vector<std::string>& argv, const command_options& options) {
    pipe_ends ours;
    int in_pipe[2] = {-1, -1};
    int out_pipe[2] = {-1, -1};
    int err_pipe[2] = {-1, -1};
    spawn_options spawn;
    try {
        if (options.input) {
            make_pipe(in_pipe);
            ours.in = in_pipe[1];
            spawn.io.stdin_fd = in_pipe[0];
        }
        make_pipe(out_pipe);
        ours.out = out_pipe[0];
        spawn.io.stdout_fd = out_pipe[1];
        make_pipe(err_pipe);
        ours.err = err_pipe[0];
        spawn.io.stderr_fd = err_pipe[1];
    } catch (...) {
        for (int fd : {in_pipe[0], out_pipe[1], err_pipe[1]})
            if (fd >= 0)
                ::close(fd);
        throw;
    }
    spawn.extra_env = options.extra_env;
    // The child runs while this thread waits for it, so tying it to this thread is safe.
    spawn.die_with_parent = true;
    pid_t pid = -1;
    try {
        pid = spawn_process(argv, spawn);
    } catch (...) {
        for (int fd : {spawn.io.stdin_fd, spawn.io.stdout_fd, spawn.io.stderr_fd})
            if (fd >= 0)
                ::close(fd);
        throw;
    }
    for (int fd : {spawn.io.stdin_fd, spawn.io.stdout_fd, spawn.io.stderr_fd})
        if (fd >= 0)
            ::close(fd);
    if (ours.in >= 0)
        ::fcntl(ours.in, F_SETFL, ::fcntl(ours.in, F_GETFL) | O_NONBLOCK);

    command_result result;
    const std::string input = options.input.value_or("");
    std::size_t written = 0;
    if (ours.in >= 0 && input.empty())
        pipe_ends::close_fd(ours.in);

    const auto deadline = std::chrono::steady_clock::now() + options.timeout;
    std::array<char, 16384> buffer;
    // Read until both output pipes reach EOF. A descendant that keeps them open past the
    // program's own exit is bounded by the same deadline.
    while (ours.out >= 0 || ours.err >= 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.timed_out = true;
            break;
        }
        std::array<pollfd, 3> fds{};
        nfds_t count = 0;
        int* slot[3];
        for (int* fd : {&ours.out, &ours.err, &ours.in}) {
            if (*fd < 0)
                continue;
            fds[count] = pollfd{*fd, static_cast<short>(fd == &ours.in ? POLLOUT : POLLIN), 0};
            slot[count++] = fd;
        }
        const int ready = ::poll(fds.data(), count, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
        for (nfds_t i = 0; i < count; ++i) {
            if (fds[i].revents == 0)
                continue;
            int& fd = *slot[i];
            if (&fd == &ours.in) {
                const ssize_t n =
                    write_without_sigpipe(fd, input.data() + written, input.size() - written);
                if (n > 0)
                    written += static_cast<std::size_t>(n);
                // EPIPE: the program stopped reading; its output still counts.
                if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size())
                    pipe_ends::close_fd(fd);
                continue;
            }
            const ssize_t n = ::read(fd, buffer.data(), buffer.size());
            if (n > 0)
                (&fd == &ours.out ? result.out : result.err)
                    .append(buffer.data(), static_cast<std::size_t>(n));
            else if (n == 0 || (errno != EINTR && errno != EAGAIN))
                pipe_ends::close_fd(fd);
        }
    }

    if (result.timed_out) {
        kill_tree(pid);
        result.exit_code = exit_code_of(terminate_process(pid, std::chrono::milliseconds(0)));
        return result;
    }
    // Outputs are closed; the program normally has exited or is about to.
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (auto status = wait_for_exit(pid, std::max(left, std::chrono::milliseconds(0)))) {
        result.exit_code = exit_code_of(*status);
        return result;
    }
    result.timed_out = true;
    kill_tree(pid);
    result.exit_code = exit_code_of(terminate_process(pid, std::chrono::milliseconds(0)));
    return result;
}

command_result run_command(const std::vector<std::string>& argv, std::optional<std::string> input,
                           std::chrono::milliseconds timeout) {
    command_options options;
    options.input = std::move(input);
    options.timeout = timeout;
    return run_command(argv, options);
}

std::string describe(const std::vector<std::string>& argv, const command_result& result) {
    std::string text;
    for (const auto& a : argv)
        text += (text.empty() ? "" : " ") + a;
    text += " -> exit " + std::to_string(result.exit_code);
    if (result.timed_out)
        text += " (timed out)";
    text += "\nstdout: " + result.out + "\nstderr: " + result.err;
    return text;
}

} // namespace test_common
