#include "channel_sender.hpp"

#include <ssh/wire/writer.hpp>

#include <algorithm>
#include <array>
#include <limits>

namespace sim::server {
namespace {

using kind = send_step::kind;

constexpr std::chrono::milliseconds trickle_period{100};
// Every zero fill is sent from here, a packet's worth at a time.
constexpr std::array<std::uint8_t, 32 * 1024> zero_bytes{};

std::uint64_t left_in(const send_step& step) {
    return step.what == kind::zeros ? step.zeros : step.bytes.size();
}

} // namespace

void channel_sender::push_answer(std::string bytes, std::uint64_t zeros, std::uint32_t trickle_rate,
                                 bool drop) {
    if (drop) { // no trickle: half of it at once, then the connection ends
        const std::uint64_t half = (bytes.size() + zeros) / 2;
        zeros = half > bytes.size() ? half - bytes.size() : 0;
        bytes.resize(static_cast<std::size_t>(std::min<std::uint64_t>(half, bytes.size())));
        trickle_rate = 0;
    }
    push({.what = kind::out, .bytes = std::move(bytes), .rate = trickle_rate});
    if (zeros > 0)
        push({.what = kind::zeros, .zeros = zeros, .rate = trickle_rate});
    if (drop)
        push({.what = kind::drop_connection});
}

void channel_sender::cancel() noexcept {
    steps_.clear();
    queued_bytes_ = 0;
    after_pause_ = nullptr;
    timer_.cancel();
}

channel_sender::progress channel_sender::send_some(ssh::connection::connection& channels,
                                                   send_step& step, boost::system::error_code& ec) {
    const bool zeros = step.what == kind::zeros;
    const auto stream = step.what == kind::err ? ssh::connection::data_stream::err
                                               : ssh::connection::data_stream::out;
    const std::uint64_t part = step.rate == 0 ? std::numeric_limits<std::uint64_t>::max()
                                              : std::max<std::uint64_t>(1, step.rate / 10);
    // Each pass sends a whole piece or returns: bounded by the step's bytes.
    while (left_in(step) > 0) {
        auto want = std::min(left_in(step), part - step.sent_in_part);
        if (zeros)
            want = std::min<std::uint64_t>(want, zero_bytes.size());
        const auto* data =
            zeros ? zero_bytes.data() : reinterpret_cast<const std::uint8_t*>(step.bytes.data());
        const auto sent =
            channels.send_data(id_, {data, static_cast<std::size_t>(want)}, stream, ec);
        if (zeros) {
            step.zeros -= sent;
        } else {
            step.bytes.erase(0, sent);
            queued_bytes_ -= sent;
        }
        if (ec)
            return progress::done; // the rest is dropped with the step
        if (sent < want)
            return progress::window_full;
        if (step.rate != 0 && (step.sent_in_part += sent) == part) {
            step.sent_in_part = 0;
            return progress::part_sent;
        }
    }
    if (step.sent_in_part == 0)
        return progress::done;
    step.sent_in_part = 0; // a trickle's last part waits too, as every part does
    return progress::part_sent;
}

void channel_sender::pause(ssh::asio::server_connection& conn, std::chrono::milliseconds delay) {
    pausing_ = true;
    timer_.expires_after(delay);
    timer_.async_wait(
        [self = shared_from_this(), keep = conn.shared_from_this()](boost::system::error_code e) {
            self->pausing_ = false;
            if (!e && keep->is_open()) {
                self->pump(*keep);
                if (self->after_pause_)
                    self->after_pause_();
                keep->flush();
            }
        });
}

void channel_sender::pump(ssh::asio::server_connection& conn) {
    if (pausing_)
        return;
    auto& channels = conn.session().channels();
    // Each pass removes a step or returns: bounded by the steps queued.
    while (!steps_.empty() && conn.is_open()) {
        auto& step = steps_.front();
        boost::system::error_code ec;
        switch (step.what) {
        case kind::out:
        case kind::err:
        case kind::zeros: {
            const auto sent = send_some(channels, step, ec);
            if (sent == progress::window_full)
                return; // window_available calls pump() again
            if (sent == progress::part_sent) {
                if (left_in(step) == 0)
                    steps_.pop_front();
                pause(conn, trickle_period);
                return;
            }
            break;
        }
        case kind::pause: {
            const auto delay = step.delay;
            steps_.pop_front();
            pause(conn, delay);
            return;
        }
        case kind::exit_status: {
            ssh::wire::writer status;
            status.uint32(step.code);
            channels.request(id_, "exit-status", false, status.data(), ec);
            break;
        }
        case kind::eof:
            channels.send_eof(id_, ec);
            break;
        case kind::close:
            channels.close(id_, ec);
            break;
        case kind::drop_connection:
            steps_.clear();
            queued_bytes_ = 0;
            conn.abort(); // the half answer goes out, then the TCP connection ends
            return;
        }
        queued_bytes_ -= step.bytes.size(); // not 0 only when send_data refused the rest
        steps_.pop_front();
    }
}

} // namespace sim::server
