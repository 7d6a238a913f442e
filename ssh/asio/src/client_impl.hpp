#pragma once
// Private: the state behind ssh::asio::client and its three coroutines (reader, writer,
// ticker) around the sans-io client_session.

#include "io_loop.hpp"

#include <ssh/asio/client.hpp>
#include <ssh/asio/errc.hpp>
#include <ssh/session/client_session.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <deque>
#include <unordered_map>
#include <vector>

namespace ssh::asio::detail {

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
    std::optional<clock::time_point> opened_at, first_data_at; // for exec_timings
    signal wake;
};

struct client_core : io_loop<client_core> {
    client_core(net::any_io_executor ex, client_options opts);

    client_options options;
    session::client_session session;
    signal state_wake; // connect() waits on it
    std::unordered_map<connection::channel_id, std::shared_ptr<channel_state>> channels;
    bool authenticated = false;
    connect_timings timings;
    std::optional<clock::time_point> host_key_accepted_at; // ends the key exchange's timing

    // io_loop hooks
    session::client_session& io_session() noexcept { return session; }
    void handle(session::session_event& e);
    error_info describe(boost::system::error_code ec) const;
    void on_fail();
    std::optional<std::chrono::seconds> idle_tick() const;

    void handle_auth(auth::auth_event& e);
    void handle_connection(connection::connection_event& e);

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
