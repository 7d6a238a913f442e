// The answers the application gives as a server: channel opens (RFC 4254 §5.1) and
// channel requests, whose replies leave in request order (§5.4).
#include "message.hpp"

#include <ssh/connection/connection.hpp>

namespace ssh::connection {

using detail::channel;
using detail::channel_state;
using wire::msg;

void connection::accept_open(channel_id id, boost::system::error_code& ec) {
    auto* ch = channels_.find(id);
    if (ch == nullptr || ch->state != channel_state::awaiting_accept) {
        ec = errc::channel_not_open;
        return;
    }
    // RFC 4254 §5.1: recipient, sender, initial window, maximum packet.
    auto w = detail::start_message(msg::channel_open_confirmation);
    w.uint32(ch->remote_id);
    w.uint32(id);
    w.uint32(ch->window_max);
    w.uint32(config_.max_packet);
    send(w, ec);
    ch->state = channel_state::open;
}

void connection::reject_open(channel_id id, std::uint32_t reason, std::string_view description,
                             boost::system::error_code& ec) {
    auto* ch = channels_.find(id);
    if (ch == nullptr || ch->state != channel_state::awaiting_accept) {
        ec = errc::channel_not_open;
        return;
    }
    send_open_failure(ch->remote_id, reason, description.substr(0, 1024));
    channels_.release(id);
}

void connection::send_open_failure(std::uint32_t recipient, std::uint32_t reason,
                                   std::string_view description) {
    // RFC 4254 §5.1: recipient, reason code, description, language tag.
    auto w = detail::start_message(msg::channel_open_failure, 64);
    w.uint32(recipient);
    w.uint32(reason);
    w.string(description);
    w.string("");
    boost::system::error_code ignored; // callers bound the description
    send(w, ignored);
}

void connection::reply_request(channel_id id, bool success, boost::system::error_code& ec) {
    auto* ch = usable(id, ec);
    if (ch == nullptr)
        return;
    if (!ch->replies.answer_oldest(success)) {
        ec = errc::invalid_argument;
        return;
    }
    send_replies(*ch);
}

void connection::send_replies(channel& ch) {
    // RFC 4254 §5.4: replies in request order; the oldest unknown one holds back the rest.
    while (const auto success = ch.replies.pop_answered()) {
        auto w = detail::start_message(*success ? msg::channel_success : msg::channel_failure);
        w.uint32(ch.remote_id);
        boost::system::error_code ignored; // five bytes always fit
        send(w, ignored);
    }
}

} // namespace ssh::connection
