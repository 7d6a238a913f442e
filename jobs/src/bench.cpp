#include <sys/resource.h>
#include <unistd.h>

#include <engine/classify.hpp>
#include <engine/device_error.hpp>
#include <jobs/bench.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>

namespace jobs {
namespace {

namespace net = boost::asio;
using clock = std::chrono::steady_clock;
using std::chrono::microseconds;

std::int64_t us_between(clock::time_point a, clock::time_point b) {
    return std::chrono::duration_cast<microseconds>(b - a).count();
}

double cpu_seconds_now() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    const auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(u.ru_utime) + seconds(u.ru_stime);
}

std::int64_t peak_rss_kib() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss; // KiB on Linux
}

// The commands of one connection, and their timings summed for the sample's means.
struct command_totals {
    std::uint64_t done = 0, bytes = 0;
    std::int64_t open_us = 0, first_byte_us = 0, complete_us = 0;
    boost::system::error_code error;
    std::string message;

    void add(const ssh::asio::exec_result& r, std::uint64_t streamed) {
        if (r.error || r.exit_status.value_or(0) != 0) {
            if (!error) {
                error = r.error ? r.error.code : make_error_code(engine::device_errc::device_error);
                message =
                    r.error ? r.error.message : "exit status " + std::to_string(*r.exit_status);
            }
            return;
        }
        ++done;
        bytes += streamed + r.out.size() + r.err.size();
        open_us += r.timings.opened.count();
        first_byte_us += r.timings.first_byte.count();
        complete_us += r.timings.closed.count();
    }
    void into(bench_sample& s) const {
        s.commands = done;
        s.bytes = bytes;
        if (done == 0)
            return;
        const auto n = static_cast<std::int64_t>(done);
        s.phases_us["open"] = open_us / n;
        s.phases_us["first_byte"] = first_byte_us / n;
        s.phases_us["complete"] = complete_us / n;
    }
};

net::awaitable<void> run_commands(ssh::asio::client& c, const std::string& command,
                                  const bench_settings& s, command_totals& totals) {
    ssh::asio::exec_options o;
    o.timeout = s.timeout;
    switch (s.workload) {
    case bench_workload::idle: // runs no command (hold_idle)
        break;
    case bench_workload::sessions:
        totals.add(co_await c.exec(command, o), 0);
        break;
    case bench_workload::commands:
        for (std::size_t i = 0; i < s.commands_per_connection && !totals.error; ++i)
            totals.add(co_await c.exec(command, o), 0);
        break;
    case bench_workload::bulk: {
        std::uint64_t streamed = 0;
        o.on_output = [&](ssh::connection::data_stream, std::string_view bytes) {
            streamed += bytes.size();
        };
        totals.add(co_await c.exec(command, o), streamed);
        break;
    }
    case bench_workload::channels: {
        // K execs at once on this connection's executor; the timer wakes us when the last ends.
        const auto ex = co_await net::this_coro::executor;
        std::size_t left = s.channels_per_connection;
        net::steady_timer all_done(ex, clock::time_point::max());
        for (std::size_t i = 0; i < s.channels_per_connection; ++i)
            net::co_spawn(ex, c.exec(command, o),
                          [&](std::exception_ptr, ssh::asio::exec_result r) {
                              totals.add(r, 0);
                              if (--left == 0)
                                  all_done.cancel();
                          });
        while (left > 0)
            co_await all_done.async_wait(net::as_tuple(net::use_awaitable));
        break;
    }
    }
}

std::int64_t current_rss_kib() {
    std::ifstream statm("/proc/self/statm");
    std::int64_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

// Every device of the idle workload arrives here with its sessions open; the last one reads
// the RSS and releases them all.
struct idle_barrier {
    std::size_t expected = 0;
    std::atomic<std::size_t> arrived{0};
    std::atomic<std::uint64_t> sessions{0};
    std::atomic<std::int64_t> rss_kib{0};
    std::atomic<bool> released{false};

    void arrive(std::size_t held) {
        sessions += held;
        if (++arrived == expected) {
            rss_kib = current_rss_kib();
            released = true;
        }
    }
};

net::awaitable<void> hold_idle(const collect_target& t, const bench_settings& s,
                               idle_barrier& barrier, bench_sample& sample,
                               boost::system::error_code& error) {
    const auto ex = co_await net::this_coro::executor;
    std::vector<std::shared_ptr<ssh::asio::client>> held;
    for (std::size_t i = 0; i < s.idle_sessions_per_device && !error; ++i) {
        auto [client, err] = co_await ssh::asio::client::connect(ex, t.plan.connection);
        if (!client) {
            error = err.code;
            sample.error_message = err.message;
            break;
        }
        if (held.empty()) {
            const auto& ct = client->timings();
            sample.phases_us = {
                {"tcp", ct.tcp.count()}, {"kex", ct.kex.count()}, {"auth", ct.auth.count()}};
        }
        held.push_back(std::move(client));
    }
    barrier.arrive(held.size());
    // Until every device has arrived, or the deadline: the sessions stay open, idle.
    net::steady_timer poll(ex);
    const auto until = clock::now() + s.timeout;
    while (!barrier.released && clock::now() < until) {
        poll.expires_after(std::chrono::milliseconds(10));
        co_await poll.async_wait(net::as_tuple(net::use_awaitable));
    }
    for (auto& c : held)
        c->close();
}

net::awaitable<boost::system::error_code> run_device(const collect_target& t,
                                                     const bench_settings& s,
                                                     clock::time_point origin, bench_sample& sample,
                                                     idle_barrier& idle) {
    sample.start_us = us_between(origin, clock::now());
    if (s.workload == bench_workload::idle) {
        boost::system::error_code error;
        co_await hold_idle(t, s, idle, sample, error);
        sample.end_us = us_between(origin, clock::now());
        if (error)
            sample.error_class = engine::error_class_name(engine::classify(error));
        co_return error;
    }
    auto [client, err] =
        co_await ssh::asio::client::connect(co_await net::this_coro::executor, t.plan.connection);
    boost::system::error_code error = err.code;
    sample.error_message = err.message;
    if (client) {
        const auto& ct = client->timings();
        sample.phases_us["tcp"] = ct.tcp.count();
        sample.phases_us["kex"] = ct.kex.count();
        sample.phases_us["auth"] = ct.auth.count();
        command_totals totals;
        co_await run_commands(*client, t.plan.commands.front(), s, totals);
        totals.into(sample);
        error = totals.error;
        sample.error_message = totals.message;
        client->close();
    }
    sample.end_us = us_between(origin, clock::now());
    if (error)
        sample.error_class = engine::error_class_name(engine::classify(error));
    else
        sample.error_message.clear();
    co_return error;
}

} // namespace

