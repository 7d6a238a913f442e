// The KEX registry (ssh-conformance.md §2.1).

#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/key_agreement.hpp>
#include <ssh/crypto/key_exchange.hpp>

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using namespace ssh::crypto;

BOOST_AUTO_TEST_SUITE(kex_registry)

BOOST_AUTO_TEST_CASE(names_are_unique_and_found) {
    std::set<std::string_view> seen;
    for (const auto& info : all_kex()) {
        BOOST_TEST(seen.insert(info.name).second, info.name);
        BOOST_TEST(find_kex(info.name) == &info);
        BOOST_TEST(!is_kex_pseudo_algorithm(info.name));
    }
    BOOST_TEST(seen.size() == 9u);
    BOOST_TEST(find_kex("diffie-hellman-group1-sha1") == nullptr);
    BOOST_TEST(find_kex("") == nullptr);
    BOOST_TEST(find_kex("curve25519-sha256 ") == nullptr);
}

BOOST_AUTO_TEST_CASE(kind_hash_and_tier_as_specified) {
    struct expected {
        std::string_view name;
        kex_kind kind;
        hash_alg hash;
        std::size_t bits;
    };
    const expected table[] = {
        {"curve25519-sha256", kex_kind::curve25519, hash_alg::sha256, 255},
        {"curve25519-sha256@libssh.org", kex_kind::curve25519, hash_alg::sha256, 255},
        {"ecdh-sha2-nistp256", kex_kind::ecdh, hash_alg::sha256, 256},
        {"ecdh-sha2-nistp384", kex_kind::ecdh, hash_alg::sha384, 384},
        {"ecdh-sha2-nistp521", kex_kind::ecdh, hash_alg::sha512, 521},
        {"diffie-hellman-group14-sha256", kex_kind::dh_fixed_group, hash_alg::sha256, 2048},
        {"diffie-hellman-group16-sha512", kex_kind::dh_fixed_group, hash_alg::sha512, 4096},
        {"diffie-hellman-group18-sha512", kex_kind::dh_fixed_group, hash_alg::sha512, 8192},
        {"diffie-hellman-group-exchange-sha256", kex_kind::dh_group_exchange, hash_alg::sha256, 0},
    };
    for (const auto& e : table) {
        const auto* info = find_kex(e.name);
        BOOST_TEST_REQUIRE(info != nullptr, e.name);
        BOOST_TEST((info->kind == e.kind), e.name);
        BOOST_TEST((info->hash == e.hash), e.name);
        BOOST_TEST(info->group_bits == e.bits, e.name);
        BOOST_TEST((info->tier == algorithm_tier::default_on), e.name);
    }
}

BOOST_AUTO_TEST_CASE(pseudo_algorithms_are_not_methods) {
    for (auto name : {"ext-info-c", "ext-info-s", "kex-strict-c-v00@openssh.com",
                      "kex-strict-s-v00@openssh.com"}) {
        BOOST_TEST(is_kex_pseudo_algorithm(name), name);
        BOOST_TEST(find_kex(name) == nullptr, name);
    }
    BOOST_TEST(ext_info_c == "ext-info-c");
    BOOST_TEST(kex_strict_s == "kex-strict-s-v00@openssh.com");
    BOOST_TEST(!is_kex_pseudo_algorithm("ext-info"));
    BOOST_TEST(!is_kex_pseudo_algorithm("curve25519-sha256"));
}

BOOST_AUTO_TEST_CASE(group_exchange_needs_its_own_factory) {
    boost::system::error_code ec;
    auto ka =
        make_key_agreement(*find_kex("diffie-hellman-group-exchange-sha256"), system_random(), ec);
    BOOST_TEST(!ka);
    BOOST_TEST((ec == errc::unknown_algorithm));
}

BOOST_AUTO_TEST_SUITE_END()
