#pragma once
// Private: the three coroutines every connection runs around its sans-io session, for both
// roles (CRTP). The reader feeds received bytes and dispatches events, the writer swaps
// output buffers with the session and writes them, the ticker calls on_timer() at the
// session's next deadline.
//
// Derived provides:
//     Session& io_session();                      // feed, next_event, take_output, finished,
//                                                 // next_deadline, on_timer
//     void handle(typename Session event&);       // one event, synchronously
//     error_info describe(error_code) const;      // an error for people
//     void on_fail();                             // wake whatever else waits
//     std::optional<duration> idle_tick() const;  // poll at least this often (keepalive)
//
// Backpressure: while more than max_queued_output bytes of our output wait behind the write
// in flight, the reader reads nothing. A peer that sends requests but never reads the
// answers then stalls on its own TCP window instead of growing our memory (bad-input.md).

#include <ssh/asio/client.hpp>
#include <ssh/asio/errc.hpp>
#include <ssh/transport/errc.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <memory>
#include <optional>
#include <tuple>
#include <vector>

namespace ssh::asio::detail {

namespace net = boost::asio;
using clock = std::chrono::steady_clock;

// A timer used as a condition variable: wait_until() returns when notify() is called or the
// deadline passes. Waiters re-check their condition after every wake, and notify() runs on the
// same single-threaded executor, so no wake-up is lost between a check and a wait.
class signal {
public:
    explicit signal(const net::any_io_executor& ex)
        : timer_(ex) {}
    void notify() { timer_.cancel(); }
    enum class outcome { woken, deadline, cancelled };
    net::awaitable<outcome> wait_until(clock::time_point deadline) {
        timer_.expires_at(deadline);
        auto [ec] = co_await timer_.async_wait(net::as_tuple(net::use_awaitable));
        const auto cs = co_await net::this_coro::cancellation_state;
        if (cs.cancelled() != net::cancellation_type::none)
            co_return outcome::cancelled;
        co_return ec ? outcome::woken : outcome::deadline;
    }

private:
    net::steady_timer timer_;
};

template <typename Derived>
class io_loop {
public:
    explicit io_loop(net::any_io_executor ex)
        : executor(ex)
        , socket(ex)
        , writer_wake(ex)
        , ticker_wake(ex)
        , reader_wake(ex) {}

    net::any_io_executor executor;
    net::ip::tcp::socket socket;
    signal writer_wake;
    signal ticker_wake;
    signal reader_wake; // the writer finished a write: the reader may go on
    std::size_t max_queued_output = std::size_t{4} << 20;
    error_info error;
    bool stopped = false; // no more I/O: error set, or closed

    // Records the first error, stops all I/O after flushing, and wakes every waiter.
    void fail(error_info e) {
        if (!error)
            error = std::move(e);
        stopped = true;
        writer_wake.notify(); // flushes a DISCONNECT, then closes the socket
        ticker_wake.notify();
        reader_wake.notify();
        self().on_fail();
    }

    // After any change to the session: write what it produced, re-arm its deadline.
    void after_activity() {
        writer_wake.notify();
        if (self().io_session().next_deadline() != armed_deadline_)
            ticker_wake.notify();
    }

    // `keep_alive` holds the connection's owner until the coroutine ends.
    //
    // Reactor style: wait until the socket is readable, then read without blocking into the
    // thread's one buffer, and feed it all to the session before anything else runs on this
    // thread. An idle connection so holds no read buffer of its own (thousands of them do not
    // add up), and a busy one still reads in large chunks.
    net::awaitable<void> reader(std::shared_ptr<void> keep_alive) {
        co_await net::this_coro::throw_if_cancelled(false);
        auto& session = self().io_session();
        boost::system::error_code ec;
        socket.non_blocking(true, ec);
        while (!stopped && !ec) {
            if (session.pending_output().size() > max_queued_output) {
                co_await reader_wake.wait_until(clock::time_point::max());
                continue;
            }
            auto& buffer = thread_read_buffer();
            const std::size_t n = socket.read_some(net::buffer(buffer), ec);
            if (ec == net::error::would_block || ec == net::error::try_again) {
                std::tie(ec) = co_await socket.async_wait(net::socket_base::wait_read,
                                                          net::as_tuple(net::use_awaitable));
                continue;
            }
            if (ec)
                break;
            pump({buffer.data(), n});
            after_activity();
            // Let the thread's other connections run between two chunks of a busy one.
            if (n == buffer.size())
                co_await net::post(executor, net::use_awaitable);
        }
        if (ec && !stopped)
            fail({errc::connection_lost, "connection lost: " + ec.message()});
        (void)keep_alive;
    }

    net::awaitable<void> writer(std::shared_ptr<void> keep_alive) {
        co_await net::this_coro::throw_if_cancelled(false);
        auto& session = self().io_session();
        for (;;) {
            session.take_output(write_buffer_);
            if (!write_buffer_.empty()) {
                auto [ec, n] = co_await net::async_write(socket, net::buffer(write_buffer_),
                                                         net::as_tuple(net::use_awaitable));
                if (ec) {
                    if (!stopped)
                        fail({errc::connection_lost, "connection lost: " + ec.message()});
                    break;
                }
                reader_wake.notify();
                continue;
            }
            if (stopped || session.finished())
                break;
            co_await writer_wake.wait_until(clock::time_point::max());
        }
        // Everything (a DISCONNECT included) is written: end the TCP stream, wake the reader.
        boost::system::error_code ignored;
        socket.shutdown(net::ip::tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
        if (!stopped)
            fail(self().describe(make_error_code(transport::errc::connection_closed)));
        (void)keep_alive;
    }

    net::awaitable<void> ticker(std::shared_ptr<void> keep_alive) {
        co_await net::this_coro::throw_if_cancelled(false);
        auto& session = self().io_session();
        while (!stopped) {
            armed_deadline_ = session.next_deadline();
            auto until = armed_deadline_.value_or(clock::time_point::max());
            if (const auto tick = self().idle_tick(); tick && !armed_deadline_)
                until = clock::now() + *tick;
            if (co_await ticker_wake.wait_until(until) != signal::outcome::deadline)
                continue;
            boost::system::error_code ec;
            session.on_timer(clock::now(), ec);
            writer_wake.notify();
            if (ec)
                fail(self().describe(ec));
        }
        (void)keep_alive;
    }

private:
    static constexpr std::size_t read_chunk = 128 * 1024;

    static std::vector<std::uint8_t>& thread_read_buffer() {
        thread_local std::vector<std::uint8_t> buffer(read_chunk);
        return buffer;
    }

    Derived& self() { return static_cast<Derived&>(*this); }

    void pump(wire::bytes_view data) {
        auto& session = self().io_session();
        std::size_t used = 0;
        // Each feed() either consumes bytes or produces events; bound the loop anyway.
        for (std::size_t guard = 0; used < data.size() && !stopped && guard < data.size() + 16;
             ++guard) {
            boost::system::error_code ec;
            used += session.feed(data.subspan(used), ec);
            while (auto e = session.next_event())
                self().handle(*e);
            if (ec) {
                fail(self().describe(ec));
                return;
            }
        }
    }

    std::optional<clock::time_point> armed_deadline_;
    std::vector<std::uint8_t> write_buffer_;
};

} // namespace ssh::asio::detail
