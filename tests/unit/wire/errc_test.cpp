#include <ssh/wire/errc.hpp>

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using ssh::wire::errc;

namespace {
constexpr errc all_errors[] = {
    errc::truncated,         errc::trailing_data,  errc::length_exceeds_limit,
    errc::bad_mpint,         errc::negative_mpint, errc::bad_name_list,
    errc::bad_name_char,     errc::too_many_names, errc::length_overflow,
    errc::unbalanced_string,
};
}

BOOST_AUTO_TEST_SUITE(wire_errc)

BOOST_AUTO_TEST_CASE(category_is_named_ssh_wire) {
    BOOST_TEST(std::string(ssh::wire::wire_category().name()) == "ssh.wire");
}

BOOST_AUTO_TEST_CASE(every_value_has_its_own_message) {
    std::set<std::string> seen;
    for (errc e : all_errors) {
        const std::string m = ssh::wire::make_error_code(e).message();
        BOOST_TEST_CONTEXT("errc " << static_cast<int>(e)) {
            BOOST_TEST(!m.empty());
            BOOST_TEST(m.find("unknown") == std::string::npos);
            BOOST_TEST(seen.insert(m).second);
        }
    }
}

BOOST_AUTO_TEST_CASE(values_start_at_one_so_none_means_success) {
    BOOST_TEST(static_cast<int>(errc::truncated) == 1);
    for (errc e : all_errors) {
        const boost::system::error_code ec = e; // implicit, via is_error_code_enum
        BOOST_TEST(ec.failed());
        BOOST_TEST(&ec.category() == &ssh::wire::wire_category());
        BOOST_TEST(ec.value() == static_cast<int>(e));
    }
}

BOOST_AUTO_TEST_CASE(compares_with_the_enum) {
    const boost::system::error_code ec = errc::trailing_data;
    BOOST_TEST((ec == errc::trailing_data));
    BOOST_TEST((ec != errc::truncated));
}

BOOST_AUTO_TEST_CASE(out_of_range_value_still_has_a_message) {
    const boost::system::error_code ec{999, ssh::wire::wire_category()};
    BOOST_TEST(ec.message().find("999") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
