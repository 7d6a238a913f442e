#include <engine/device_error.hpp>

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

namespace {
constexpr engine::device_errc all_errors[] = {
    engine::device_errc::connection_refused,  engine::device_errc::connect_timeout,
    engine::device_errc::unreachable,         engine::device_errc::connection_reset,
    engine::device_errc::auth_failed,         engine::device_errc::unknown_host_key,
    engine::device_errc::host_key_mismatch,   engine::device_errc::no_common_algorithm,
    engine::device_errc::protocol_error,      engine::device_errc::disconnected,
    engine::device_errc::channel_open_failed, engine::device_errc::command_timeout,
    engine::device_errc::device_timeout,      engine::device_errc::prompt_not_found,
    engine::device_errc::device_error,        engine::device_errc::transfer_failed,
    engine::device_errc::interrupted,
};
} // namespace

BOOST_AUTO_TEST_SUITE(device_error)

BOOST_AUTO_TEST_CASE(every_class_has_a_unique_name_and_a_message) {
    std::set<std::string> names;
    for (auto e : all_errors) {
        const boost::system::error_code ec = e;
        BOOST_TEST(ec.category().name() == std::string("fleetsh.device"));
        BOOST_TEST(!ec.message().empty());
        BOOST_TEST(ec.message() != "unknown device error");
        const auto name = std::string(engine::error_class_name(e));
        BOOST_TEST(name != "unknown");
        BOOST_TEST(names.insert(name).second, "duplicate class name " << name);
    }
}

BOOST_AUTO_TEST_CASE(error_codes_compare_by_category_and_value) {
    const boost::system::error_code refused = engine::device_errc::connection_refused;
    BOOST_TEST((refused == engine::device_errc::connection_refused));
    BOOST_TEST((refused != engine::device_errc::auth_failed));
    const boost::system::error_code other_category(
        static_cast<int>(engine::device_errc::connection_refused),
        boost::system::generic_category());
    BOOST_TEST((refused != other_category));
}

BOOST_AUTO_TEST_CASE(only_network_failures_are_transient) {
    using engine::device_errc;
    const std::set<device_errc> transient = {device_errc::connection_refused,
                                             device_errc::connect_timeout, device_errc::unreachable,
                                             device_errc::connection_reset};
    for (auto e : all_errors)
        BOOST_TEST(engine::is_transient(e) == transient.contains(e), engine::error_class_name(e));
}

BOOST_AUTO_TEST_SUITE_END()
