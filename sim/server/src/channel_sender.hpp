// Private: what one channel still has to send, in order, as steps: data within the peer's
// window (RFC 4254 §5.2), pauses (latency and trickle faults), exit-status, EOF, CLOSE, and
// the end of the TCP connection (drop-output fault).
#pragma once

#include <ssh/asio/server.hpp>

#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace sim::server {

struct send_step {
    enum class kind : std::uint8_t {
        out,             // CHANNEL_DATA
        err,             // CHANNEL_EXTENDED_DATA stderr
        pause,           // wait `delay`
        exit_status,     // "exit-status" `code` (RFC 4254 §6.10)
        eof,             // CHANNEL_EOF
        close,           // CHANNEL_CLOSE
        drop_connection, // TCP closed without DISCONNECT (drop-output)
    };
    kind what;
    std::string bytes = {};
    std::chrono::milliseconds delay{0};
    std::uint32_t code = 0;
};

// Held by shared_ptr: a pause's timer handler keeps its sender alive.
class channel_sender : public std::enable_shared_from_this<channel_sender> {
public:
    channel_sender(ssh::connection::channel_id id, const boost::asio::any_io_executor& ex)
        : id_(id)
        , timer_(ex) {}

    void push(send_step step) {
        queued_bytes_ += step.bytes.size();
        steps_.push_back(std::move(step));
    }
    // Answer bytes with the device's output faults applied: `trickle_rate` bytes/s in 10 steps
    // a second, or the first half then a dropped connection.
    void push_answer(std::string bytes, std::uint32_t trickle_rate, bool drop);

    // Sends what it can now. Call again on window_available; a pause resumes by itself,
    // keeping `conn` alive while it waits, and calls `after_pause` once it has gone on.
    void pump(ssh::asio::server_connection& conn);
    void on_resumed(std::function<void()> after_pause) { after_pause_ = std::move(after_pause); }
    // The channel is gone: forget what is left, stop any pause.
    void cancel() noexcept;
    bool idle() const noexcept { return steps_.empty(); }
    // Data bytes still to send.
    std::size_t queued_bytes() const noexcept { return queued_bytes_; }

private:
    ssh::connection::channel_id id_;
    std::deque<send_step> steps_;
    boost::asio::steady_timer timer_;
    bool pausing_ = false;
    std::size_t queued_bytes_ = 0;
    std::function<void()> after_pause_;
};

} // namespace sim::server
