// ssh_client_bench: fleetsh's SSH client against OpenSSH's ssh(1), both talking to one throwaway
// sshd on 127.0.0.1 with the same algorithms (curve25519-sha256, ssh-ed25519,
// aes128-gcm@openssh.com, an ed25519 user key).
//
// Measured, each R times with fleetsh and ssh runs interleaved (the order alternating):
//   1. sessions: N sessions (connect, publickey auth, exec `true`, close), one at a time and C at
//      a time: sessions/s and client CPU per session.
//   2. bulk: one exec of `head -c SIZE /dev/zero` read fully: MB/s and client CPU.
//   3. idle memory: what one connected, authenticated, idle session costs (fleetsh: heap and RSS
//      growth of this process per session; ssh: the private memory of one `ssh -N` process).
//
// Printed: median [min-max] per client, and the ratio of each interleaved pair (median
// [min-max]). Only the clients' CPU is compared: the sshd's work is the same for both.
//
// Run as root (the fixture's sshd authenticates as the user running it):
//     build/bench/ssh_client_bench [--sessions N] [--concurrency C] [--bytes SIZE]
//                                  [--repeat R] [--idle K] [--quick]

#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ssh/asio/client.hpp>
#include <ssh/asio/known_hosts_verifier.hpp>
#include <ssh/crypto/private_key.hpp>
#include <ssh/known_hosts/store.hpp>
#include <test_common/process.hpp>
#include <test_common/run_command.hpp>
#include <test_common/sshd_fixture.hpp>
#include <test_common/temp_dir.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace {

namespace net = boost::asio;
using namespace std::chrono_literals;
using clk = std::chrono::steady_clock;
using test_common::sshd_fixture;

// ---------------------------------------------------------------------------------------------
// Command line

struct config {
    int sessions = 50;
    int concurrency = 10;
    std::uint64_t bytes = std::uint64_t{64} << 20;
    int repeat = 5;
    int idle = 20;
    bool quick = false;
};

constexpr std::string_view usage_text =
    "usage: ssh_client_bench [--sessions N] [--concurrency C] [--bytes SIZE] [--repeat R]\n"
    "                        [--idle K] [--quick]\n"
    "  --sessions N     sessions per batch, sequential and concurrent (default 50)\n"
    "  --concurrency C  sessions at a time in the concurrent batch (default 10)\n"
    "  --bytes SIZE     bulk transfer size, e.g. 67108864, 64M, 64MiB (default 64 MiB)\n"
    "  --repeat R       repeats of every measurement (default 5)\n"
    "  --idle K         idle sessions held for the memory figure (default 20)\n"
    "  --quick          smoke run: sessions 10, bytes 8 MiB, repeat 3, idle 10\n"
    "Needs root (or the sshd fixture's user), ssh and sshd in PATH. Traffic stays on "
    "127.0.0.1.\n";

[[noreturn]] void usage_error(const std::string& why) {
    std::cerr << "ssh_client_bench: " << why << "\n" << usage_text;
    std::exit(2);
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end == text.data())
        return std::nullopt;
    const std::string_view suffix(end, static_cast<std::size_t>(text.data() + text.size() - end));
    unsigned shift = 0;
    if (suffix.empty() || suffix == "B")
        shift = 0;
    else if (suffix == "k" || suffix == "K" || suffix == "KiB")
        shift = 10;
    else if (suffix == "m" || suffix == "M" || suffix == "MiB")
        shift = 20;
    else if (suffix == "g" || suffix == "G" || suffix == "GiB")
        shift = 30;
    else
        return std::nullopt;
    if (value == 0 || value > (std::uint64_t{1} << (40 - shift)))
        return std::nullopt;
    return value << shift;
}

int parse_count(std::string_view flag, std::string_view text, int min, int max) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max)
        usage_error(std::string(flag) + " wants a whole number from " + std::to_string(min) +
                    " to " + std::to_string(max) + ", not '" + std::string(text) + "'");
    return value;
}

