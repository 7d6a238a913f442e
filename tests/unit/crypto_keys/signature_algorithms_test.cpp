#include <ssh/crypto/signature_algorithms.hpp>

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using namespace ssh::crypto;

BOOST_AUTO_TEST_SUITE(signature_algorithms)

BOOST_AUTO_TEST_CASE(default_algorithms_and_their_key_types) {
    struct expected {
        const char* alg;
        const char* key;
    };
    for (const auto& e :
         {expected{"ssh-ed25519", "ssh-ed25519"},
          expected{"ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256"},
          expected{"ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384"},
          expected{"ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521"},
          expected{"rsa-sha2-512", "ssh-rsa"}, expected{"rsa-sha2-256", "ssh-rsa"}}) {
        const auto* info = find_signature_algorithm(e.alg);
        BOOST_TEST_REQUIRE(info != nullptr, e.alg);
        BOOST_TEST(info->name == e.alg);
        BOOST_TEST(describe(info->key).name == e.key, e.alg);
        BOOST_TEST((info->tier == algorithm_tier::default_on), e.alg);
        BOOST_TEST(signature_fits(e.alg, find_key_type(e.key)->type));
    }
}

BOOST_AUTO_TEST_CASE(sha1_rsa_is_legacy) {
    const auto* info = find_signature_algorithm("ssh-rsa");
    BOOST_TEST_REQUIRE(info != nullptr);
    BOOST_TEST((info->tier == algorithm_tier::legacy));
    BOOST_TEST((info->key == key_type::rsa));
}

BOOST_AUTO_TEST_CASE(unknown_names) {
    for (const char* name : {"", "ssh-dss", "ssh-ed448", "rsa-sha2-384", "SSH-ED25519",
                             "ssh-ed25519-cert-v01@openssh.com", "sk-ssh-ed25519@openssh.com"}) {
        BOOST_TEST(find_signature_algorithm(name) == nullptr, name);
        BOOST_TEST(find_key_type(name) == nullptr, name);
    }
    // rsa-sha2-* are signature algorithms, never key blob types (RFC 8332 §3).
    BOOST_TEST(find_key_type("rsa-sha2-256") == nullptr);
}

BOOST_AUTO_TEST_CASE(fit_is_per_key_type) {
    BOOST_TEST(signature_fits("rsa-sha2-512", key_type::rsa));
    BOOST_TEST(signature_fits("ssh-rsa", key_type::rsa));
    BOOST_TEST(!signature_fits("rsa-sha2-512", key_type::ed25519));
    BOOST_TEST(!signature_fits("ecdsa-sha2-nistp384", key_type::ecdsa_nistp256));
    BOOST_TEST(!signature_fits("ssh-ed25519", key_type::rsa));
    BOOST_TEST(!signature_fits("no-such-alg", key_type::rsa));
}

BOOST_AUTO_TEST_CASE(tables_are_consistent) {
    std::set<std::string_view> names;
    for (const auto& info : all_signature_algorithms()) {
        BOOST_TEST(names.insert(info.name).second, "duplicate " << info.name);
        BOOST_TEST(find_signature_algorithm(info.name) == &info);
    }
    for (const auto& info : all_key_types()) {
        BOOST_TEST(&describe(info.type) == &info);
        BOOST_TEST(find_key_type(info.name) == &info);
        const bool ecdsa = info.name.starts_with("ecdsa-sha2-");
        BOOST_TEST(ecdsa == !info.curve_id.empty());
        if (ecdsa)
            BOOST_TEST(info.name.substr(11) == info.curve_id); // RFC 5656 §6.2
    }
}

BOOST_AUTO_TEST_SUITE_END()
