// The fleet runner with tasks that only wait on timers: limits, retries, stop and failures.
#include <engine/classify.hpp>
#include <engine/fleet_runner.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <mutex>
#include <thread>

namespace net = boost::asio;
using namespace std::chrono_literals;
using engine::device_errc;

namespace {

// Holds the count of tasks running at once and the highest it reached.
struct gauge {
    std::atomic<int> now{0};
    std::atomic<int> peak{0};
    void enter() {
        const int n = ++now;
        int seen = peak;
        while (n > seen && !peak.compare_exchange_weak(seen, n))
            ;
    }
    void leave() { --now; }
};

// Waits `d` (cancellable); returns interrupted if cancelled.
net::awaitable<boost::system::error_code> pause(std::chrono::milliseconds d) {
    net::steady_timer t(co_await net::this_coro::executor, d);
    auto [ec] = co_await t.async_wait(net::as_tuple(net::use_awaitable));
    co_return ec ? make_error_code(device_errc::interrupted) : boost::system::error_code{};
}

std::string_view class_of(const boost::system::error_code& ec) {
    return engine::error_class_name(engine::classify(ec));
}

struct outcomes {
    std::mutex mutex;
    std::vector<engine::device_done> done;
    engine::fleet_runner::done_handler handler() {
        return [this](const engine::device_done& d) {
            std::lock_guard lock(mutex);
            done.push_back(d);
        };
    }
    const engine::device_done& of(std::size_t device) const {
        for (const auto& d : done)
            if (d.device == device)
                return d;
        throw std::runtime_error("device " + std::to_string(device) + " never reported");
    }
};

engine::retry_policy quick_retries() {
    engine::retry_policy r;
    r.first_delay = 1ms;
    r.max_delay = 4ms;
    return r;
}

} // namespace

BOOST_AUTO_TEST_SUITE(fleet_runner)

BOOST_AUTO_TEST_CASE(every_device_once_within_the_global_limit) {
    engine::run_limits limits;
    limits.concurrency = 5;
    limits.threads = 2;
    engine::fleet_runner runner{limits, quick_retries()};
    gauge g;
    outcomes out;
    runner.run(
        std::vector<std::string>(60, "linux"),
        [&](std::size_t, unsigned) -> net::awaitable<boost::system::error_code> {
            g.enter();
            auto ec = co_await pause(3ms);
            g.leave();
            co_return ec;
        },
        out.handler());
    BOOST_REQUIRE_EQUAL(out.done.size(), 60u);
    for (std::size_t i = 0; i < 60; ++i) {
        BOOST_TEST(!out.of(i).error);
        BOOST_TEST(out.of(i).attempts == 1u);
    }
    BOOST_TEST(g.peak <= 5);
    BOOST_TEST(g.peak >= 2); // the devices did overlap
}

BOOST_AUTO_TEST_CASE(per_platform_limit) {
    engine::run_limits limits;
    limits.concurrency = 8;
    limits.per_platform = {{"cisco_ios", 1}};
    engine::fleet_runner runner{limits, quick_retries()};
    std::vector<std::string> platforms;
    for (int i = 0; i < 20; ++i)
        platforms.push_back(i % 2 ? "cisco_ios" : "linux");
    gauge ios, all;
    outcomes out;
    runner.run(
        platforms,
        [&](std::size_t d, unsigned) -> net::awaitable<boost::system::error_code> {
            auto& mine = d % 2 ? ios : all;
            mine.enter();
            auto ec = co_await pause(3ms);
            mine.leave();
            co_return ec;
        },
        out.handler());
    BOOST_TEST(out.done.size() == 20u);
    BOOST_TEST(ios.peak == 1);
    BOOST_TEST(all.peak >= 2);
}

BOOST_AUTO_TEST_CASE(only_transient_failures_are_retried) {
    engine::fleet_runner runner{engine::run_limits{}, quick_retries()};
    std::atomic<int> refused_then_ok{0};
    outcomes out;
    runner.run(
        {"linux", "linux", "linux", "linux"},
        [&](std::size_t d, unsigned) -> net::awaitable<boost::system::error_code> {
            co_await pause(0ms);
            switch (d) {
            case 0: // refused twice, then fine
                co_return ++refused_then_ok < 3 ? make_error_code(device_errc::connection_refused)
                                                : boost::system::error_code{};
            case 1:
                co_return make_error_code(device_errc::auth_failed);
            case 2:
                co_return make_error_code(device_errc::connect_timeout);
            default:
                co_return make_error_code(device_errc::host_key_mismatch);
            }
        },
        out.handler());
    BOOST_TEST(!out.of(0).error);
    BOOST_TEST(out.of(0).attempts == 3u);
    BOOST_TEST(out.of(1).attempts == 1u); // never retried: retrying locks accounts
    BOOST_TEST(class_of(out.of(1).error) == "auth_failed");
    BOOST_TEST(out.of(2).attempts == 3u); // the policy's limit, still failing
    BOOST_TEST(class_of(out.of(2).error) == "connect_timeout");
    BOOST_TEST(out.of(3).attempts == 1u);
}

BOOST_AUTO_TEST_CASE(a_throwing_task_fails_only_its_device) {
    engine::fleet_runner runner{engine::run_limits{}, quick_retries()};
    outcomes out;
    runner.run(
        {"linux", "linux"},
        [&](std::size_t d, unsigned) -> net::awaitable<boost::system::error_code> {
            co_await pause(0ms);
            if (d == 0)
                throw std::runtime_error("bug in a task");
            co_return boost::system::error_code{};
        },
        out.handler());
    BOOST_TEST(class_of(out.of(0).error) == "protocol_error");
    BOOST_TEST(!out.of(1).error);
}

BOOST_AUTO_TEST_CASE(stop_starts_nothing_new_and_cancels_after_the_grace) {
    engine::run_limits limits;
    limits.concurrency = 2;
    engine::fleet_runner runner{limits, quick_retries()};
    outcomes out;
    std::atomic<int> started{0};
    std::thread stopper([&] {
        for (int i = 0; i < 1000 && started < 2; ++i)
            std::this_thread::sleep_for(5ms);
        runner.request_stop(20ms);
    });
    // Without the stop these tasks would take 20 x 10 minutes.
    runner.run(
        std::vector<std::string>(20, "linux"),
        [&](std::size_t, unsigned) -> net::awaitable<boost::system::error_code> {
            ++started;
            co_return co_await pause(std::chrono::minutes(10));
        },
        out.handler());
    stopper.join();
    BOOST_TEST(runner.stop_requested());
    BOOST_REQUIRE_EQUAL(out.done.size(), 20u);
    int cancelled = 0, never_started = 0;
    for (const auto& d : out.done) {
        BOOST_TEST(class_of(d.error) == "interrupted");
        (d.attempts == 0 ? never_started : cancelled)++;
    }
    BOOST_TEST(cancelled == 2);
    BOOST_TEST(never_started == 18);
}

BOOST_AUTO_TEST_SUITE_END()
