#include <ssh/connection/errc.hpp>

#include <string>

namespace ssh::connection {
namespace {

const char* describe(errc e) noexcept {
    switch (e) {
    case errc::bad_message:
        return "malformed connection protocol message";
    case errc::unexpected_message:
        return "connection protocol message not allowed in the channel's state";
    case errc::unknown_channel:
        return "message for an unknown, unconfirmed or closed channel";
    case errc::window_exceeded:
        return "peer sent more data than the channel window allows";
    case errc::packet_exceeded:
        return "peer sent a data message larger than the channel's maximum packet";
    case errc::window_overflow:
        return "window adjust takes the channel window above 2^32-1";
    case errc::too_many_pending_requests:
        return "peer awaits too many replies to channel requests";
    case errc::unimplemented_message:
        return "message number unknown to the connection protocol";
    case errc::too_many_channels:
        return "too many open channels";
    case errc::channel_not_open:
        return "channel not open";
    case errc::channel_closed:
        return "channel is closing";
    case errc::eof_sent:
        return "end of data already sent on this channel";
    case errc::too_many_requests:
        return "too many channel requests await their replies";
    case errc::invalid_argument:
        return "invalid argument";
    case errc::message_too_large:
        return "message too large for one packet";
    }
    return "unknown connection error";
}

class category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "ssh.connection"; }
    std::string message(int ev) const override { return describe(static_cast<errc>(ev)); }
};

} // namespace

const boost::system::error_category& connection_category() noexcept {
    static const category instance;
    return instance;
}

boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), connection_category()};
}

} // namespace ssh::connection