config parse_args(int argc, char** argv) {
    config cfg;
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    // --quick sets the defaults; explicit flags override them wherever they appear.
    for (const auto arg : args) {
        if (arg == "--quick") {
            cfg.quick = true;
            cfg.sessions = 10;
            cfg.bytes = std::uint64_t{8} << 20;
            cfg.repeat = 3;
            cfg.idle = 10;
        } else if (arg == "--help" || arg == "-h") {
            std::cout << usage_text;
            std::exit(0);
        }
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto flag = args[i];
        if (flag == "--quick")
            continue;
        if (i + 1 >= args.size())
            usage_error("unknown flag or missing value: " + std::string(flag));
        const auto value = args[++i];
        if (flag == "--sessions")
            cfg.sessions = parse_count(flag, value, 1, 100'000);
        else if (flag == "--concurrency")
            cfg.concurrency = parse_count(flag, value, 1, 500);
        else if (flag == "--repeat")
            cfg.repeat = parse_count(flag, value, 1, 1000);
        else if (flag == "--idle")
            cfg.idle = parse_count(flag, value, 1, 500);
        else if (flag == "--bytes") {
            const auto size = parse_size(value);
            if (!size)
                usage_error("--bytes wants a size such as 67108864, 64M or 64MiB, not '" +
                            std::string(value) + "'");
            cfg.bytes = *size;
        } else
            usage_error("unknown flag: " + std::string(flag));
    }
    return cfg;
}

// ---------------------------------------------------------------------------------------------
// Time, CPU, memory

double seconds(clk::duration d) {
    return std::chrono::duration<double>(d).count();
}

double cpu_ms(const rusage& r) {
    auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    return ms(r.ru_utime) + ms(r.ru_stime);
}

// User + system CPU of this process (every thread; the bench runs everything on this one).
double self_cpu_ms() {
    rusage r{};
    ::getrusage(RUSAGE_SELF, &r);
    return cpu_ms(r);
}

// Bytes malloc has handed out and not had back, in arenas and in mmapped chunks.
double heap_in_use() {
    const struct mallinfo2 m = ::mallinfo2();
    return static_cast<double>(m.uordblks + m.hblkhd);
}

double self_rss_bytes() {
    std::ifstream statm("/proc/self/statm");
    unsigned long long size = 0, resident = 0;
    statm >> size >> resident;
    return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE));
}

// A "Name:   123 kB" line of /proc/PID/status, in bytes.
std::optional<double> proc_status_bytes(pid_t pid, std::string_view name) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.size() > name.size() && line.compare(0, name.size(), name) == 0 &&
            line[name.size()] == ':') {
            std::istringstream fields(line.substr(name.size() + 1));
            double kib = 0;
            if (fields >> kib)
                return kib * 1024.0;
        }
    }
    return std::nullopt;
}

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

// ---------------------------------------------------------------------------------------------
// Figures

struct stats {
    double median = 0, min = 0, max = 0;
};

stats summarize(std::vector<double> v) {
    if (v.empty())
        return {};
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    const double median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    return {median, v.front(), v.back()};
}

std::string number(double v) {
    char buf[64];
    const double a = std::abs(v);
    const int precision = a >= 100 ? 0 : a >= 10 ? 1 : 2;
    std::snprintf(buf, sizeof buf, "%.*f", precision, v);
    return buf;
}

std::string figure(const stats& s) {
    return number(s.median) + " [" + number(s.min) + "-" + number(s.max) + "]";
}

std::string ratio_figure(const stats& s) {
    return number(s.median) + "x [" + number(s.min) + "-" + number(s.max) + "]";
}

std::string pad(std::string text, std::size_t width) {
    if (text.size() < width)
        text.append(width - text.size(), ' ');
    return text + " ";
}

// One measured quantity: a value per repeat for each client.
struct series {
    std::vector<double> fleetsh;
    std::vector<double> ssh;
};

enum class better { higher, lower };

void print_header() {
    std::cout << pad("", 36) << pad("fleetsh", 26) << pad("ssh", 26) << "ratio\n";
}

// Prints one row. The ratio is taken per interleaved pair (run r of fleetsh with run r of ssh,
// adjacent in time), so that drifting machine load cancels out; its median and range follow.
void print_row(const std::string& label, const series& s, better b, std::string_view ratio_word) {
    std::vector<double> ratios;
    for (std::size_t i = 0; i < std::min(s.fleetsh.size(), s.ssh.size()); ++i) {
        const double f = s.fleetsh[i], o = s.ssh[i];
        if (f > 0 && o > 0)
            ratios.push_back(b == better::higher ? f / o : o / f);
    }
    std::cout << pad(label, 36) << pad(figure(summarize(s.fleetsh)), 26)
              << pad(figure(summarize(s.ssh)), 26);
    if (ratios.empty())
        std::cout << "-\n";
    else
        std::cout << ratio_figure(summarize(ratios)) << " " << ratio_word << "\n";
}

// Anything surprising seen during the run, printed at the end.
std::vector<std::string> oddities;

void note(std::string text) {
    if (std::find(oddities.begin(), oddities.end(), text) == oddities.end())
        oddities.push_back(std::move(text));
}

// ---------------------------------------------------------------------------------------------
// Descriptors and processes (OpenSSH's ssh)

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
    void reset() noexcept {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_ = -1;
};

[[noreturn]] void throw_errno(const std::string& what) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

struct pipe_fds {
    unique_fd read, write;
};

pipe_fds make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw_errno("pipe2");
    return {unique_fd(fds[0]), unique_fd(fds[1])};
}

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

    void kill_and_reap() noexcept {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
        pid = -1;
    }
};

struct child_exit {
    pid_t pid = -1;
    int status = 0;
    rusage usage{};
};

// Reaps `c` (which must have ended or be about to), with its resource usage.
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

