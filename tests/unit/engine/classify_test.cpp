#include <engine/classify.hpp>
#include <ssh/asio/errc.hpp>
#include <ssh/auth/errc.hpp>
#include <ssh/connection/errc.hpp>
#include <ssh/known_hosts/errc.hpp>
#include <ssh/session/errc.hpp>
#include <ssh/transport/errc.hpp>

#include <boost/asio/error.hpp>
#include <boost/test/unit_test.hpp>

using engine::device_errc;

BOOST_AUTO_TEST_SUITE(classify)

BOOST_AUTO_TEST_CASE(every_layer_maps_to_the_class_a_user_acts_on) {
    namespace ae = boost::asio::error;
    const std::pair<boost::system::error_code, device_errc> table[] = {
        {ae::connection_refused, device_errc::connection_refused},
        {ae::timed_out, device_errc::connect_timeout},
        {ae::host_unreachable, device_errc::unreachable},
        {ae::host_not_found, device_errc::unreachable},
        {ae::connection_reset, device_errc::connection_reset},
        {ae::eof, device_errc::connection_reset},
        {ssh::asio::errc::kex_timeout, device_errc::connect_timeout},
        {ssh::asio::errc::command_timeout, device_errc::command_timeout},
        {ssh::asio::errc::channel_open_failed, device_errc::channel_open_failed},
        {ssh::asio::errc::connection_lost, device_errc::connection_reset},
        {ssh::transport::errc::no_common_algorithm, device_errc::no_common_algorithm},
        {ssh::transport::errc::peer_disconnected, device_errc::disconnected},
        {ssh::transport::errc::mac_mismatch, device_errc::protocol_error},
        {ssh::transport::errc::host_key_signature_invalid, device_errc::protocol_error},
        {ssh::known_hosts::errc::host_key_unknown, device_errc::unknown_host_key},
        {ssh::known_hosts::errc::host_key_mismatch, device_errc::host_key_mismatch},
        {ssh::known_hosts::errc::host_key_revoked, device_errc::host_key_mismatch},
        {ssh::auth::errc::auth_failed, device_errc::auth_failed},
        {ssh::auth::errc::no_methods_left, device_errc::auth_failed},
        {ssh::auth::errc::bad_message, device_errc::protocol_error},
        {ssh::connection::errc::window_exceeded, device_errc::protocol_error},
        {ssh::connection::errc::too_many_channels, device_errc::channel_open_failed},
        {ssh::session::errc::keepalive_timeout, device_errc::connection_reset},
        {engine::device_errc::prompt_not_found, device_errc::prompt_not_found},
    };
    for (const auto& [ec, expected] : table)
        BOOST_TEST((engine::classify(ec) == expected),
                   ec.category().name() << ":" << ec.message() << " -> "
                                        << engine::error_class_name(engine::classify(ec)));
}

BOOST_AUTO_TEST_CASE(authentication_and_host_key_failures_are_never_transient) {
    for (const boost::system::error_code ec :
         {boost::system::error_code(ssh::auth::errc::auth_failed),
          boost::system::error_code(ssh::known_hosts::errc::host_key_mismatch),
          boost::system::error_code(ssh::known_hosts::errc::host_key_unknown),
          boost::system::error_code(ssh::transport::errc::no_common_algorithm)})
        BOOST_TEST(!engine::is_transient(engine::classify(ec)), ec.message());
    BOOST_TEST(engine::is_transient(engine::classify(boost::asio::error::connection_refused)));
}

BOOST_AUTO_TEST_SUITE_END()
