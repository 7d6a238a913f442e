#include <ssh/crypto/key_exchange.hpp>
#include <ssh/crypto/packet_cipher.hpp>
#include <ssh/crypto/signature_algorithms.hpp>
#include <ssh/transport/algorithm_preferences.hpp>
#include <ssh/wire/glob.hpp>

#include <boost/test/unit_test.hpp>

using namespace ssh::transport;
namespace crypto = ssh::crypto;

BOOST_AUTO_TEST_SUITE(algorithm_preferences)

BOOST_AUTO_TEST_CASE(defaults_are_the_modern_set_and_exist_in_the_registry) {
    const auto offer = default_client_offer();
    const name_list kex = {"curve25519-sha256",
                           "curve25519-sha256@libssh.org",
                           "ecdh-sha2-nistp256",
                           "ecdh-sha2-nistp384",
                           "ecdh-sha2-nistp521",
                           "diffie-hellman-group-exchange-sha256",
                           "diffie-hellman-group16-sha512",
                           "diffie-hellman-group18-sha512",
                           "diffie-hellman-group14-sha256"};
    for (const auto& n : kex)
        BOOST_TEST((std::find(offer.kex.begin(), offer.kex.end(), n) != offer.kex.end()), n);
    BOOST_TEST(offer.kex.front() == "curve25519-sha256");
    for (const auto& n : offer.kex)
        BOOST_TEST((crypto::find_kex(n) != nullptr), n);
    for (const auto& n : offer.host_key)
        BOOST_TEST((crypto::find_signature_algorithm(n) != nullptr), n);
    for (const auto& n : offer.cipher_c2s)
        BOOST_TEST((crypto::find_cipher(n) != nullptr), n);
    for (const auto& n : offer.mac_s2c)
        BOOST_TEST((crypto::find_mac(n) != nullptr), n);
    for (const char* legacy :
         {"ssh-rsa", "aes128-cbc", "hmac-sha1", "diffie-hellman-group1-sha1"}) {
        for (const auto* list : {&offer.host_key, &offer.cipher_c2s, &offer.mac_c2s, &offer.kex})
            BOOST_TEST((std::find(list->begin(), list->end(), legacy) == list->end()), legacy);
    }
    BOOST_TEST(offer.compression_c2s == name_list{"none"});
    for (const auto* list : {&offer.kex, &offer.host_key, &offer.cipher_c2s, &offer.mac_c2s}) {
        for (const auto& n : *list) {
            const bool default_tier =
                (crypto::find_kex(n) &&
                 crypto::find_kex(n)->tier == crypto::algorithm_tier::default_on) ||
                (crypto::find_signature_algorithm(n) &&
                 crypto::find_signature_algorithm(n)->tier == crypto::algorithm_tier::default_on) ||
                (crypto::find_cipher(n) &&
                 crypto::find_cipher(n)->tier == crypto::algorithm_tier::default_on) ||
                (crypto::find_mac(n) &&
                 crypto::find_mac(n)->tier == crypto::algorithm_tier::default_on);
            BOOST_TEST(default_tier, n << " is offered by default but not default tier");
        }
    }
}

BOOST_AUTO_TEST_CASE(openssh_list_syntax) {
    const name_list current = {"aes128-ctr", "aes256-ctr", "chacha20-poly1305@openssh.com"};
    std::string error;
    auto replaced = apply_algorithm_spec(current, algorithm_category::cipher,
                                         "aes256-gcm@openssh.com,aes128-ctr", error);
    BOOST_REQUIRE(replaced);
    BOOST_TEST((*replaced == name_list{"aes256-gcm@openssh.com", "aes128-ctr"}));

    auto appended =
        apply_algorithm_spec(current, algorithm_category::cipher, "+aes128-ctr,aes192-ctr", error);
    BOOST_REQUIRE(appended);
    BOOST_TEST((*appended == name_list{"aes128-ctr", "aes256-ctr", "chacha20-poly1305@openssh.com",
                                       "aes192-ctr"}));

    auto removed = apply_algorithm_spec(current, algorithm_category::cipher, "-aes*-ctr", error);
    BOOST_REQUIRE(removed);
    BOOST_TEST((*removed == name_list{"chacha20-poly1305@openssh.com"}));

    auto prepended = apply_algorithm_spec(current, algorithm_category::cipher,
                                          "^chacha20-poly1305@openssh.com", error);
    BOOST_REQUIRE(prepended);
    BOOST_TEST(
        (*prepended == name_list{"chacha20-poly1305@openssh.com", "aes128-ctr", "aes256-ctr"}));
}

BOOST_AUTO_TEST_CASE(bad_specs_are_refused_with_the_culprit_named) {
    const name_list current = {"curve25519-sha256"};
    std::string error;
    BOOST_TEST(!apply_algorithm_spec(current, algorithm_category::kex, "+no-such-kex", error));
    BOOST_TEST(error.find("no-such-kex") != std::string::npos, error);
    BOOST_TEST(!apply_algorithm_spec(current, algorithm_category::kex, "a,,b", error));
    BOOST_TEST(
        !apply_algorithm_spec(current, algorithm_category::kex, "-curve25519-sha256", error));
    BOOST_TEST(error.find("no algorithms left") != std::string::npos, error);
    BOOST_TEST(!apply_algorithm_spec(current, algorithm_category::mac, "zzz*", error));
}

BOOST_AUTO_TEST_CASE(glob_patterns) {
    using ssh::wire::glob_match;
    BOOST_TEST(glob_match("*", ""));
    BOOST_TEST(glob_match("aes*-ctr", "aes128-ctr"));
    BOOST_TEST(!glob_match("aes*-ctr", "aes128-gcm@openssh.com"));
    BOOST_TEST(glob_match("a?c", "abc"));
    BOOST_TEST(!glob_match("a?c", "ac"));
    BOOST_TEST(glob_match("*.example.*", "r1.example.net"));
    BOOST_TEST(glob_match("**a**b", "xxaYYb"));
    BOOST_TEST(!glob_match("abc", "abcd"));
    // Pathological input stays fast (no exponential backtracking).
    BOOST_TEST(!glob_match("*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
}

BOOST_AUTO_TEST_SUITE_END()