// Stops our child by PID: SIGTERM, then SIGKILL after `grace`; reaps it.
void stop_child(child& c, std::chrono::milliseconds grace = 5000ms) {
    if (c.pid <= 0)
        return;
    ::kill(c.pid, SIGTERM);
    pollfd p{c.pidfd.get(), POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(grace.count())) <= 0)
        ::kill(c.pid, SIGKILL);
    reap(c);
}

// Waits until at least one of `running` ends (up to `timeout`), reaps every one that has and
// removes it from `running`. Empty when none ended in time.
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

std::string tail(const std::string& text, std::size_t lines) {
    std::size_t pos = text.size();
    while (lines-- > 0 && pos > 0) {
        const auto nl = text.rfind('\n', pos - 1);
        if (nl == std::string::npos) {
            pos = 0;
            break;
        }
        pos = nl;
    }
    return text.substr(pos == 0 ? 0 : pos + 1);
}

// Starts OpenSSH's ssh against the fixture with posix_spawn, its stderr appended to a log.
class ssh_runner {
public:
    ssh_runner(const sshd_fixture& sshd, std::filesystem::path stderr_log)
        : program_(test_common::find_program("ssh").string())
        , base_(sshd.ssh_command())
        , log_path_(std::move(stderr_log)) {
        // ssh -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes
        //     -o UserKnownHostsFile=<fixture known_hosts> -o GlobalKnownHostsFile=/dev/null
        //     -o IdentitiesOnly=yes -i <ed25519 key> -p PORT -l USER 127.0.0.1
        base_.front() = program_;
        // No agent: ssh signs with the key file itself, as fleetsh does.
        for (char** e = environ; *e != nullptr; ++e)
            if (std::string_view(*e).substr(0, 14) != "SSH_AUTH_SOCK=")
                env_.emplace_back(*e);
        devnull_ = unique_fd(::open("/dev/null", O_RDWR | O_CLOEXEC));
        if (devnull_.get() < 0)
            throw_errno("open /dev/null");
        clear_log();
    }

    // ssh [options] host [command...]: `options` go before the host, as ssh wants them.
    std::vector<std::string> argv(const std::vector<std::string>& options,
                                  const std::string& command) const {
        std::vector<std::string> a(base_.begin(), base_.end() - 1);
        a.insert(a.end(), options.begin(), options.end());
        a.push_back(base_.back());
        if (!command.empty())
            a.push_back(command);
        return a;
    }

    // stdin and stdout default to /dev/null.
    child start(const std::vector<std::string>& argv, int stdin_fd = -1, int stdout_fd = -1) {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, stdin_fd >= 0 ? stdin_fd : devnull_.get(), 0);
        posix_spawn_file_actions_adddup2(&actions, stdout_fd >= 0 ? stdout_fd : devnull_.get(), 1);
        posix_spawn_file_actions_adddup2(&actions, log_.get(), 2);
        posix_spawn_file_actions_addclosefrom_np(&actions, 3);
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        sigset_t none, all;
        sigemptyset(&none);
        sigfillset(&all);
        posix_spawnattr_setsigmask(&attr, &none);
        posix_spawnattr_setsigdefault(&attr, &all);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

        std::vector<char*> args, envp;
        for (const auto& s : argv)
            args.push_back(const_cast<char*>(s.c_str()));
        args.push_back(nullptr);
        for (const auto& s : env_)
            envp.push_back(const_cast<char*>(s.c_str()));
        envp.push_back(nullptr);

        pid_t pid = -1;
        const int rc =
            ::posix_spawn(&pid, program_.c_str(), &actions, &attr, args.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
        if (rc != 0) {
            errno = rc;
            throw_errno("posix_spawn " + program_);
        }
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

    void clear_log() {
        log_ = unique_fd(
            ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600));
        if (log_.get() < 0)
            throw_errno("open " + log_path_.string());
    }
    std::string log() const {
        try {
            return test_common::read_file(log_path_);
        } catch (const std::exception&) {
            return "";
        }
    }

private:
    std::string program_;
    std::vector<std::string> base_;
    std::filesystem::path log_path_;
    std::vector<std::string> env_;
    unique_fd devnull_;
    unique_fd log_;
};

// ---------------------------------------------------------------------------------------------
// fleetsh's client

std::shared_ptr<const ssh::crypto::private_key> load_key(const std::filesystem::path& path) {
    boost::system::error_code ec;
    auto key = ssh::crypto::load_private_key_file(path, std::nullopt, ec);
    if (!key)
        throw std::runtime_error("cannot load " + path.string() + ": " + ec.message());
    return std::make_shared<const ssh::crypto::private_key>(std::move(*key));
}

// Strict host key checking against the fixture's known_hosts, its ed25519 client key: what the
// ssh command line says too.
ssh::asio::client_options fleetsh_options_for(const sshd_fixture& sshd) {
    ssh::asio::client_options o;
    o.host = sshd.host();
    o.port = sshd.port();
    o.user = sshd.user();
    o.keys.push_back(load_key(sshd.client_key_path(test_common::key_type::ed25519)));
    o.preferred_authentications = {"publickey"};
    ssh::known_hosts::store_options so;
    so.user_file = sshd.known_hosts_path().string();
    auto store = std::make_shared<ssh::known_hosts::store>(so);
    store->load();
    o.verify_host_key =
        ssh::asio::make_known_hosts_verifier(store, ssh::known_hosts::policy::strict);
    o.connect_timeout = 20s;
    o.kex_timeout = 30s;
    o.auth_timeout = 30s;
    return o;
}

