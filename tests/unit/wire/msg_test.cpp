#include <ssh/wire/msg.hpp>

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <utility>

using namespace ssh::wire;

BOOST_AUTO_TEST_SUITE(wire_msg)

// RFC 4250 §4.1.2 (plus RFC 8308 for 7 and 8), number by number.
BOOST_AUTO_TEST_CASE(numbers_match_the_rfc) {
    const std::pair<msg, int> table[] = {
        {msg::disconnect, 1},
        {msg::ignore, 2},
        {msg::unimplemented, 3},
        {msg::debug, 4},
        {msg::service_request, 5},
        {msg::service_accept, 6},
        {msg::ext_info, 7},
        {msg::newcompress, 8},
        {msg::kexinit, 20},
        {msg::newkeys, 21},
        {msg::userauth_request, 50},
        {msg::userauth_failure, 51},
        {msg::userauth_success, 52},
        {msg::userauth_banner, 53},
        {msg::global_request, 80},
        {msg::request_success, 81},
        {msg::request_failure, 82},
        {msg::channel_open, 90},
        {msg::channel_open_confirmation, 91},
        {msg::channel_open_failure, 92},
        {msg::channel_window_adjust, 93},
        {msg::channel_data, 94},
        {msg::channel_extended_data, 95},
        {msg::channel_eof, 96},
        {msg::channel_close, 97},
        {msg::channel_request, 98},
        {msg::channel_success, 99},
        {msg::channel_failure, 100},
        {kexdh_init, 30},
        {kexdh_reply, 31},
        {kex_ecdh_init, 30},
        {kex_ecdh_reply, 31},
        {kex_dh_gex_request_old, 30},
        {kex_dh_gex_group, 31},
        {kex_dh_gex_init, 32},
        {kex_dh_gex_reply, 33},
        {kex_dh_gex_request, 34},
        {userauth_pk_ok, 60},
        {userauth_passwd_changereq, 60},
        {userauth_info_request, 60},
        {userauth_info_response, 61},
    };
    for (const auto& [m, n] : table)
        BOOST_TEST(number(m) == n);
}

BOOST_AUTO_TEST_CASE(assigned_numbers_have_distinct_rfc_names) {
    const int assigned[] = {1,  2,  3,  4,  5,  6,  7,  8,  20, 21, 30, 31, 32, 33, 34, 50, 51, 52,
                            53, 60, 61, 80, 81, 82, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100};
    std::set<std::string_view> seen;
    for (int n : assigned) {
        const auto name = msg_name(static_cast<std::uint8_t>(n));
        BOOST_TEST_CONTEXT("message " << n << " " << name) {
            BOOST_TEST(name.starts_with("SSH_MSG_"));
            BOOST_TEST(seen.insert(name).second);
        }
    }
    BOOST_TEST(msg_name(msg::kexinit) == "SSH_MSG_KEXINIT");
    BOOST_TEST(msg_name(msg::channel_open_confirmation) == "SSH_MSG_CHANNEL_OPEN_CONFIRMATION");
    BOOST_TEST(msg_name(kex_ecdh_reply).find("KEX_ECDH_REPLY") != std::string_view::npos);
    BOOST_TEST(msg_name(kex_dh_gex_group).find("KEX_DH_GEX_GROUP") != std::string_view::npos);
    BOOST_TEST(msg_name(userauth_pk_ok).find("PK_OK") != std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(unassigned_numbers_name_their_range) {
    const std::pair<int, std::string_view> table[] = {
        {0, "unassigned (0)"},
        {9, "unassigned (transport generic)"},
        {25, "unassigned (algorithm negotiation)"},
        {49, "unassigned (key exchange method specific)"},
        {54, "unassigned (userauth generic)"},
        {79, "unassigned (userauth method specific)"},
        {89, "unassigned (connection generic)"},
        {127, "unassigned (channel related)"},
        {128, "unassigned (reserved for client protocols)"},
        {192, "unassigned (local extension)"},
        {255, "unassigned (local extension)"},
    };
    for (const auto& [n, name] : table)
        BOOST_TEST(msg_name(static_cast<std::uint8_t>(n)) == name);
}

BOOST_AUTO_TEST_CASE(every_number_has_a_name) {
    for (int n = 0; n <= 255; ++n)
        BOOST_TEST(!msg_name(static_cast<std::uint8_t>(n)).empty());
}

BOOST_AUTO_TEST_CASE(layer_ranges) {
    BOOST_TEST(!is_transport(0));
    BOOST_TEST(is_transport(number(msg::disconnect)));
    BOOST_TEST(is_transport(number(kex_dh_gex_request)));
    BOOST_TEST(is_transport(49));
    BOOST_TEST(!is_transport(50));
    BOOST_TEST(is_userauth(number(msg::userauth_request)));
    BOOST_TEST(is_userauth(79));
    BOOST_TEST(!is_userauth(80));
    BOOST_TEST(is_connection(number(msg::global_request)));
    BOOST_TEST(is_connection(number(msg::channel_failure)));
    BOOST_TEST(is_connection(127));
    BOOST_TEST(!is_connection(128));
    for (int n = 0; n <= 255; ++n) {
        const auto b = static_cast<std::uint8_t>(n);
        BOOST_TEST(is_transport(b) + is_userauth(b) + is_connection(b) <= 1);
    }
}

BOOST_AUTO_TEST_SUITE_END()
