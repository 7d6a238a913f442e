#include "measurements.hpp"

#include <bench/client_runs.hpp>
#include <bench/proc.hpp>
#include <bench/report.hpp>

#include <ssh/asio/client.hpp>

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

namespace sim_bench {

namespace net = boost::asio;
using namespace std::chrono_literals;
using namespace bench;

std::optional<ssh::transport::negotiated_algorithms> probe(const server& s, std::string& error) {
    net::io_context io;
    std::optional<ssh::transport::negotiated_algorithms> out;
    auto job = [&]() -> net::awaitable<void> {
        auto o = s.base;
        o.port = s.ports.front();
        auto [conn, err] = co_await ssh::asio::client::connect(io.get_executor(), std::move(o));
        if (err) {
            error = err.message;
            co_return;
        }
        out = conn->algorithms();
        conn->close();
    };
    run_workers(io, 1, job, 60s);
    drain(io, "the probe");
    s.settle("the probe");
    return out;
}

double idle_rss(pid_t pid) {
    std::optional<double> last;
    const auto deadline = clk::now() + 5s;
    for (;;) {
        std::this_thread::sleep_for(250ms);
        const auto now = proc_status_bytes(pid, "VmRSS");
        if (!now)
            throw std::runtime_error("cannot read VmRSS of " + std::to_string(pid));
        if ((last && *last == *now) || clk::now() > deadline)
            return *now;
        last = now;
    }
}

namespace {

// Opens k connections, c at a time, to the server's first k ports (distinct devices of a
// simulator, sshd's one port), keeps them idle for a moment, calls measure() while they are
// held, then closes them.
void hold_idle(const server& s, int k, int c, const std::function<void()>& measure) {
    net::io_context io;
    std::vector<std::shared_ptr<ssh::asio::client>> clients;
    std::string error;
    int next = 0;
    auto worker = [&]() -> net::awaitable<void> {
        while (next < k) {
            const auto i = static_cast<std::size_t>(next++);
            auto o = s.base;
            o.port = s.ports[i % s.ports.size()];
            auto [conn, err] = co_await ssh::asio::client::connect(io.get_executor(), std::move(o));
            if (err) {
                if (error.empty())
                    error = "connect: " + err.message;
                continue;
            }
            clients.push_back(std::move(conn));
        }
    };
    run_workers(io, std::min(c, k), worker, 600s);
    io.run_for(300ms); // idle: whatever either side sends after authentication is handled
    for (const auto& conn : clients)
        if (!conn->is_open() && error.empty())
            error = "a connection closed while idle: " + conn->last_error().message;
    if (error.empty())
        measure();
    for (auto& conn : clients)
        conn->close();
    clients.clear();
    drain(io, "the idle connections");
    s.settle("the idle connections were");
    if (!error.empty())
        give_up(s.name + ": " + error, {&s});
}

} // namespace

idle_result sim_idle(const server& sim, int k, int c) {
    sim.settle("earlier connections were");
    const double rss0 = idle_rss(sim.pid);
    const double private0 = private_bytes(sim.pid).value_or(0);
    idle_result out;
    hold_idle(sim, k, c, [&] {
        out.rss = (proc_status_bytes(sim.pid, "VmRSS").value_or(0) - rss0) / k;
        out.private_mem = (private_bytes(sim.pid).value_or(0) - private0) / k;
    });
    return out;
}

idle_result sshd_idle(const server& sshd, int k, int c) {
    sshd.settle("earlier connections were");
    idle_result out;
    hold_idle(sshd, k, c, [&] {
        std::vector<double> priv, pss, rss, count;
        for (const auto& session : child_process_groups(sshd.pid)) {
            double p = 0, s = 0, r = 0;
            for (const pid_t pid : session) {
                p += private_bytes(pid).value_or(0);
                s += smaps_rollup_bytes(pid, "Pss").value_or(0);
                r += proc_status_bytes(pid, "VmRSS").value_or(0);
            }
            priv.push_back(p);
            pss.push_back(s);
            rss.push_back(r / static_cast<double>(session.size()));
            count.push_back(static_cast<double>(session.size()));
        }
        if (static_cast<int>(priv.size()) != k)
            note("sshd: " + std::to_string(priv.size()) + " session process groups for " +
                 std::to_string(k) + " connections");
        out.private_mem = summarize(priv).median;
        out.pss = summarize(pss).median;
        out.vm_rss_per_process = summarize(rss).median;
        out.processes = summarize(count).median;
    });
    return out;
}

handshake_result handshakes(const server& s, int n, int c, std::size_t first) {
    net::io_context io;
    int next = 0, failures = 0;
    std::string first_error;
    auto worker = [&]() -> net::awaitable<void> {
        while (next < n) {
            const auto i = first + static_cast<std::size_t>(next++);
            auto o = s.base;
            o.port = s.ports[i % s.ports.size()];
            auto [conn, err] = co_await ssh::asio::client::connect(io.get_executor(), std::move(o));
            if (err) {
                if (failures++ == 0)
                    first_error = err.message;
                continue;
            }
            conn->close();
        }
    };
    s.settle("earlier connections were");
    handshake_result out;
    const double server0 = s.cpu_ms();
    const double client0 = self_cpu_ms();
    const auto t0 = clk::now();
    run_workers(io, std::min(c, n), worker, 600s);
    out.wall_s = seconds(clk::now() - t0);
    drain(io, "the handshakes");
    out.client_cpu_ms = self_cpu_ms() - client0;
    s.settle("the handshakes");
    out.server_cpu_ms = s.cpu_ms() - server0;
    if (failures > 0)
        give_up(s.name + ": " + std::to_string(failures) + " of " + std::to_string(n) +
                    " handshakes failed; the first: " + first_error,
                {&s});
    return out;
}

} // namespace sim_bench
