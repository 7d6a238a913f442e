#include <ssh/crypto/backend_self_test.hpp>

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

BOOST_AUTO_TEST_SUITE(backend_self_test)

BOOST_AUTO_TEST_CASE(every_primitive_family_passes_its_known_answer) {
    const auto results = ssh::crypto::run_backend_self_tests();
    std::set<std::string> names;
    for (const auto& r : results) {
        BOOST_TEST(r.passed, r.name << " (" << r.source << "): " << r.detail);
        BOOST_TEST(r.detail.empty() == r.passed);
        names.insert(r.name);
    }
    // The families the transport needs: hashes, HMAC, chacha20-poly1305, AES-CTR, X25519 and
    // Ed25519. A check silently dropped from the list must fail here.
    for (const char* required : {"SHA-256", "SHA-512", "HMAC-SHA-256", "Poly1305",
                                 "ChaCha20 (64-bit nonce)", "AES-128-CTR", "X25519", "Ed25519"})
        BOOST_TEST(names.contains(required), required);
}

BOOST_AUTO_TEST_CASE(backend_is_botan_2) {
    BOOST_TEST(ssh::crypto::backend_version().rfind("Botan 2.", 0) == 0,
               ssh::crypto::backend_version());
}

BOOST_AUTO_TEST_SUITE_END()
