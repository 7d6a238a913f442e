// RFC 4253 §7.2 key derivation against an independent computation.

#include "kex_test_support.hpp"

#include <ssh/crypto/key_derivation.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/test/unit_test.hpp>

#include <numeric>

using namespace ssh::crypto;
using kex_test::to_hex;

namespace {

bytes run(std::uint8_t first, std::size_t n) {
    bytes out(n);
    std::iota(out.begin(), out.end(), first);
    return out;
}

// K = the integer 0x8081...9f (32 bytes), H = 00 01 .. 1f, session_id = a0 a1 .. bf.
struct inputs {
    bytes k_magnitude = run(0x80, 32);
    bytes h = run(0x00, 32);
    bytes session_id = run(0xa0, 32);
    bytes encoded_k;
    inputs() {
        ssh::wire::writer w;
        w.mpint_unsigned(k_magnitude);
        encoded_k = w.take();
    }
};

std::string derive(hash_alg alg, char letter, std::size_t size) {
    const inputs in;
    return to_hex(derive_key(alg, in.encoded_k, in.h, letter, in.session_id, size));
}

} // namespace

BOOST_AUTO_TEST_SUITE(key_derivation)

BOOST_AUTO_TEST_CASE(k_is_hashed_as_its_mpint) {
    // The high bit of K is set: its mpint is 00000021 00 80 81 ... 9f.
    const inputs in;
    BOOST_TEST(in.encoded_k.size() == 4u + 1u + 32u);
    BOOST_TEST(to_hex(bytes(in.encoded_k.begin(), in.encoded_k.begin() + 6)) == "000000210080");
}

// Expected values from python3 hashlib, in the way RFC 4253 §7.2 reads:
//   K1 = H(K || H || letter || session_id); K(n+1) = H(K || H || K1 || ... || Kn)
// with K the mpint above (length prefix included).
BOOST_AUTO_TEST_CASE(one_block) {
    BOOST_TEST(derive(hash_alg::sha256, 'A', 16) == "772d1698f2a9400b555d10896fee52ce");
    BOOST_TEST(derive(hash_alg::sha256, 'C', 32) ==
               "f36b62c5b89d1744adba851619cbc66dcafb08f564e2af32453d9fea9f889f70");
    BOOST_TEST(derive(hash_alg::sha384, 'B', 48) ==
               "43399ff391a7f80d4406fd41b05adf656d2bfb15c1bc5eda69c12ec118047d06c44e0ee60b10061"
               "77b15c3ba38e9ea8c");
    BOOST_TEST(derive(hash_alg::sha512, 'F', 64) ==
               "352a0bac21f61a3fe163155de7543af712fc183840e24211860529b8080fadbc135ecaa17d11cd9"
               "69cc85cc7f9dc9b142c52075b3f38692af933b03d8e968e36");
}

BOOST_AUTO_TEST_CASE(extends_past_one_digest) {
    // 64 bytes with SHA-256 (chacha20-poly1305 keys): K1 || K2, K1 as above.
    BOOST_TEST(derive(hash_alg::sha256, 'C', 64) ==
               "f36b62c5b89d1744adba851619cbc66dcafb08f564e2af32453d9fea9f889f70"
               "86bb3c0a2bf9e6e5305ea85ec0842d2514bc348a362dadfa612f1ac0b24cb7bb");
    // K1 || K2 || K3 || K4, truncated.
    BOOST_TEST(derive(hash_alg::sha256, 'D', 100) ==
               "42f1344ddceb02fb7c71aa782bcf2f50b2a3fc08afc2d31cb8eccf29667d0ca6c7d2d8a05c7f5cc"
               "67bee78da7c8b09c37ad705d399130a84a430dfa0b686839e71f2d1c55f73abcdfbf5d8c67dade0"
               "837a16f94a1facfed99d03f985de6d3f7918ca457c");
    BOOST_TEST(derive(hash_alg::sha1, 'E', 40) ==
               "79fa9eeb511171b46b6754cacc1c3f7b6e1b1199b2d46e679a17f1a53eec0fa44ee69f64e214b0c3");
    BOOST_TEST(derive(hash_alg::sha512, 'C', 130) ==
               "f7faf57417fd031c41b8725d2e5c6e1a16a524ed2a70b91f8bd4dc6b6d4725000fab80ddd59fd76"
               "54da717a886dc52d4330657c092d413337186f659e739bdf0411683083871f2dd744f5e5ee01669"
               "d2ae04cefe09f5aebb5252a825e03df925023de259cdca34f1324914ccf2d2115717d4a194e6c87"
               "29c7705c4f341f98d422497");
}

BOOST_AUTO_TEST_CASE(size_zero_is_empty) {
    BOOST_TEST(derive(hash_alg::sha256, 'A', 0).empty());
}

BOOST_AUTO_TEST_CASE(letters_and_session_id_matter) {
    const inputs in;
    const auto a = derive_key(hash_alg::sha256, in.encoded_k, in.h, 'A', in.session_id, 32);
    const auto b = derive_key(hash_alg::sha256, in.encoded_k, in.h, 'B', in.session_id, 32);
    const auto first_kex = derive_key(hash_alg::sha256, in.encoded_k, in.h, 'A', in.h, 32);
    BOOST_TEST(to_hex(a) != to_hex(b));
    BOOST_TEST(to_hex(a) != to_hex(first_kex));
}

BOOST_AUTO_TEST_SUITE_END()
