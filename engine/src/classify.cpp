#include <engine/classify.hpp>
#include <ssh/asio/errc.hpp>
#include <ssh/auth/errc.hpp>
#include <ssh/connection/errc.hpp>
#include <ssh/known_hosts/errc.hpp>
#include <ssh/session/errc.hpp>
#include <ssh/transport/errc.hpp>

#include <boost/asio/error.hpp>

namespace engine {
namespace {

device_errc from_socket(const boost::system::error_code& ec) noexcept {
    namespace e = boost::asio::error;
    if (ec == e::connection_refused)
        return device_errc::connection_refused;
    if (ec == e::timed_out)
        return device_errc::connect_timeout;
    if (ec == e::host_unreachable || ec == e::network_unreachable || ec == e::host_not_found ||
        ec == e::host_not_found_try_again || ec == e::no_data)
        return device_errc::unreachable;
    if (ec == e::connection_reset || ec == e::eof || ec == e::broken_pipe ||
        ec == e::connection_aborted)
        return device_errc::connection_reset;
    if (ec == e::operation_aborted)
        return device_errc::interrupted;
    return device_errc::protocol_error;
}

device_errc from_client(ssh::asio::errc e) noexcept {
    using ssh::asio::errc;
    switch (e) {
    case errc::kex_timeout:
    case errc::auth_timeout:
        return device_errc::connect_timeout;
    case errc::command_timeout:
        return device_errc::command_timeout;
    case errc::channel_open_failed:
    case errc::request_refused:
        return device_errc::channel_open_failed;
    case errc::connection_lost:
        return device_errc::connection_reset;
    case errc::output_limit:
        return device_errc::device_error;
    case errc::host_key_rejected:
        return device_errc::unknown_host_key;
    case errc::not_connected:
        return device_errc::disconnected;
    }
    return device_errc::protocol_error;
}

device_errc from_transport(ssh::transport::errc e) noexcept {
    using ssh::transport::errc;
    switch (e) {
    case errc::no_common_algorithm:
        return device_errc::no_common_algorithm;
    case errc::peer_disconnected:
    case errc::connection_closed:
        return device_errc::disconnected;
    case errc::host_key_rejected:
        return device_errc::unknown_host_key;
    default:
        return device_errc::protocol_error;
    }
}

device_errc from_known_hosts(ssh::known_hosts::errc e) noexcept {
    using ssh::known_hosts::errc;
    switch (e) {
    case errc::host_key_mismatch:
    case errc::host_key_revoked:
        return device_errc::host_key_mismatch;
    default: // unknown, or an unreadable known_hosts that cannot vouch for the key
        return device_errc::unknown_host_key;
    }
}

} // namespace

device_errc classify(const boost::system::error_code& ec) noexcept {
    const auto& cat = ec.category();
    if (cat == engine::device_category())
        return static_cast<device_errc>(ec.value());
    if (cat == ssh::asio::client_category())
        return from_client(static_cast<ssh::asio::errc>(ec.value()));
    if (cat == ssh::transport::transport_category())
        return from_transport(static_cast<ssh::transport::errc>(ec.value()));
    if (cat == ssh::known_hosts::known_hosts_category())
        return from_known_hosts(static_cast<ssh::known_hosts::errc>(ec.value()));
    if (cat == ssh::auth::auth_category()) {
        const auto e = static_cast<ssh::auth::errc>(ec.value());
        return e == ssh::auth::errc::bad_message || e == ssh::auth::errc::unexpected_message
                   ? device_errc::protocol_error
                   : device_errc::auth_failed;
    }
    // Our own limit on channels per connection (connection_config::max_channels): to the user
    // it is a channel that could not be opened, as a server's refusal is.
    if (cat == ssh::connection::connection_category() &&
        static_cast<ssh::connection::errc>(ec.value()) == ssh::connection::errc::too_many_channels)
        return device_errc::channel_open_failed;
    if (cat == ssh::session::session_category()) {
        const auto e = static_cast<ssh::session::errc>(ec.value());
        // A server that stops answering keepalives is a dead link, as a reset is.
        return e == ssh::session::errc::keepalive_timeout ? device_errc::connection_reset
                                                          : device_errc::disconnected;
    }
    if (cat == boost::system::system_category() ||
        cat == boost::asio::error::get_netdb_category() ||
        cat == boost::asio::error::get_misc_category() || cat == boost::system::generic_category())
        return from_socket(ec);
    return device_errc::protocol_error;
}

} // namespace engine
