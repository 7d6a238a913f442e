// Construction, events, and the life of a channel we use: open, data, EOF, CLOSE, window
// (RFC 4254 §5).
#include "flow_control.hpp"
#include "message.hpp"

#include <ssh/connection/connection.hpp>
#include <ssh/wire/limits.hpp>

#include <stdexcept>
#include <utility>

namespace ssh::connection {

using detail::channel;
using detail::channel_state;
using wire::msg;

namespace {

// Our payloads stay within what our own packet reader accepts (RFC 4253 §6.1).
constexpr std::size_t max_payload = wire::limits::max_packet_length - 64;

const connection_config& checked(const connection_config& c) {
    // A data message of max_packet bytes must fit in one packet either way.
    constexpr std::size_t largest_max_packet = wire::limits::max_packet_length - 1024;
    if (c.max_packet == 0 || c.max_packet > largest_max_packet || c.max_channels == 0 ||
        c.initial_window < c.max_packet)
        throw std::invalid_argument("ssh::connection: invalid connection_config");
    return c;
}

} // namespace

connection::connection(transport::payload_sink& out, connection_config config)
    : out_(out)
    , config_(checked(config))
    , channels_(config_.max_channels) {}

std::optional<connection_event> connection::next_event() {
    if (next_event_ == events_.size())
        return std::nullopt;
    auto e = std::move(events_[next_event_++]);
    if (next_event_ == events_.size()) {
        events_.clear();
        next_event_ = 0;
    }
    return e;
}

void connection::push(connection_event e) {
    events_.push_back(std::move(e));
}

void connection::send(const wire::writer& w, boost::system::error_code& ec) {
    if (w.failed() || w.size() > max_payload) {
        ec = errc::message_too_large;
        return;
    }
    out_.send(w.data());
}

channel* connection::usable(channel_id id, boost::system::error_code& ec) noexcept {
    auto* ch = channels_.find(id);
    if (ch == nullptr || ch->state == channel_state::opening ||
        ch->state == channel_state::awaiting_accept) {
        ec = errc::channel_not_open;
        return nullptr;
    }
    if (ch->state == channel_state::closing) {
        ec = errc::channel_closed; // nothing goes out after our CLOSE (RFC 4254 §5.3)
        return nullptr;
    }
    return ch;
}

std::uint32_t connection::remote_window(channel_id id) const noexcept {
    const auto* ch = channels_.find(id);
    return ch != nullptr && ch->state == channel_state::open ? ch->remote_window : 0;
}

std::uint32_t connection::local_window(channel_id id) const noexcept {
    const auto* ch = channels_.find(id);
    if (ch == nullptr || ch->state != channel_state::open)
        return 0;
    const std::uint64_t used = std::uint64_t{ch->unconsumed} + ch->uncredited;
    return used >= ch->window_max ? 0 : static_cast<std::uint32_t>(ch->window_max - used);
}

channel_id connection::open_session(boost::system::error_code& ec) {
    const auto id = channels_.allocate(channel_state::opening);
    if (!id) {
        ec = errc::too_many_channels;
        return 0;
    }
    auto& ch = *channels_.find(*id);
    ch.window_max = config_.initial_window;
    // RFC 4254 §5.1: type, sender channel, initial window, maximum packet.
    auto w = detail::start_message(msg::channel_open);
    w.string("session");
    w.uint32(*id);
    w.uint32(config_.initial_window);
    w.uint32(config_.max_packet);
    send(w, ec);
    if (ec) {
        channels_.release(*id);
        return 0;
    }
    return *id;
}

std::size_t connection::send_data(channel_id id, wire::bytes_view data, data_stream stream,
                                  boost::system::error_code& ec) {
    auto* ch = usable(id, ec);
    if (ch == nullptr)
        return 0;
    if (ch->eof_sent) {
        ec = errc::eof_sent;
        return 0;
    }
    std::size_t sent = 0;
    while (sent < data.size()) {
        const auto n = detail::next_chunk(*ch, data.size() - sent, config_.max_packet);
        if (n == 0)
            break;
        // RFC 4254 §5.2: CHANNEL_DATA, or EXTENDED_DATA with a type code.
        const bool err = stream == data_stream::err;
        auto w =
            detail::start_message(err ? msg::channel_extended_data : msg::channel_data, 13 + n);
        w.uint32(ch->remote_id);
        if (err)
            w.uint32(detail::extended_data_stderr);
        w.string(data.subspan(sent, n));
        send(w, ec);
        if (ec)
            break;
        ch->remote_window -= n; // only the data counts against the window
        sent += n;
    }
    ch->blocked = sent < data.size();
    return sent;
}

void connection::send_eof(channel_id id, boost::system::error_code& ec) {
    auto* ch = usable(id, ec);
    if (ch == nullptr || ch->eof_sent)
        return;
    auto w = detail::start_message(msg::channel_eof);
    w.uint32(ch->remote_id);
    send(w, ec);
    ch->eof_sent = true;
    ch->blocked = false;
}

void connection::send_close(channel& ch) {
    auto w = detail::start_message(msg::channel_close);
    w.uint32(ch.remote_id);
    boost::system::error_code ignored; // five bytes always fit
    send(w, ignored);
    ch.state = channel_state::closing;
    ch.blocked = false;
    // OpenSSH does not answer requests after its CLOSE; neither do we.
    ch.replies.clear();
}

void connection::close(channel_id id, boost::system::error_code& ec) {
    auto* ch = channels_.find(id);
    if (ch == nullptr || ch->state == channel_state::awaiting_accept) {
        ec = errc::channel_not_open;
        return;
    }
    if (ch->state == channel_state::opening)
        ch->close_when_confirmed = true; // the peer's number is not known yet
    else if (ch->state == channel_state::open)
        send_close(*ch);
}

void connection::consumed(channel_id id, std::size_t n, boost::system::error_code& ec) {
    auto* ch = channels_.find(id);
    if (ch == nullptr || ch->state != channel_state::open)
        return;
    if (n > ch->unconsumed) {
        ec = errc::invalid_argument;
        return;
    }
    ch->unconsumed -= static_cast<std::uint32_t>(n);
    ch->uncredited += static_cast<std::uint32_t>(n);
    return_window(*ch);
}

void connection::return_window(channel& ch) {
    if (ch.state != channel_state::open)
        return;
    const auto credit = detail::take_credit(ch, config_.max_packet);
    if (credit == 0)
        return;
    // RFC 4254 §5.2: recipient channel, bytes to add.
    auto w = detail::start_message(msg::channel_window_adjust);
    w.uint32(ch.remote_id);
    w.uint32(credit);
    boost::system::error_code ignored; // nine bytes always fit
    send(w, ignored);
}

} // namespace ssh::connection