ssh::asio::exec_options with_timeout(std::chrono::milliseconds timeout) {
    ssh::asio::exec_options o;
    o.timeout = timeout;
    return o;
}

// Runs `count` copies of `worker()` on `io` until every one has finished; throws if that takes
// longer than `bound` or a worker threw.
template <typename Worker>
void run_workers(net::io_context& io, int count, Worker& worker, clk::duration bound) {
    int remaining = count;
    std::exception_ptr failure;
    for (int i = 0; i < count; ++i)
        net::co_spawn(io, worker(), [&](std::exception_ptr e) {
            if (e && !failure)
                failure = e;
            --remaining;
        });
    const auto deadline = clk::now() + bound;
    while (remaining > 0 && !io.stopped() && clk::now() < deadline)
        io.run_one_for(100ms);
    if (failure)
        std::rethrow_exception(failure);
    if (remaining > 0)
        throw std::runtime_error("fleetsh: " + std::to_string(remaining) + " of " +
                                 std::to_string(count) + " coroutines still running after " +
                                 number(seconds(bound)) + " s");
}

// Lets closed connections finish (DISCONNECT flushed, sockets closed, coroutines ended).
void drain(net::io_context& io, std::string_view what) {
    const auto deadline = clk::now() + 5s;
    while (!io.stopped() && clk::now() < deadline)
        io.run_one_for(50ms);
    if (!io.stopped())
        note(std::string("fleetsh: after ") + std::string(what) +
             ", the io_context still had work 5 s after every client was closed");
}

// ---------------------------------------------------------------------------------------------
// Measurements

struct batch_result {
    double wall_s = 0;
    double cpu_ms = 0; // client CPU over the whole batch
    int failures = 0;
    std::string first_error;

    void fail(std::string why) {
        if (failures++ == 0)
            first_error = std::move(why);
    }
};

batch_result fleetsh_sessions(const ssh::asio::client_options& base, int n, int c) {
    net::io_context io;
    batch_result out;
    int next = 0;
    auto worker = [&]() -> net::awaitable<void> {
        while (next < n) {
            ++next;
            auto [conn, err] = co_await ssh::asio::client::connect(io.get_executor(), base);
            if (err) {
                out.fail("connect: " + err.message);
                continue;
            }
            const auto r = co_await conn->exec("true", with_timeout(60s));
            if (r.error)
                out.fail("exec: " + r.error.message);
            else if (r.exit_status != 0u)
                out.fail("exec: `true` exited with " +
                         (r.exit_status ? std::to_string(*r.exit_status) : "no status"));
            conn->close();
        }
    };
    const double cpu0 = self_cpu_ms();
    const auto t0 = clk::now();
    run_workers(io, std::min(c, n), worker, 600s);
    out.wall_s = seconds(clk::now() - t0);
    out.cpu_ms = self_cpu_ms() - cpu0;
    drain(io, "the sessions batch");
    return out;
}

batch_result ssh_sessions(ssh_runner& openssh, int n, int c) {
    const auto argv = openssh.argv({}, "true");
    batch_result out;
    std::vector<child> running;
    int started = 0, finished = 0;
    const auto t0 = clk::now();
    while (finished < n) {
        while (started < n && static_cast<int>(running.size()) < c) {
            running.push_back(openssh.start(argv));
            ++started;
        }
        const auto ended = reap_some(running, 60s);
        if (ended.empty()) {
            for (auto& r : running)
                stop_child(r, 0ms);
            throw std::runtime_error("ssh: " + std::to_string(running.size()) +
                                     " sessions did not end within 60 s");
        }
        for (const auto& e : ended) {
            ++finished;
            out.cpu_ms += cpu_ms(e.usage);
            if (!WIFEXITED(e.status) || WEXITSTATUS(e.status) != 0)
                out.fail("ssh: " + describe_status(e.status));
        }
    }
    out.wall_s = seconds(clk::now() - t0);
    return out;
}

struct bulk_result {
    double wall_s = 0;   // connect to close
    double stream_s = 0; // first byte to last byte
    double cpu_ms = 0;
    std::uint64_t received = 0;
    std::string error;
};

std::string bulk_command(std::uint64_t bytes) {
    return "head -c " + std::to_string(bytes) + " /dev/zero";
}

