// diffie-hellman-group14-sha256 / group16-sha512 / group18-sha512 key agreement
// (RFC 4253 §8, RFC 8268).

#include "kex_test_support.hpp"

#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/key_agreement.hpp>

#include <boost/test/unit_test.hpp>

using namespace ssh::crypto;
using kex_test::to_hex;

namespace {

struct side {
    std::unique_ptr<random_source> rng;
    std::unique_ptr<key_agreement> ka;
    key_agreement* operator->() const { return ka.get(); }
};

side make(const char* name, std::uint64_t seed) {
    side s{make_deterministic_random(seed), nullptr};
    boost::system::error_code ec;
    s.ka = make_key_agreement(*find_kex(name), *s.rng, ec);
    BOOST_TEST_REQUIRE(!ec);
    BOOST_TEST_REQUIRE(s.ka != nullptr);
    return s;
}

// The RFC 3526 group14 prime, taken through the GEX helper (checked in gex_test.cpp).
bytes group14_p() {
    boost::system::error_code ec;
    auto group = select_gex_group(2048, 2048, 2048, ec);
    BOOST_TEST_REQUIRE(!ec);
    return group.p;
}

// Big-endian magnitude plus a small signed delta (no carry out of the top byte here).
bytes add(bytes value, int delta) {
    int carry = delta;
    for (auto it = value.rbegin(); it != value.rend() && carry != 0; ++it) {
        const int sum = *it + carry;
        *it = static_cast<std::uint8_t>(sum & 0xff);
        carry = sum >> 8; // arithmetic shift: -1 for a borrow
    }
    return value;
}

void expect_agreement(const char* name) {
    auto client = make(name, 11);
    auto server = make(name, 12);
    boost::system::error_code ec1, ec2;
    const auto k1 = client->agree(server->public_value(), ec1);
    const auto k2 = server->agree(client->public_value(), ec2);
    BOOST_TEST(!ec1);
    BOOST_TEST(!ec2);
    BOOST_TEST_REQUIRE(!k1.empty());
    BOOST_TEST(k1.front() != 0);
    BOOST_TEST(to_hex(k1) == to_hex(k2));
    BOOST_TEST(client->public_value().front() != 0); // e is a magnitude, not padded
}

} // namespace

BOOST_AUTO_TEST_SUITE(dh)

BOOST_AUTO_TEST_CASE(group14_agrees) {
    expect_agreement("diffie-hellman-group14-sha256");
}
BOOST_AUTO_TEST_CASE(group16_agrees) {
    expect_agreement("diffie-hellman-group16-sha512");
}
BOOST_AUTO_TEST_CASE(group18_agrees) {
    expect_agreement("diffie-hellman-group18-sha512");
}

// Botan pads K to the size of p (ssh-conformance.md §2.1 DH notes); about 1 secret in 256
// has a leading zero byte. None may keep it. The deterministic seeds 1400..1699 include one
// such secret (seed 1553 gives a 255-byte K with this server key); the count guards that
// the test still reaches the case if the random stream or the backend changes.
BOOST_AUTO_TEST_CASE(shared_secret_is_canonical) {
    auto server = make("diffie-hellman-group14-sha256", 21);
    std::size_t shorter = 0;
    for (std::uint64_t seed = 1400; seed < 1700; ++seed) {
        auto client = make("diffie-hellman-group14-sha256", seed);
        boost::system::error_code ec1, ec2;
        const auto k1 = client->agree(server->public_value(), ec1);
        const auto k2 = server->agree(client->public_value(), ec2);
        BOOST_TEST_REQUIRE(!ec1);
        BOOST_TEST_REQUIRE(!ec2);
        BOOST_TEST_REQUIRE(!k1.empty());
        BOOST_TEST_REQUIRE(k1.front() != 0, "seed " << seed);
        BOOST_TEST_REQUIRE(to_hex(k1) == to_hex(k2), "seed " << seed);
        BOOST_TEST_REQUIRE(k1.size() <= 256u);
        shorter += k1.size() < 256 ? 1 : 0;
    }
    BOOST_TEST(shorter > 0u);
}

BOOST_AUTO_TEST_CASE(peer_value_out_of_range_is_invalid) {
    auto self = make("diffie-hellman-group14-sha256", 31);
    const auto p = group14_p();
    BOOST_TEST_REQUIRE(p.size() == 256u);

    bytes two_to_2048(257, 0);
    two_to_2048[0] = 1;
    struct bad {
        bytes value;
        const char* what;
    };
    const bad cases[] = {
        {{}, "0 (empty)"},   {{0x00}, "0"},
        {{0x01}, "1"},       {{0x00, 0x00, 0x01}, "1 with leading zeros"},
        {add(p, -1), "p-1"}, {p, "p"},
        {add(p, 1), "p+1"},  {two_to_2048, "2^2048"},
    };
    for (const auto& c : cases) {
        boost::system::error_code ec;
        const auto k = self->agree(c.value, ec);
        BOOST_TEST((ec == errc::invalid_public_value), c.what);
        BOOST_TEST(k.empty(), c.what);
    }

    // The edges just inside: 2 and p-2 are accepted, as are leading zero bytes.
    for (const auto& good : {bytes{0x02}, add(p, -2), bytes{0x00, 0x00, 0x05}}) {
        boost::system::error_code ec;
        BOOST_TEST(!self->agree(good, ec).empty());
        BOOST_TEST(!ec);
    }
}

BOOST_AUTO_TEST_SUITE_END()
