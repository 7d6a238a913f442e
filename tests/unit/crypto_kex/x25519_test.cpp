// curve25519-sha256 key agreement (RFC 8731, RFC 7748).

#include "kex_test_support.hpp"

#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/key_agreement.hpp>

#include <boost/test/unit_test.hpp>

using namespace ssh::crypto;
using kex_test::from_hex;
using kex_test::scripted_random;
using kex_test::to_hex;

namespace {

// RFC 7748 §6.1.
const auto alice_private =
    from_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
const auto alice_public =
    from_hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
const auto bob_private =
    from_hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
const auto bob_public =
    from_hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
const std::string shared_hex = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

std::unique_ptr<key_agreement> make(random_source& rng) {
    boost::system::error_code ec;
    auto ka = make_key_agreement(*find_kex("curve25519-sha256"), rng, ec);
    BOOST_TEST_REQUIRE(!ec);
    BOOST_TEST_REQUIRE(ka != nullptr);
    return ka;
}

} // namespace

BOOST_AUTO_TEST_SUITE(x25519)

BOOST_AUTO_TEST_CASE(rfc7748_alice_and_bob) {
    scripted_random alice_rng(alice_private);
    scripted_random bob_rng(bob_private);
    auto alice = make(alice_rng);
    auto bob = make(bob_rng);
    BOOST_TEST(to_hex(alice->public_value()) == to_hex(alice_public));
    BOOST_TEST(to_hex(bob->public_value()) == to_hex(bob_public));

    boost::system::error_code ec;
    const auto k_alice = alice->agree(bob->public_value(), ec);
    BOOST_TEST(!ec);
    const auto k_bob = bob->agree(alice->public_value(), ec);
    BOOST_TEST(!ec);
    // RFC 8731 §3: the 32 bytes read as a big-endian integer; this one has no leading zero.
    BOOST_TEST(to_hex(k_alice) == shared_hex);
    BOOST_TEST(to_hex(k_bob) == shared_hex);
}

BOOST_AUTO_TEST_CASE(random_keys_agree) {
    auto a = make(system_random());
    auto b = make(system_random());
    BOOST_TEST(a->public_value().size() == 32u);
    boost::system::error_code ec1, ec2;
    const auto k1 = a->agree(b->public_value(), ec1);
    const auto k2 = b->agree(a->public_value(), ec2);
    BOOST_TEST(!ec1);
    BOOST_TEST(!ec2);
    BOOST_TEST(!k1.empty());
    BOOST_TEST(to_hex(k1) == to_hex(k2));
    BOOST_TEST(k1.front() != 0);
}

BOOST_AUTO_TEST_CASE(all_zero_result_is_weak) {
    auto a = make(system_random());
    boost::system::error_code ec;
    // The identity point (u = 0) and u = 1 (order 1 and 4 points) give an all-zero output.
    for (const auto& peer :
         {bytes(32, 0),
          from_hex("0100000000000000000000000000000000000000000000000000000000000000")}) {
        const auto k = a->agree(peer, ec);
        BOOST_TEST((ec == errc::weak_shared_secret));
        BOOST_TEST(k.empty());
    }
}

BOOST_AUTO_TEST_CASE(peer_of_wrong_length_is_invalid) {
    auto a = make(system_random());
    boost::system::error_code ec;
    for (std::size_t size : {0u, 31u, 33u, 64u}) {
        const auto k = a->agree(bytes(size, 9), ec);
        BOOST_TEST((ec == errc::invalid_public_value), size);
        BOOST_TEST(k.empty());
    }
    // An error does not spoil the key: a good value still agrees afterwards.
    scripted_random bob_rng(bob_private);
    auto bob = make(bob_rng);
    (void)a->agree(bob->public_value(), ec);
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_CASE(libssh_name_is_the_same_method) {
    scripted_random rng(alice_private);
    boost::system::error_code ec;
    auto ka = make_key_agreement(*find_kex("curve25519-sha256@libssh.org"), rng, ec);
    BOOST_TEST_REQUIRE(ka != nullptr);
    BOOST_TEST(to_hex(ka->public_value()) == to_hex(alice_public));
    BOOST_TEST(to_hex(ka->agree(bob_public, ec)) == shared_hex);
}

BOOST_AUTO_TEST_SUITE_END()
