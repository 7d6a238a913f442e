#pragma once
// Private: the state behind ssh::asio::client and its three coroutines (reader, writer,
// ticker) around the sans-io client_session.

#include <ssh/asio/client.hpp>
#include <ssh/asio/errc.hpp>
#include <ssh/session/client_session.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <deque>
#include <unordered_map>
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
    net::awaitable<outcome> wait_until(clock::time_point deadline);

private:
    net::steady_timer timer_;
};

struct channel_state {
    explicit channel_state(const net::any_io_executor& ex)
        : wake(ex) {}
    enum class phase { opening, open, failed, closed };
    connection::channel_id id = 0;
    phase state = phase::opening;
    std::string failure;      // OPEN_FAILURE description
    std::deque<bool> replies; // CHANNEL_SUCCESS / FAILURE, in request order
    std::string out;          // collected stdout (for a shell: unread output)
    std::string err;
    bool eof = false;
    std::optional<std::uint32_t> exit_status;
    std::optional<std::string> exit_signal;
    std::function<void(connection::data_stream, std::string_view)> on_output;
    std::size_t max_output = 0;
    bool over_limit = false;
    signal wake;
};

struct client_core {
    client_core(net::any_io_executor ex, client_options opts);

    net::any_io_executor executor;
    client_options options;
    net::ip::tcp::socket socket;
    session::client_session session;
    signal writer_wake;
    signal state_wake;  // connect() waits on it
    signal ticker_wake; // deadlines changed
    std::unordered_map<connection::channel_id, std::shared_ptr<channel_state>> channels;
    error_info error;
    bool authenticated = false;
    bool stopped = false; // no more I/O: error set, or closed
    std::optional<clock::time_point> armed_deadline;
    std::vector<std::uint8_t> read_buffer;
    std::vector<std::uint8_t> write_buffer;

    net::awaitable<void> reader(std::shared_ptr<client> keep_alive);
    net::awaitable<void> writer(std::shared_ptr<client> keep_alive);
    net::awaitable<void> ticker(std::shared_ptr<client> keep_alive);

    void pump(wire::bytes_view data);
    void handle(session::session_event& e);
    void handle_auth(auth::auth_event& e);
    void handle_connection(connection::connection_event& e);
    // Records the first error, stops all I/O after flushing, and wakes every waiter.
    void fail(error_info e);
    void after_activity(); // wake the writer, re-arm the ticker
    error_info describe(boost::system::error_code ec) const;

    std::shared_ptr<channel_state> open_channel(std::size_t max_output, error_info& err);
    // Waits until `done()` holds, the deadline passes, the connection fails or the caller is
    // cancelled. Returns an empty error_info when done() holds.
    net::awaitable<error_info> wait_for(channel_state& ch, clock::time_point deadline,
                                        const std::function<bool()>& done);
    // After a want_reply channel request was queued (`ec` from queuing it): sends it and
    // waits for its CHANNEL_SUCCESS; FAILURE becomes request_refused.
    net::awaitable<error_info> await_reply(channel_state& ch, clock::time_point deadline,
                                           boost::system::error_code ec);
};

} // namespace ssh::asio::detail

namespace ssh::asio {
struct client::impl : detail::client_core {
    using detail::client_core::client_core;
};
} // namespace ssh::asio
