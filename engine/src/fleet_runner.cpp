#include <engine/classify.hpp>
#include <engine/fleet_runner.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <deque>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <thread>

namespace engine {
namespace net = boost::asio;

namespace {

// One thread's io_context and what a stop needs to reach its running tasks. Touched only
// on its own thread once run() has started it, except `io` (posting is thread-safe).
struct context_state {
    net::io_context io{1};
    std::set<std::shared_ptr<net::cancellation_signal>> running;
    std::optional<net::steady_timer> grace;
    std::size_t workers = 0;
};

} // namespace

struct fleet_runner::state {
    std::mutex mutex;
    std::deque<std::size_t> pending;
    std::vector<std::string> platforms;
    std::map<std::string, std::size_t> running_per_platform;
    std::size_t running = 0;
    std::atomic<bool> stop{false};
    std::chrono::milliseconds grace{0};
    std::vector<std::unique_ptr<context_state>> contexts; // while run() runs

    // The first pending device whose platform is under its limit, if the global limit
    // allows one more; nullopt otherwise.
    std::optional<std::size_t> take(const run_limits& limits) {
        std::lock_guard lock(mutex);
        if (stop || running >= limits.concurrency)
            return std::nullopt;
        for (auto it = pending.begin(); it != pending.end(); ++it) {
            const auto& platform = platforms[*it];
            const auto limit = limits.per_platform.find(platform);
            if (limit != limits.per_platform.end() &&
                running_per_platform[platform] >= limit->second)
                continue;
            const auto device = *it;
            pending.erase(it);
            ++running;
            ++running_per_platform[platform];
            return device;
        }
        return std::nullopt;
    }
    void release(std::size_t device) {
        std::lock_guard lock(mutex);
        --running;
        --running_per_platform[platforms[device]];
    }
    bool drained() {
        std::lock_guard lock(mutex);
        return pending.empty() || stop;
    }
};

namespace {

std::chrono::milliseconds backoff(const retry_policy& r, unsigned failed_attempts,
                                  std::minstd_rand& random) {
    auto delay = r.first_delay;
    for (unsigned i = 1; i < failed_attempts && delay < r.max_delay; ++i)
        delay *= 2;
    delay = std::min(delay, r.max_delay);
    const double jitter = std::clamp(r.jitter, 0.0, 1.0);
    std::uniform_real_distribution<double> share(1.0 - jitter, 1.0);
    return std::chrono::milliseconds(
        static_cast<std::int64_t>(static_cast<double>(delay.count()) * share(random)));
}

// Runs one attempt, cancellable through `signal`; an exception from the task counts as a
// protocol error of that device, never as the end of the run.
net::awaitable<boost::system::error_code> attempt_once(const fleet_runner::task& run_device,
                                                       std::size_t device, unsigned attempt,
                                                       net::cancellation_signal& signal) {
    const auto ex = co_await net::this_coro::executor;
    auto [failure, ec] = co_await net::co_spawn(
        ex, run_device(device, attempt),
        net::bind_cancellation_slot(signal.slot(), net::as_tuple(net::use_awaitable)));
    if (failure)
        co_return make_error_code(device_errc::protocol_error);
    co_return ec;
}

} // namespace

fleet_runner::fleet_runner(run_limits limits, retry_policy retries)
    : limits_(std::move(limits))
    , retries_(retries)
    , state_(std::make_shared<state>()) {
    if (limits_.concurrency == 0)
        limits_.concurrency = 1;
}

fleet_runner::~fleet_runner() = default;

bool fleet_runner::stop_requested() const noexcept {
    return state_->stop;
}

void fleet_runner::request_stop(std::chrono::milliseconds grace) {
    std::lock_guard lock(state_->mutex);
    if (state_->stop.exchange(true))
        return;
    state_->grace = grace;
    for (auto& c : state_->contexts) {
        net::post(c->io, [cs = c.get(), grace] {
            if (cs->workers == 0)
                return;
            cs->grace.emplace(cs->io, grace);
            cs->grace->async_wait([cs](boost::system::error_code ec) {
                if (ec)
                    return;
                // Copies: a cancelled task's worker erases its signal from the set.
                const auto running = cs->running;
                for (const auto& signal : running)
                    signal->emit(net::cancellation_type::terminal);
            });
        });
    }
}

void fleet_runner::run(const std::vector<std::string>& platforms, task run_device,
                       done_handler on_done) {
    auto& s = *state_;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const unsigned threads =
        std::max<unsigned>(1, std::min<std::size_t>(limits_.threads ? limits_.threads : cores,
                                                    std::max<std::size_t>(platforms.size(), 1)));
    const std::size_t workers_per_thread = (limits_.concurrency + threads - 1) / threads;
    {
        std::lock_guard lock(s.mutex);
        s.platforms = platforms;
        s.pending.clear();
        for (std::size_t i = 0; i < platforms.size(); ++i)
            s.pending.push_back(i);
        for (unsigned t = 0; t < threads; ++t)
            s.contexts.push_back(std::make_unique<context_state>());
    }

    const auto worker = [&](context_state& cs, unsigned seed) -> net::awaitable<void> {
        const auto ex = co_await net::this_coro::executor;
        net::steady_timer wait(ex);
        std::minstd_rand random(seed);
        while (!s.drained()) {
            const auto device = s.take(limits_);
            if (!device) {
                // Every slot is busy (or this device's platform is at its limit): look again
                // shortly. Running tasks have deadlines, so slots do come free.
                wait.expires_after(std::chrono::milliseconds(5));
                co_await wait.async_wait(net::as_tuple(net::use_awaitable));
                continue;
            }
            auto signal = std::make_shared<net::cancellation_signal>();
            cs.running.insert(signal);
            device_done done{*device, {}, 0};
            for (;;) {
                done.error = co_await attempt_once(run_device, *device, ++done.attempts, *signal);
                if (!done.error || done.attempts >= retries_.attempts ||
                    !is_transient(classify(done.error)) || s.stop)
                    break;
                // In slices, so that a stop ends the wait at once rather than after it.
                const auto until =
                    std::chrono::steady_clock::now() + backoff(retries_, done.attempts, random);
                while (!s.stop && std::chrono::steady_clock::now() < until) {
                    wait.expires_at(std::min(until, std::chrono::steady_clock::now() +
                                                        std::chrono::milliseconds(50)));
                    co_await wait.async_wait(net::as_tuple(net::use_awaitable));
                }
                if (s.stop)
                    break;
            }
            cs.running.erase(signal);
            s.release(*device);
            on_done(done);
        }
        if (--cs.workers == 0 && cs.grace)
            cs.grace->cancel(); // a pending grace timer must not keep this thread alive
    };

    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        auto& cs = *s.contexts[t];
        cs.workers = workers_per_thread;
        for (std::size_t w = 0; w < workers_per_thread; ++w)
            net::co_spawn(cs.io, worker(cs, static_cast<unsigned>(t * 7919 + w + 1)),
                          net::detached);
        pool.emplace_back([&cs] { cs.io.run(); });
    }
    for (auto& thread : pool)
        thread.join();

    std::deque<std::size_t> never_started;
    {
        std::lock_guard lock(s.mutex);
        never_started.swap(s.pending);
        s.contexts.clear();
    }
    for (const auto device : never_started)
        on_done({device, make_error_code(device_errc::interrupted), 0});
}

} // namespace engine
