// diffie-hellman-group-exchange-sha256 (RFC 4419): the server's group choice and the
// client's checks of the group it receives.

#include "kex_test_support.hpp"

#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/hash.hpp>
#include <ssh/crypto/key_agreement.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdint>

using namespace ssh::crypto;
using kex_test::to_hex;

namespace {

// SHA-256 of the RFC 3526 primes p = 2^n - 2^(n-64) - 1 + 2^64 * (floor(2^(n-130) pi) + c),
// computed with python3 (mpmath pi at 9000 bits; c = 124476, 240904, 4743158), big-endian.
const char* rfc3526_p_sha256(std::size_t bits) {
    switch (bits) {
    case 2048:
        return "d66436f79bbd6b2e38c0ffbd079be904d2641415e2e67140e09448be9a60890e";
    case 4096:
        return "4ee95187682bcb230ad26a95205f6920e84708f6251b3894329b09ec23919e33";
    case 8192:
        return "39ab4feab950a3128fb71accb9fc3965d857012e081998a85996e3ea8b3c3bcf";
    }
    return "";
}

// The bit length of the group chosen for (min, n, max), or 0 on bad_group.
std::size_t chosen_bits(std::uint32_t min, std::uint32_t n, std::uint32_t max) {
    boost::system::error_code ec;
    const auto group = select_gex_group(min, n, max, ec);
    if (ec) {
        BOOST_TEST((ec == errc::bad_group));
        BOOST_TEST(group.p.empty());
        return 0;
    }
    BOOST_TEST(to_hex(group.g) == "02");
    BOOST_TEST(to_hex(digest(hash_alg::sha256, group.p)) == rfc3526_p_sha256(group.p.size() * 8));
    return group.p.size() * 8;
}

std::unique_ptr<key_agreement> group_agreement(const bytes& p, const bytes& g, random_source& rng,
                                               boost::system::error_code& ec) {
    return make_dh_group_agreement(p, g, rng, ec);
}

void expect_bad_group(const bytes& p, const bytes& g, const char* what) {
    boost::system::error_code ec;
    auto ka = group_agreement(p, g, system_random(), ec);
    BOOST_TEST(!ka, what);
    BOOST_TEST((ec == errc::bad_group), what);
}

} // namespace

BOOST_AUTO_TEST_SUITE(gex)

// OpenSSH dh_new_group_fallback(): max < 3072 -> 2048, max < 6144 -> 4096, else 8192.
BOOST_AUTO_TEST_CASE(server_follows_openssh_fallback) {
    BOOST_TEST(chosen_bits(2048, 3072, 8192) == 8192u); // what OpenSSH clients send
    BOOST_TEST(chosen_bits(2048, 8192, 8192) == 8192u);
    BOOST_TEST(chosen_bits(2048, 2048, 2048) == 2048u);
    BOOST_TEST(chosen_bits(1024, 2048, 3071) == 2048u);
    BOOST_TEST(chosen_bits(2048, 3072, 3072) == 0u); // group16 > max
    BOOST_TEST(chosen_bits(2048, 4096, 4096) == 4096u);
    BOOST_TEST(chosen_bits(2048, 4096, 6143) == 4096u);
    BOOST_TEST(chosen_bits(2048, 6144, 6144) == 0u); // 8192 > max
    BOOST_TEST(chosen_bits(8192, 8192, 8192) == 8192u);
    BOOST_TEST(chosen_bits(2048, 8192, 0xffffffff) == 8192u); // max capped at 8192
    BOOST_TEST(chosen_bits(1024, 1024, 1024) == 0u);          // legacy 1024: too small
    BOOST_TEST(chosen_bits(3072, 3072, 3072) == 0u);          // group14 < min
    BOOST_TEST(chosen_bits(9000, 9000, 9000) == 0u);          // nothing that large
}

BOOST_AUTO_TEST_CASE(server_rejects_unordered_requests) {
    BOOST_TEST(chosen_bits(4096, 2048, 8192) == 0u); // n < min
    BOOST_TEST(chosen_bits(2048, 8192, 4096) == 0u); // n > max
    BOOST_TEST(chosen_bits(8192, 8192, 2048) == 0u); // max < min
}

BOOST_AUTO_TEST_CASE(client_and_server_agree_over_the_group) {
    boost::system::error_code ec;
    const auto group = select_gex_group(2048, 2048, 2048, ec);
    BOOST_TEST_REQUIRE(!ec);
    auto client_rng = make_deterministic_random(41);
    auto server_rng = make_deterministic_random(42);
    auto client = group_agreement(group.p, group.g, *client_rng, ec);
    BOOST_TEST_REQUIRE(!ec);
    auto server = group_agreement(group.p, group.g, *server_rng, ec);
    BOOST_TEST_REQUIRE(!ec);
    const auto k1 = client->agree(server->public_value(), ec);
    BOOST_TEST(!ec);
    const auto k2 = server->agree(client->public_value(), ec);
    BOOST_TEST(!ec);
    BOOST_TEST_REQUIRE(!k1.empty());
    BOOST_TEST(k1.front() != 0);
    BOOST_TEST(to_hex(k1) == to_hex(k2));

    // The peer value is checked against this group's p: p itself is out of range.
    (void)client->agree(group.p, ec);
    BOOST_TEST((ec == errc::invalid_public_value));
}

BOOST_AUTO_TEST_CASE(client_rejects_unusable_groups) {
    boost::system::error_code ec;
    const auto group14 = select_gex_group(2048, 2048, 2048, ec);
    BOOST_TEST_REQUIRE(!ec);
    const bytes two{0x02};

    // 1024 bits: an odd value with the top bit set (the size alone is the reason).
    bytes p1024(128, 0xff);
    expect_bad_group(p1024, two, "1024-bit p");
    bytes p2047(256, 0xff);
    p2047[0] = 0x7f;
    expect_bad_group(p2047, two, "2047-bit p");
    // 8200 bits: 1025 bytes, top byte 0x80.
    bytes p8200(1025, 0xff);
    p8200[0] = 0x80;
    expect_bad_group(p8200, two, "8200-bit p");
    bytes even = group14.p;
    even.back() ^= 0x01;
    expect_bad_group(even, two, "even p");
    expect_bad_group({}, two, "p = 0");

    expect_bad_group(group14.p, {}, "g = 0");
    expect_bad_group(group14.p, {0x01}, "g = 1");
    bytes p_minus_1 = group14.p;
    p_minus_1.back() ^= 0x01; // p ends in 0xff
    expect_bad_group(group14.p, p_minus_1, "g = p-1");
    expect_bad_group(group14.p, group14.p, "g = p");

    // 2048 and 8192 bits are inside the bounds.
    const auto group18 = select_gex_group(8192, 8192, 8192, ec);
    BOOST_TEST_REQUIRE(!ec);
    for (const auto* p : {&group14.p, &group18.p}) {
        auto ok = group_agreement(*p, two, system_random(), ec);
        BOOST_TEST(!ec);
        BOOST_TEST(ok != nullptr);
    }
}

BOOST_AUTO_TEST_SUITE_END()
