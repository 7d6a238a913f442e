// ecdh-sha2-nistp256/384/521 key agreement (RFC 5656 §4).

#include "kex_test_support.hpp"

#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/key_agreement.hpp>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace ssh::crypto;
using kex_test::to_hex;

namespace {

struct curve {
    const char* name;
    std::size_t coordinate_size; // bytes of X and of Y
};

const curve curves[] = {
    {"ecdh-sha2-nistp256", 32},
    {"ecdh-sha2-nistp384", 48},
    {"ecdh-sha2-nistp521", 66},
};

std::ostream& operator<<(std::ostream& os, const curve& c) {
    return os << c.name;
}

// One side of an exchange; the agreement keeps a reference to its random source.
struct side {
    std::unique_ptr<random_source> rng;
    std::unique_ptr<key_agreement> ka;
    key_agreement* operator->() const { return ka.get(); }
};

side make(const curve& c, std::uint64_t seed) {
    side s{make_deterministic_random(seed), nullptr};
    boost::system::error_code ec;
    s.ka = make_key_agreement(*find_kex(c.name), *s.rng, ec);
    BOOST_TEST_REQUIRE(!ec);
    BOOST_TEST_REQUIRE(s.ka != nullptr);
    return s;
}

void expect_invalid(key_agreement& ka, const bytes& peer, const char* what) {
    boost::system::error_code ec;
    const auto k = ka.agree(peer, ec);
    BOOST_TEST((ec == errc::invalid_public_value), what);
    BOOST_TEST(k.empty(), what);
}

} // namespace

BOOST_AUTO_TEST_SUITE(ecdh)

BOOST_DATA_TEST_CASE(two_sides_agree, boost::unit_test::data::make(curves), c) {
    auto client = make(c, 1);
    auto server = make(c, 2);
    const auto q_c = client->public_value();
    BOOST_TEST(q_c.size() == 1 + 2 * c.coordinate_size);
    BOOST_TEST(q_c[0] == 0x04);

    boost::system::error_code ec1, ec2;
    const auto k1 = client->agree(server->public_value(), ec1);
    const auto k2 = server->agree(client->public_value(), ec2);
    BOOST_TEST(!ec1);
    BOOST_TEST(!ec2);
    BOOST_TEST(!k1.empty());
    BOOST_TEST(k1.size() <= c.coordinate_size);
    BOOST_TEST(k1.front() != 0); // canonical: mpint(K) of the x-coordinate's value
    BOOST_TEST(to_hex(k1) == to_hex(k2));
}

BOOST_DATA_TEST_CASE(malformed_points_are_invalid, boost::unit_test::data::make(curves), c) {
    auto self = make(c, 3);
    auto peer = make(c, 4);
    const bytes good(peer->public_value().begin(), peer->public_value().end());

    // SEC 1 compressed form (0x02/0x03 || X): Botan would accept it; RFC 5656 does not.
    bytes compressed(good.begin(), good.begin() + 1 + c.coordinate_size);
    compressed[0] = static_cast<std::uint8_t>(0x02 | (good.back() & 1));
    expect_invalid(*self.ka, compressed, "compressed");
    // Uncompressed tag on a compressed-length value.
    compressed[0] = 0x04;
    expect_invalid(*self.ka, compressed, "0x04 with compressed length");
    // Hybrid form (0x06/0x07) with the right length.
    bytes hybrid = good;
    hybrid[0] = static_cast<std::uint8_t>(0x06 | (good.back() & 1));
    expect_invalid(*self.ka, hybrid, "hybrid");

    bytes off_curve = good;
    off_curve.back() ^= 0x01;
    expect_invalid(*self.ka, off_curve, "off the curve");

    expect_invalid(*self.ka, bytes(good.begin(), good.end() - 1), "one byte short");
    bytes longer = good;
    longer.push_back(0);
    expect_invalid(*self.ka, longer, "one byte long");
    expect_invalid(*self.ka, {}, "empty");
    expect_invalid(*self.ka, {0x00}, "point at infinity");

    bytes origin(good.size(), 0);
    origin[0] = 0x04;
    expect_invalid(*self.ka, origin, "(0, 0)");
    // X = 2^k - 1 for all coordinate bytes: at least p, so not a field element.
    bytes too_big(good.size(), 0xff);
    too_big[0] = 0x04;
    expect_invalid(*self.ka, too_big, "coordinates >= p");

    // The key still works after rejections.
    boost::system::error_code ec;
    BOOST_TEST(!self->agree(good, ec).empty());
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_SUITE_END()