bulk_result fleetsh_bulk(const ssh::asio::client_options& base, std::uint64_t bytes) {
    net::io_context io;
    bulk_result out;
    std::optional<clk::time_point> first, last;
    auto job = [&]() -> net::awaitable<void> {
        auto [conn, err] = co_await ssh::asio::client::connect(io.get_executor(), base);
        if (err) {
            out.error = "connect: " + err.message;
            co_return;
        }
        ssh::asio::exec_options eo;
        eo.timeout = 600s;
        eo.on_output = [&](ssh::connection::data_stream stream, std::string_view data) {
            if (stream != ssh::connection::data_stream::out || data.empty())
                return;
            const auto now = clk::now();
            if (!first)
                first = now;
            last = now;
            out.received += data.size();
        };
        const auto r = co_await conn->exec(bulk_command(bytes), std::move(eo));
        if (r.error)
            out.error = "exec: " + r.error.message;
        else if (r.exit_status != 0u)
            out.error =
                "exec: exit status " + (r.exit_status ? std::to_string(*r.exit_status) : "missing");
        conn->close();
    };
    const double cpu0 = self_cpu_ms();
    const auto t0 = clk::now();
    run_workers(io, 1, job, 600s);
    out.wall_s = seconds(clk::now() - t0);
    out.cpu_ms = self_cpu_ms() - cpu0;
    if (first && last)
        out.stream_s = seconds(*last - *first);
    drain(io, "the bulk transfer");
    if (out.error.empty() && out.received != bytes)
        out.error =
            "received " + std::to_string(out.received) + " bytes of " + std::to_string(bytes);
    return out;
}

bulk_result ssh_bulk(ssh_runner& openssh, std::uint64_t bytes) {
    bulk_result out;
    auto p = make_pipe();
    const auto t0 = clk::now();
    child c = openssh.start(openssh.argv({}, bulk_command(bytes)), -1, p.write.get());
    p.write.reset();
    std::vector<char> buffer(256 * 1024);
    std::optional<clk::time_point> first, last;
    for (;;) {
        pollfd pfd{p.read.get(), POLLIN, 0};
        const int n = ::poll(&pfd, 1, 60'000);
        if (n == 0) {
            stop_child(c, 0ms);
            out.error = "no output for 60 s";
            return out;
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw_errno("poll");
        }
        const ssize_t got = ::read(p.read.get(), buffer.data(), buffer.size());
        if (got < 0) {
            if (errno == EINTR)
                continue;
            throw_errno("read");
        }
        if (got == 0)
            break;
        const auto now = clk::now();
        if (!first)
            first = now;
        last = now;
        out.received += static_cast<std::uint64_t>(got);
    }
    pollfd pfd{c.pidfd.get(), POLLIN, 0};
    if (::poll(&pfd, 1, 30'000) <= 0) {
        stop_child(c, 0ms);
        out.error = "ssh did not exit within 30 s of closing its output";
        return out;
    }
    const auto e = reap(c);
    out.wall_s = seconds(clk::now() - t0);
    out.cpu_ms = cpu_ms(e.usage);
    if (first && last)
        out.stream_s = seconds(*last - *first);
    if (!WIFEXITED(e.status) || WEXITSTATUS(e.status) != 0)
        out.error = "ssh: " + describe_status(e.status);
    else if (out.received != bytes)
        out.error =
            "received " + std::to_string(out.received) + " bytes of " + std::to_string(bytes);
    return out;
}

struct memory_result {
    double heap_per_session = 0;  // fleetsh: mallinfo2 growth / K
    double rss_per_session = 0;   // fleetsh: RSS growth / K; ssh: RssAnon of one process (median)
    double vmrss_per_process = 0; // ssh: VmRSS of one process (median), shared pages included
    std::string error;
};

memory_result fleetsh_idle(const ssh::asio::client_options& base, int k, int c) {
    net::io_context io;
    memory_result out;
    std::vector<std::shared_ptr<ssh::asio::client>> clients;
    clients.reserve(static_cast<std::size_t>(k));
    int next = 0;
    auto worker = [&]() -> net::awaitable<void> {
        while (next < k) {
            ++next;
            auto [conn, err] = co_await ssh::asio::client::connect(io.get_executor(), base);
            if (err) {
                if (out.error.empty())
                    out.error = "connect: " + err.message;
                continue;
            }
            clients.push_back(std::move(conn));
        }
    };
    // malloc_trim before both readings: RSS then counts pages in use, not freed ones kept.
    ::malloc_trim(0);
    const double heap0 = heap_in_use();
    const double rss0 = self_rss_bytes();
    run_workers(io, std::min(c, k), worker, 600s);
    io.run_for(300ms); // idle: whatever the server sends after authentication is handled
    ::malloc_trim(0);
    const double heap1 = heap_in_use();
    const double rss1 = self_rss_bytes();
    const auto held = static_cast<double>(clients.size());
    for (auto& conn : clients) {
        if (!conn->is_open() && out.error.empty())
            out.error = "a connection closed while idle: " + conn->last_error().message;
        conn->close();
    }
    clients.clear();
    drain(io, "the idle sessions");
    if (held > 0) {
        out.heap_per_session = (heap1 - heap0) / held;
        out.rss_per_session = (rss1 - rss0) / held;
    }
    return out;
}

// K idle `ssh -N` processes (connected and authenticated, no channel: LocalCommand runs after
// authentication and tells us so); their own private memory.
memory_result ssh_idle(ssh_runner& openssh, int k, int c) {
    memory_result out;
    const auto argv =
        openssh.argv({"-N", "-o", "PermitLocalCommand=yes", "-o", "LocalCommand=echo ready"}, "");
    struct idle_ssh {
        child proc;
        unique_fd out;
        std::string text;
        bool ready = false;
    };
    std::vector<idle_ssh> procs;
    procs.reserve(static_cast<std::size_t>(k));
    auto stop_all = [&] {
        for (auto& p : procs)
            stop_child(p.proc);
    };
    int ready = 0;
    const auto deadline = clk::now() + 120s;
    while (ready < k) {
        // At most c connecting at a time, as the fleetsh side does.
        while (static_cast<int>(procs.size()) < k && static_cast<int>(procs.size()) - ready < c) {
            auto p = make_pipe();
            idle_ssh s;
            s.proc = openssh.start(argv, -1, p.write.get());
            s.out = std::move(p.read);
            procs.push_back(std::move(s));
        }
        std::vector<pollfd> fds;
        std::vector<idle_ssh*> waiting;
        for (auto& p : procs)
            if (!p.ready) {
                fds.push_back({p.out.get(), POLLIN, 0});
                waiting.push_back(&p);
            }
        const int left = static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clk::now()).count());
        if (left <= 0 || ::poll(fds.data(), fds.size(), left) == 0) {
            stop_all();
            out.error = "ssh -N: " + std::to_string(k - ready) + " of " + std::to_string(k) +
                        " not connected within 120 s";
            return out;
        }
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].revents == 0)
                continue;
            char buf[256];
            const ssize_t got = ::read(waiting[i]->out.get(), buf, sizeof buf);
            if (got <= 0) {
                stop_all();
                out.error = "ssh -N ended before it was connected";
                return out;
            }
            waiting[i]->text.append(buf, static_cast<std::size_t>(got));
            if (waiting[i]->text.find("ready\n") != std::string::npos) {
                waiting[i]->ready = true;
                ++ready;
            }
        }
    }
    std::this_thread::sleep_for(300ms); // idle, as on the fleetsh side
    std::vector<double> anon, rss;
    for (const auto& p : procs) {
        if (const auto v = proc_status_bytes(p.proc.pid, "RssAnon"))
            anon.push_back(*v);
        if (const auto v = proc_status_bytes(p.proc.pid, "VmRSS"))
            rss.push_back(*v);
    }
    stop_all();
    out.rss_per_session = summarize(anon).median;
    out.vmrss_per_process = summarize(rss).median;
    if (anon.empty())
        out.error = "could not read /proc/PID/status of the ssh processes";
    return out;
}

