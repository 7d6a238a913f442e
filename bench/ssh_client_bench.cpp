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

#include <bench/child.hpp>
#include <bench/client_runs.hpp>
#include <bench/command_line.hpp>
#include <bench/interleave.hpp>
#include <bench/proc.hpp>
#include <bench/report.hpp>
#include <bench/run_frame.hpp>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <unistd.h>

#include <ssh/asio/client.hpp>
#include <test_common/process.hpp>
#include <test_common/run_command.hpp>
#include <test_common/sshd_fixture.hpp>
#include <test_common/temp_dir.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace {

namespace net = boost::asio;
using namespace std::chrono_literals;
using namespace bench;
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

config parse_args(int argc, char** argv) {
    const command_line line(argc, argv, "ssh_client_bench", usage_text);
    config cfg;
    // --quick sets the defaults; explicit flags override them wherever they appear.
    if (line.has("--quick")) {
        cfg.quick = true;
        cfg.sessions = 10;
        cfg.bytes = std::uint64_t{8} << 20;
        cfg.repeat = 3;
        cfg.idle = 10;
    }
    line.for_each_value({"--quick"}, [&](std::string_view flag, std::string_view value) {
        if (flag == "--sessions")
            cfg.sessions = line.count(flag, value, 1, 100'000);
        else if (flag == "--concurrency")
            cfg.concurrency = line.count(flag, value, 1, 500);
        else if (flag == "--repeat")
            cfg.repeat = line.count(flag, value, 1, 1000);
        else if (flag == "--idle")
            cfg.idle = line.count(flag, value, 1, 500);
        else if (flag == "--bytes") {
            const auto size = parse_size(value);
            if (!size)
                line.fail("--bytes wants a size such as 67108864, 64M or 64MiB, not '" +
                          std::string(value) + "'");
            cfg.bytes = *size;
        } else
            return false;
        return true;
    });
    return cfg;
}

// ---------------------------------------------------------------------------------------------
// OpenSSH's ssh

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
        env_ = environment_without({"SSH_AUTH_SOCK"});
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
        return spawn_child({.program = program_,
                            .argv = argv,
                            .env = env_,
                            .stdin_fd = stdin_fd,
                            .stdout_fd = stdout_fd,
                            .stderr_fd = log_.get()});
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
    unique_fd log_;
};

// ---------------------------------------------------------------------------------------------
// fleetsh's client

// Strict host key checking against the fixture's known_hosts, its ed25519 client key: what the
// ssh command line says too.
ssh::asio::client_options fleetsh_options_for(const sshd_fixture& sshd) {
    auto o = publickey_options(sshd.user(), sshd.client_key_path(test_common::key_type::ed25519),
                               sshd.known_hosts_path());
    o.host = sshd.host();
    o.port = sshd.port();
    return o;
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

int run(const config& cfg) {
    const auto started = clk::now();
    prepare_run("ssh_client_bench");

    test_common::temp_dir work("fleetsh-bench-");
    sshd_fixture sshd{bench_sshd_options()};
    ssh_runner openssh(sshd, work / "ssh-stderr.log");
    const auto base = fleetsh_options_for(sshd);
    const auto ssh_version = openssh_version();

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
    const table figures; // fleetsh, ssh
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
              << method_lines("fleetsh and ssh")
              << "  client CPU:  fleetsh: getrusage(RUSAGE_SELF) over the batch (one thread, one "
                 "io_context);\n"
              << "               ssh: user+sys of each ssh process (wait4 rusage), which "
                 "includes starting it\n"
              << "               (exec, dynamic linking, reading config and key): what a "
                 "fleet run with ssh pays per session.\n"
              << "               The sshd fixture's CPU (and the remote commands') is the same "
                 "server work for both\n"
              << "               clients and is NOT counted or compared.\n"
              << machine_line() << "\n"
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
                rate.openssh.push_back(cfg.sessions / r.wall_s);
                cpu.openssh.push_back(r.cpu_ms / cfg.sessions);
            });
    };
    sessions_pass(1, seq_rate, seq_cpu, "sequential sessions");
    sessions_pass(c, con_rate, con_cpu, "concurrent sessions");

    std::cout << "1. sessions: connect, ed25519 publickey auth, exec `true`, close" << took()
              << "\n"
              << "   (sessions/s is mostly the local sshd's work, on the same CPUs: expect ratios "
                 "near 1;\n"
              << "   client CPU/session is the client's own cost)\n";
    figures.print_header(std::cout);
    figures.print_row(std::cout, "sequential: sessions/s", seq_rate, better::higher, "faster");
    figures.print_row(std::cout, "  client CPU ms/session", seq_cpu, better::lower, "less CPU");
    figures.print_row(std::cout, "concurrent (C=" + std::to_string(c) + "): sessions/s", con_rate,
                      better::higher, "faster");
    figures.print_row(std::cout, "  client CPU ms/session", con_cpu, better::lower, "less CPU");
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
            bulk_rate.openssh.push_back(mb / r.wall_s);
            stream_rate.openssh.push_back(r.stream_s > 0 ? mb / r.stream_s : 0);
            bulk_cpu.openssh.push_back(r.cpu_ms);
        });
    std::cout << "2. bulk: one exec of `" << bulk_command(cfg.bytes) << "` (" << mib(cfg.bytes)
              << "), read fully" << took() << "\n"
              << "   (fleetsh: on_output counting bytes; ssh: stdout to a pipe we drain)\n";
    figures.print_header(std::cout);
    figures.print_row(std::cout, "MB/s, incl. connect+auth+exit", bulk_rate, better::higher,
                      "faster");
    figures.print_row(std::cout, "MB/s, first to last byte", stream_rate, better::higher, "faster");
    figures.print_row(std::cout, "client CPU ms, whole session", bulk_cpu, better::lower,
                      "less CPU");
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
            heap.openssh.push_back(r.rss_per_session / 1024);
            rss.openssh.push_back(r.rss_per_session / 1024);
            ssh_vmrss.openssh.push_back(r.vmrss_per_process / 1024);
        });
    std::cout << "3. idle memory: one connected, authenticated, idle session (no channel), K="
              << cfg.idle << " held at once" << took() << "\n"
              << "   fleetsh: growth of this process / K, heap = mallinfo2 in-use bytes, RSS from "
                 "/proc/self/statm\n"
              << "   ssh:     one `ssh -N` process's private memory (RssAnon), median over the K "
                 "processes\n";
    figures.print_header(std::cout);
    figures.print_row(std::cout, "heap KiB/session vs ssh RssAnon", heap, better::lower,
                      "less memory");
    figures.print_row(std::cout, "RSS KiB/session vs ssh RssAnon", rss, better::lower,
                      "less memory");
    std::cout << pad("  ssh VmRSS KiB/process (shared too)", 36) << pad("", 26)
              << pad(figure(summarize(ssh_vmrss.openssh)), 26) << "\n\n";

    // The fixture's sshd runs at LogLevel ERROR: anything it logged during the measurements is
    // worth a look (earlier lines come from the fixture's readiness probe, which hangs up after
    // the banner: "kex_exchange_identification: Connection closed by remote host").
    const auto sshd_log = sshd_log_since(sshd, sshd_log_before);
    if (sshd_log.find_first_not_of(" \n") != std::string::npos)
        note("the sshd logged errors; its last lines:\n" + tail(sshd_log, 10));
    print_run_end(std::cout, started);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const config cfg = parse_args(argc, argv);
    return run_reporting_errors("ssh_client_bench", [&] { return run(cfg); });
}