std::string_view workload_name(bench_workload w) noexcept {
    switch (w) {
    case bench_workload::sessions:
        return "sessions";
    case bench_workload::commands:
        return "commands";
    case bench_workload::channels:
        return "channels";
    case bench_workload::bulk:
        return "bulk";
    case bench_workload::idle:
        return "idle";
    }
    return "unknown";
}

percentiles percentiles_of(std::vector<std::int64_t> values_us) {
    percentiles p;
    if (values_us.empty())
        return p;
    std::sort(values_us.begin(), values_us.end());
    const auto at = [&](double q) {
        // Nearest rank: the smallest value with at least q of the values at or below it.
        const auto rank =
            static_cast<std::size_t>(std::ceil(q * static_cast<double>(values_us.size())));
        return static_cast<double>(
                   values_us[std::clamp<std::size_t>(rank, 1, values_us.size()) - 1]) /
               1000.0;
    };
    p.count = static_cast<std::int64_t>(values_us.size());
    p.p50 = at(0.50);
    p.p90 = at(0.90);
    p.p99 = at(0.99);
    p.max = static_cast<double>(values_us.back()) / 1000.0;
    double sum = 0;
    for (auto v : values_us)
        sum += static_cast<double>(v);
    p.mean = sum / static_cast<double>(values_us.size()) / 1000.0;
    return p;
}

bench_result run_bench(const std::vector<collect_target>& targets, const bench_settings& s) {
    bench_result r;
    r.workload = s.workload;
    r.concurrency = s.concurrency;
    r.devices = targets.size();
    r.samples.resize(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        r.samples[i].target = i;
        r.samples[i].name = targets[i].name;
    }

    engine::run_limits limits;
    limits.concurrency = s.workload == bench_workload::idle
                             ? std::max<std::size_t>(targets.size(), 1)
                             : std::max<std::size_t>(s.concurrency, 1);
    limits.threads = s.threads;
    idle_barrier idle;
    idle.expected = targets.size();
    r.rss_before_kib = current_rss_kib();
    engine::retry_policy once;
    once.attempts = 1; // a bench counts failures; it does not hide them
    engine::fleet_runner runner{limits, once};
    std::vector<std::string> platforms;
    for (const auto& t : targets)
        platforms.push_back(t.platform);

    const double cpu_before = cpu_seconds_now();
    const auto origin = clock::now();
    // Each sample is written by the one thread that runs its device, read after run() returns.
    runner.run(
        platforms,
        [&](std::size_t i, unsigned) {
            return run_device(targets[i], s, origin, r.samples[i], idle);
        },
        [](const engine::device_done&) {});
    r.wall_seconds = static_cast<double>(us_between(origin, clock::now())) / 1e6;
    r.cpu_seconds = cpu_seconds_now() - cpu_before;
    r.peak_rss_kib = peak_rss_kib();
    if (s.workload == bench_workload::idle) {
        r.concurrency = targets.size();
        r.idle_sessions = idle.sessions;
        r.rss_idle_kib = idle.rss_kib;
        r.kib_per_idle_session = r.idle_sessions > 0
                                     ? static_cast<double>(r.rss_idle_kib - r.rss_before_kib) /
                                           static_cast<double>(r.idle_sessions)
                                     : 0;
    }

    std::map<std::string, std::vector<std::int64_t>> phase_values;
    for (const auto& sample : r.samples) {
        if (sample.error_class.empty())
            ++r.ok;
        else {
            ++r.failed;
            ++r.errors[sample.error_class];
        }
        r.commands += sample.commands;
        r.bytes += sample.bytes;
        for (const auto& [phase, us] : sample.phases_us)
            phase_values[phase].push_back(us);
    }
    for (auto& [phase, values] : phase_values)
        r.phases[phase] = percentiles_of(std::move(values));
    const double wall = std::max(r.wall_seconds, 1e-9);
    const auto counted = s.workload == bench_workload::sessions ? r.ok
                         : s.workload == bench_workload::idle   ? r.idle_sessions
                                                                : r.commands;
    r.rate = static_cast<double>(counted) / wall;
    r.megabytes_per_second = static_cast<double>(r.bytes) / 1e6 / wall;
    r.cpu_ms_per_session = r.ok > 0 ? r.cpu_seconds * 1000.0 / static_cast<double>(r.ok) : 0;
    return r;
}

} // namespace jobs
