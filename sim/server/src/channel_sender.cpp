#include "channel_sender.hpp"

#include <ssh/wire/writer.hpp>

#include <algorithm>

namespace sim::server {

void channel_sender::push_answer(std::string bytes, std::uint32_t trickle_rate, bool drop) {
    if (drop) {
        bytes.resize(bytes.size() / 2);
        push({send_step::kind::out, std::move(bytes)});
        push({send_step::kind::drop_connection});
        return;
    }
    if (trickle_rate == 0) {
        push({send_step::kind::out, std::move(bytes)});
        return;
    }
    const std::size_t chunk = std::max<std::size_t>(1, trickle_rate / 10);
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
        push({send_step::kind::out, bytes.substr(at, chunk)});
        push({send_step::kind::pause, {}, std::chrono::milliseconds(100)});
    }
}

void channel_sender::cancel() noexcept {
    steps_.clear();
    queued_bytes_ = 0;
    after_pause_ = nullptr;
    timer_.cancel();
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
        case send_step::kind::out:
        case send_step::kind::err: {
            const auto stream = step.what == send_step::kind::out
                                    ? ssh::connection::data_stream::out
                                    : ssh::connection::data_stream::err;
            const auto* data = reinterpret_cast<const std::uint8_t*>(step.bytes.data());
            const auto sent = channels.send_data(id_, {data, step.bytes.size()}, stream, ec);
            step.bytes.erase(0, sent);
            queued_bytes_ -= sent;
            if (!ec && !step.bytes.empty())
                return; // window_available calls pump() again
            break;
        }
        case send_step::kind::pause: {
            pausing_ = true;
            timer_.expires_after(step.delay);
            steps_.pop_front();
            timer_.async_wait([self = shared_from_this(),
                               keep = conn.shared_from_this()](boost::system::error_code e) {
                self->pausing_ = false;
                if (!e && keep->is_open()) {
                    self->pump(*keep);
                    if (self->after_pause_)
                        self->after_pause_();
                    keep->flush();
                }
            });
            return;
        }
        case send_step::kind::exit_status: {
            ssh::wire::writer status;
            status.uint32(step.code);
            channels.request(id_, "exit-status", false, status.data(), ec);
            break;
        }
        case send_step::kind::eof:
            channels.send_eof(id_, ec);
            break;
        case send_step::kind::close:
            channels.close(id_, ec);
            break;
        case send_step::kind::drop_connection:
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
