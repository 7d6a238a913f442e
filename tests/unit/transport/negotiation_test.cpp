#include <ssh/crypto/random.hpp>
#include <ssh/transport/errc.hpp>
#include <ssh/transport/kexinit.hpp>
#include <ssh/transport/negotiation.hpp>

#include <boost/test/unit_test.hpp>

using namespace ssh::transport;

namespace {

algorithm_lists openssh_like_server() {
    algorithm_lists l;
    l.kex = {"sntrup761x25519-sha512@openssh.com", "curve25519-sha256",
             "curve25519-sha256@libssh.org",       "ecdh-sha2-nistp256",
             "diffie-hellman-group14-sha256",      "kex-strict-s-v00@openssh.com"};
    l.host_key = {"ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256", "ecdsa-sha2-nistp256"};
    l.cipher_c2s = l.cipher_s2c = {"chacha20-poly1305@openssh.com",
                                   "aes128-ctr",
                                   "aes192-ctr",
                                   "aes256-ctr",
                                   "aes128-gcm@openssh.com",
                                   "aes256-gcm@openssh.com"};
    l.mac_c2s = l.mac_s2c = {"umac-64-etm@openssh.com", "hmac-sha2-256-etm@openssh.com",
                             "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha1"};
    l.compression_c2s = l.compression_s2c = {"none", "zlib@openssh.com"};
    return l;
}

algorithm_lists our_client() {
    algorithm_lists l;
    l.kex = {"ext-info-c", "curve25519-sha256", "ecdh-sha2-nistp256",
             "kex-strict-c-v00@openssh.com"};
    l.host_key = {"ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512"};
    l.cipher_c2s = l.cipher_s2c = {"aes256-gcm@openssh.com", "aes128-ctr"};
    l.mac_c2s = l.mac_s2c = {"hmac-sha2-512-etm@openssh.com", "hmac-sha2-256"};
    l.compression_c2s = l.compression_s2c = {"none"};
    return l;
}

} // namespace

BOOST_AUTO_TEST_SUITE(negotiation)

BOOST_AUTO_TEST_CASE(client_preference_wins_and_pseudo_names_are_skipped) {
    negotiation_failure failure;
    const auto chosen = negotiate(our_client(), openssh_like_server(), failure);
    BOOST_REQUIRE(chosen.has_value());
    BOOST_TEST(chosen->kex == "curve25519-sha256"); // not ext-info-c, which comes first
    BOOST_TEST(chosen->host_key == "ssh-ed25519");
    BOOST_TEST(chosen->cipher_c2s == "aes256-gcm@openssh.com");
    BOOST_TEST(chosen->mac_c2s.empty()); // AEAD: no MAC negotiated
    BOOST_TEST(chosen->compression_s2c == "none");
}

BOOST_AUTO_TEST_CASE(mac_is_negotiated_per_direction_for_non_aead_ciphers) {
    auto client = our_client();
    client.cipher_c2s = {"aes128-ctr"};
    negotiation_failure failure;
    const auto chosen = negotiate(client, openssh_like_server(), failure);
    BOOST_REQUIRE(chosen.has_value());
    BOOST_TEST(chosen->mac_c2s == "hmac-sha2-512-etm@openssh.com");
    BOOST_TEST(chosen->mac_s2c.empty());
}

BOOST_AUTO_TEST_CASE(failure_names_the_category_and_both_lists) {
    auto client = our_client();
    client.cipher_s2c = {"aes256-cbc"};
    negotiation_failure failure;
    BOOST_TEST(!negotiate(client, openssh_like_server(), failure).has_value());
    BOOST_TEST(failure.category == "cipher (server to client)");
    const auto text = failure.message();
    BOOST_TEST(text.find("aes256-cbc") != std::string::npos, text);
    BOOST_TEST(text.find("chacha20-poly1305@openssh.com") != std::string::npos, text);

    auto only_pseudo = our_client();
    only_pseudo.kex = {"ext-info-c", "kex-strict-c-v00@openssh.com"};
    auto server = openssh_like_server();
    server.kex.push_back("ext-info-c"); // even if both list it, it is never a method
    BOOST_TEST(!negotiate(only_pseudo, server, failure).has_value());
    BOOST_TEST(failure.category == "key exchange");
}

BOOST_AUTO_TEST_CASE(mac_failure_when_no_common_mac_for_a_non_aead_cipher) {
    auto client = our_client();
    client.cipher_c2s = {"aes128-ctr"};
    client.mac_c2s = {"hmac-md5"};
    negotiation_failure failure;
    BOOST_TEST(!negotiate(client, openssh_like_server(), failure).has_value());
    BOOST_TEST(failure.category == "MAC (client to server)");
}

BOOST_AUTO_TEST_CASE(kex_guess_right_only_when_both_first_choices_match) {
    negotiation_failure failure;
    const auto chosen = negotiate(our_client(), openssh_like_server(), failure);
    BOOST_REQUIRE(chosen.has_value());
    // The server's first kex (sntrup...) is not the one chosen: its guess was wrong.
    BOOST_TEST(kex_guess_was_wrong(openssh_like_server(), *chosen));
    // The client's first real kex and host key are the chosen ones.
    BOOST_TEST(!kex_guess_was_wrong(our_client(), *chosen));
}

BOOST_AUTO_TEST_CASE(kexinit_round_trips_and_rejects_every_truncation) {
    auto random = ssh::crypto::make_deterministic_random(7);
    const auto payload = encode_kexinit(openssh_like_server(), true, *random);
    boost::system::error_code ec;
    const auto parsed = parse_kexinit(payload, ec);
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(parsed.lists.kex == openssh_like_server().kex);
    BOOST_TEST(parsed.lists.mac_s2c == openssh_like_server().mac_s2c);
    BOOST_TEST(parsed.lists.language_c2s.empty());
    BOOST_TEST(parsed.first_kex_packet_follows);
    BOOST_TEST(std::equal(parsed.cookie.begin(), parsed.cookie.end(), payload.begin() + 1));

    for (std::size_t n = 0; n < payload.size(); ++n) {
        boost::system::error_code prefix_ec;
        parse_kexinit({payload.data(), n}, prefix_ec);
        BOOST_TEST((prefix_ec == errc::bad_message), "prefix of " << n);
    }
    auto longer = payload;
    longer.push_back(0);
    parse_kexinit(longer, ec);
    BOOST_TEST((ec == errc::bad_message));
}

BOOST_AUTO_TEST_SUITE_END()