// ---------------------------------------------------------------------------------------------
// Running it

[[noreturn]] void give_up(const std::string& what, const sshd_fixture& sshd,
                          const ssh_runner& openssh) {
    std::cerr << "\nssh_client_bench: " << what << "\n";
    const auto ssh_log = openssh.log();
    if (!ssh_log.empty())
        std::cerr << "--- ssh stderr (last 30 lines) ---\n" << tail(ssh_log, 30);
    std::cerr << "--- sshd log (last 40 lines) ---\n" << tail(sshd.log(), 40) << "\n";
    std::exit(1);
}

void check(const batch_result& r, std::string_view who, const sshd_fixture& sshd,
           const ssh_runner& openssh) {
    if (r.failures > 0)
        give_up(std::string(who) + ": " + std::to_string(r.failures) +
                    " sessions failed; the first: " + r.first_error,
                sshd, openssh);
}

// Runs fleetsh then ssh on even repeats, ssh then fleetsh on odd ones.
template <typename Fleetsh, typename Ssh>
void interleave(int repeat, std::string_view what, Fleetsh run_fleetsh, Ssh run_ssh) {
    const bool progress = ::isatty(STDERR_FILENO) == 1;
    for (int r = 0; r < repeat; ++r) {
        if (progress)
            std::cerr << "  " << what << ": repeat " << (r + 1) << "/" << repeat << "\r"
                      << std::flush;
        if (r % 2 == 0) {
            run_fleetsh();
            run_ssh();
        } else {
            run_ssh();
            run_fleetsh();
        }
    }
    if (progress)
        std::cerr << std::string(60, ' ') << "\r" << std::flush;
}

