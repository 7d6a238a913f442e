#pragma once
// Per-channel state and the table that numbers channels. Internal to the connection layer;
// public only because connection holds it by value. A channel costs about 64 bytes.

#include <ssh/connection/events.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace ssh::connection::detail {

// Kinds of our want_reply requests awaiting CHANNEL_SUCCESS/FAILURE, oldest first
// (RFC 4254 §5.4: replies come in request order). Four bits each.
class request_fifo {
public:
    static constexpr unsigned capacity = 16;

    bool full() const noexcept { return count_ == capacity; }
    bool empty() const noexcept { return count_ == 0; }
    void push(request_kind k) noexcept;
    std::optional<request_kind> pop() noexcept;

private:
    std::uint64_t kinds_ = 0;
    std::uint8_t count_ = 0;
};

// Replies we owe the peer, oldest first. The core answers some requests itself and the
// application answers others, later; replies still leave in request order (RFC 4254 §5.4).
class reply_queue {
public:
    static constexpr unsigned capacity = 32;

    bool full() const noexcept { return count_ == capacity; }
    bool empty() const noexcept { return count_ == 0; }
    // A reply owed: known now (answered) or later from the application.
    void push(bool answered, bool success) noexcept;
    // Answers the oldest reply the application owes; false if there is none.
    bool answer_oldest(bool success) noexcept;
    // The oldest reply if it is known, removed; nullopt if none or still unanswered.
    std::optional<bool> pop_answered() noexcept;
    void clear() noexcept { *this = {}; }

private:
    std::uint32_t answered_ = 0; // bit i: reply i is known
    std::uint32_t success_ = 0;  // bit i: reply i is SUCCESS
    std::uint8_t count_ = 0;
};

enum class channel_state : std::uint8_t {
    free,            // slot unused
    opening,         // we sent CHANNEL_OPEN, awaiting the peer's answer
    awaiting_accept, // server role: the peer opened it, awaiting the application
    open,            // both sides know each other's numbers
    closing,         // we sent CLOSE, awaiting the peer's (RFC 4254 §5.3)
};

struct channel {
    std::uint32_t remote_id = 0;
    // What we may still send, and the largest data message the peer takes (RFC 4254 §5.2).
    std::uint32_t remote_window = 0;
    std::uint32_t remote_max_packet = 0;
    // Our side: the window we advertise at most; data received but not yet consumed by the
    // application; data consumed but not yet returned in a WINDOW_ADJUST. What the peer may
    // still send is window_max - unconsumed - uncredited.
    std::uint32_t window_max = 0;
    std::uint32_t unconsumed = 0;
    std::uint32_t uncredited = 0;
    request_fifo requests;
    reply_queue replies;
    channel_state state = channel_state::free;
    bool eof_sent = false;
    bool eof_received = false;
    bool close_when_confirmed = false; // close() was called while opening
    bool blocked = false;              // send_data() sent less than asked
};

// Channels by our number. Numbers are the lowest free ones, like OpenSSH's; a number is
// free again only when release() is called after both CLOSEs. Memory follows the highest
// number in use, not the limit.
class channel_table {
public:
    explicit channel_table(std::uint32_t max_channels) noexcept
        : max_{max_channels} {}

    // nullptr if the number is not in use.
    channel* find(channel_id id) noexcept;
    const channel* find(channel_id id) const noexcept;
    // A fresh channel in `state`, or nullopt at the limit.
    std::optional<channel_id> allocate(channel_state state);
    void release(channel_id id) noexcept;
    std::size_t size() const noexcept { return used_; }

private:
    std::vector<channel> slots_;
    std::size_t used_ = 0;
    std::uint32_t max_;
};

} // namespace ssh::connection::detail
