// Private: what one channel still has to send, in order, as steps: data within the peer's
// window (RFC 4254 §5.2), pauses (latency fault), exit-status, EOF, CLOSE, and the end of the
// TCP connection (drop-output fault). A trickle paces a data step as it is sent, and a zero
// fill is a count sent from one static buffer: what a channel holds does not grow with either.
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
        zeros,           // CHANNEL_DATA: `zeros` zero bytes (exec_result::zero_fill)
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
    std::uint64_t zeros = 0;
    // out/zeros: the trickle fault's bytes per second, sent rate/10 at a time with 100 ms
    // after each part (the last one too); 0 sends as fast as the window allows.
    std::uint32_t rate = 0;
    std::uint64_t sent_in_part = 0; // a trickle's progress through its current part
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
    // An answer, `bytes` then `zeros` zero bytes, with the device's output faults applied:
    // `trickle_rate` bytes/s in 10 parts a second, or the first half (of both together) then
    // a dropped connection.
    void push_answer(std::string bytes, std::uint64_t zeros, std::uint32_t trickle_rate, bool drop);

    // Sends what it can now. Call again on window_available; a pause resumes by itself,
    // keeping `conn` alive while it waits, and calls `after_pause` once it has gone on.
    void pump(ssh::asio::server_connection& conn);
    void on_resumed(std::function<void()> after_pause) { after_pause_ = std::move(after_pause); }
    // The channel is gone: forget what is left, stop any pause.
    void cancel() noexcept;
    bool idle() const noexcept { return steps_.empty(); }
    // Data bytes still to send, held in memory (zero fills are not: they are counts).
    std::size_t queued_bytes() const noexcept { return queued_bytes_; }

private:
    enum class progress {
        done,        // the step is sent (or failed)
        window_full, // the peer's window is the limit: window_available goes on
        part_sent,   // a trickle's part is out: a pause comes next
    };
    // Sends what the window and the step's trickle allow.
    progress send_some(ssh::connection::connection& channels, send_step& step,
                       boost::system::error_code& ec);
    // Waits `delay`, then goes on pumping, keeping `conn` alive meanwhile.
    void pause(ssh::asio::server_connection& conn, std::chrono::milliseconds delay);

    ssh::connection::channel_id id_;
    std::deque<send_step> steps_;
    boost::asio::steady_timer timer_;
    bool pausing_ = false;
    std::size_t queued_bytes_ = 0;
    std::function<void()> after_pause_;
};

} // namespace sim::server