std::string mib(std::uint64_t bytes) {
    if (bytes % (1 << 20) == 0)
        return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

int run(const config& cfg) {
    const auto started = clk::now();
    std::signal(SIGPIPE, SIG_IGN);
    if (::geteuid() != 0)
        std::cerr << "ssh_client_bench: not root; the sshd fixture may not be able to log in\n";

    test_common::temp_dir work("fleetsh-bench-");
    sshd_fixture sshd{test_common::sshd_options{
        .extra_options = {"MaxStartups=1000", "MaxSessions=1000", "LogLevel=ERROR",
                          "KexAlgorithms=curve25519-sha256", "HostKeyAlgorithms=ssh-ed25519",
                          "Ciphers=aes128-gcm@openssh.com"}}};
    ssh_runner openssh(sshd, work / "ssh-stderr.log");
    const auto base = fleetsh_options_for(sshd);
    auto ssh_version = test_common::run_command({"ssh", "-V"}).err;
    while (!ssh_version.empty() && ssh_version.back() == '\n')
        ssh_version.pop_back();

    // Both clients work, and agree on the algorithms, before anything is timed.
    std::optional<ssh::transport::negotiated_algorithms> algorithms;
    {
        net::io_context io;
        std::string error;
        auto probe = [&]() -> net::awaitable<void> {
            auto [conn, err] = co_await ssh::asio::client::connect(io.get_executor(), base);
            if (err) {
                error = "connect: " + err.message;
                co_return;
            }
            algorithms = conn->algorithms();
            const auto r = co_await conn->exec("echo ok", with_timeout(30s));
            if (r.error)
                error = "exec: " + r.error.message;
            else if (r.out != "ok\n" || r.exit_status != 0u)
                error = "exec `echo ok` gave '" + r.out + "'";
            conn->close();
        };
        run_workers(io, 1, probe, 60s);
        drain(io, "the first session");
        if (!error.empty())
            give_up("fleetsh's client cannot run a command: " + error, sshd, openssh);
        const auto r = test_common::run_command(openssh.argv({}, "echo ok"), std::nullopt, 30s);
        if (r.exit_code != 0 || r.out != "ok\n")
            give_up("ssh cannot run a command: " +
                        test_common::describe(openssh.argv({}, "echo ok"), r),
                    sshd, openssh);
    }

    const auto sshd_log_before = sshd.log().size();
    const int c = cfg.concurrency;
    std::cout << "ssh_client_bench: fleetsh's SSH client vs OpenSSH's ssh, against one throwaway "
                 "sshd on "
              << sshd.host() << ":" << sshd.port() << "\n"
              << "  ssh client:  " << ssh_version << "\n";
    if (algorithms)
        std::cout << "  negotiated:  " << algorithms->kex << ", " << algorithms->host_key << ", "
                  << algorithms->cipher_c2s
                  << " (the server allows only these), ed25519 user key\n";
    std::cout << "  runs:        sessions N=" << cfg.sessions << ", concurrency C=" << c
              << ", bulk " << mib(cfg.bytes) << ", idle K=" << cfg.idle << ", R=" << cfg.repeat
              << " repeats" << (cfg.quick ? " (--quick)" : "") << "\n"
              << "  method:      fleetsh and ssh runs interleaved, order alternating; each figure "
                 "is median [min-max]\n"
              << "               of the R repeats; ratio = median [min-max] of the R adjacent "
                 "pairs\n"
              << "  client CPU:  fleetsh: getrusage(RUSAGE_SELF) over the batch (one thread, one "
                 "io_context);\n"
              << "               ssh: user+sys of each ssh process (wait4 rusage), which "
                 "includes starting it\n"
              << "               (exec, dynamic linking, reading config and key): what a "
                 "fleet run with ssh pays per session.\n"
              << "               The sshd fixture's CPU (and the remote commands') is the same "
                 "server work for both\n"
              << "               clients and is NOT counted or compared.\n"
              << "  machine:     " << std::thread::hardware_concurrency()
              << " CPUs, load average at start " << load_average() << "\n\n"
              << std::flush;

    // 1. Sessions.
    auto section_start = clk::now();
    auto took = [&] {
        const auto now = clk::now();
        const auto text = " [" + number(seconds(now - section_start)) + " s]";
        section_start = now;
        return text;
    };
    series seq_rate, seq_cpu, con_rate, con_cpu;
    auto sessions_pass = [&](int conc, series& rate, series& cpu, std::string_view label) {
        interleave(
            cfg.repeat, label,
            [&] {
                const auto r = fleetsh_sessions(base, cfg.sessions, conc);
                check(r, "fleetsh", sshd, openssh);
                rate.fleetsh.push_back(cfg.sessions / r.wall_s);
                cpu.fleetsh.push_back(r.cpu_ms / cfg.sessions);
            },
            [&] {
                const auto r = ssh_sessions(openssh, cfg.sessions, conc);
                check(r, "ssh", sshd, openssh);
                rate.ssh.push_back(cfg.sessions / r.wall_s);
                cpu.ssh.push_back(r.cpu_ms / cfg.sessions);
            });
    };
    sessions_pass(1, seq_rate, seq_cpu, "sequential sessions");
    sessions_pass(c, con_rate, con_cpu, "concurrent sessions");

    std::cout << "1. sessions: connect, ed25519 publickey auth, exec `true`, close" << took()
              << "\n"
              << "   (sessions/s is mostly the local sshd's work, on the same CPUs: expect ratios "
                 "near 1;\n"
              << "   client CPU/session is the client's own cost)\n";
    print_header();
    print_row("sequential: sessions/s", seq_rate, better::higher, "faster");
    print_row("  client CPU ms/session", seq_cpu, better::lower, "less CPU");
    print_row("concurrent (C=" + std::to_string(c) + "): sessions/s", con_rate, better::higher,
              "faster");
    print_row("  client CPU ms/session", con_cpu, better::lower, "less CPU");
    std::cout << "\n" << std::flush;

    // 2. Bulk.
    series bulk_rate, stream_rate, bulk_cpu;
    const double mb = static_cast<double>(cfg.bytes) / 1e6;
    interleave(
        cfg.repeat, "bulk",
        [&] {
            const auto r = fleetsh_bulk(base, cfg.bytes);
            if (!r.error.empty())
                give_up("fleetsh bulk: " + r.error, sshd, openssh);
            bulk_rate.fleetsh.push_back(mb / r.wall_s);
            stream_rate.fleetsh.push_back(r.stream_s > 0 ? mb / r.stream_s : 0);
            bulk_cpu.fleetsh.push_back(r.cpu_ms);
        },
        [&] {
            const auto r = ssh_bulk(openssh, cfg.bytes);
            if (!r.error.empty())
                give_up("ssh bulk: " + r.error, sshd, openssh);
            bulk_rate.ssh.push_back(mb / r.wall_s);
            stream_rate.ssh.push_back(r.stream_s > 0 ? mb / r.stream_s : 0);
            bulk_cpu.ssh.push_back(r.cpu_ms);
        });
    std::cout << "2. bulk: one exec of `" << bulk_command(cfg.bytes) << "` (" << mib(cfg.bytes)
              << "), read fully" << took() << "\n"
              << "   (fleetsh: on_output counting bytes; ssh: stdout to a pipe we drain)\n";
    print_header();
    print_row("MB/s, incl. connect+auth+exit", bulk_rate, better::higher, "faster");
    print_row("MB/s, first to last byte", stream_rate, better::higher, "faster");
    print_row("client CPU ms, whole session", bulk_cpu, better::lower, "less CPU");
    std::cout << "\n" << std::flush;

    // 3. Idle memory.
    series heap, rss, ssh_vmrss;
    interleave(
        cfg.repeat, "idle memory",
        [&] {
            const auto r = fleetsh_idle(base, cfg.idle, c);
            if (!r.error.empty())
                give_up("fleetsh idle: " + r.error, sshd, openssh);
            heap.fleetsh.push_back(r.heap_per_session / 1024);
            rss.fleetsh.push_back(r.rss_per_session / 1024);
        },
        [&] {
            const auto r = ssh_idle(openssh, cfg.idle, c);
            if (!r.error.empty())
                give_up(r.error, sshd, openssh);
            heap.ssh.push_back(r.rss_per_session / 1024);
            rss.ssh.push_back(r.rss_per_session / 1024);
            ssh_vmrss.ssh.push_back(r.vmrss_per_process / 1024);
        });
    std::cout << "3. idle memory: one connected, authenticated, idle session (no channel), K="
              << cfg.idle << " held at once" << took() << "\n"
              << "   fleetsh: growth of this process / K, heap = mallinfo2 in-use bytes, RSS from "
                 "/proc/self/statm\n"
              << "   ssh:     one `ssh -N` process's private memory (RssAnon), median over the K "
                 "processes\n";
    print_header();
    print_row("heap KiB/session vs ssh RssAnon", heap, better::lower, "less memory");
    print_row("RSS KiB/session vs ssh RssAnon", rss, better::lower, "less memory");
    std::cout << pad("  ssh VmRSS KiB/process (shared too)", 36) << pad("", 26)
              << pad(figure(summarize(ssh_vmrss.ssh)), 26) << "\n\n";

    // The fixture's sshd runs at LogLevel ERROR: anything it logged during the measurements is
    // worth a look (earlier lines come from the fixture's readiness probe, which hangs up after
    // the banner: "kex_exchange_identification: Connection closed by remote host").
    const auto full_log = sshd.log();
    const auto sshd_log = full_log.substr(std::min(sshd_log_before, full_log.size()));
    if (sshd_log.find_first_not_of(" \n") != std::string::npos)
        note("the sshd logged errors; its last lines:\n" + tail(sshd_log, 10));
    if (!oddities.empty()) {
        std::cout << "noted during the run:\n";
        for (const auto& o : oddities)
            std::cout << "  - " << o << "\n";
        std::cout << "\n";
    }
    std::cout << "load average at end " << load_average() << "; total "
              << number(seconds(clk::now() - started)) << " s\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const config cfg = parse_args(argc, argv);
    try {
        return run(cfg);
    } catch (const std::exception& e) {
        std::cerr << "ssh_client_bench: " << e.what() << "\n";
        return 1;
    }
}
