// Client and server transports pumped into each other in memory: every key exchange,
// cipher, MAC and host key type, EXT_INFO, strict KEX and re-keying, with no sockets.
#include <ssh/crypto/private_key.hpp>
#include <ssh/crypto/random.hpp>
#include <ssh/transport/algorithm_preferences.hpp>
#include <ssh/transport/transport.hpp>

#include <boost/test/unit_test.hpp>

using namespace ssh::transport;
namespace crypto = ssh::crypto;

namespace {

std::shared_ptr<const crypto::private_key> host_key(crypto::key_type type) {
    static std::map<crypto::key_type, std::shared_ptr<const crypto::private_key>> cache;
    auto& slot = cache[type];
    if (!slot) {
        auto rng = crypto::make_deterministic_random(static_cast<std::uint64_t>(type) + 100);
        boost::system::error_code ec;
        auto key = crypto::private_key::generate(type, *rng, ec, 2048);
        BOOST_REQUIRE_MESSAGE(key.has_value(), ec.message());
        slot = std::make_shared<const crypto::private_key>(std::move(*key));
    }
    return slot;
}

struct pair_of_transports {
    std::unique_ptr<crypto::random_source> client_rng = crypto::make_deterministic_random(1);
    std::unique_ptr<crypto::random_source> server_rng = crypto::make_deterministic_random(2);
    transport client;
    transport server;
    std::vector<std::vector<std::uint8_t>> to_server_app; // upper-layer payloads received
    std::vector<std::vector<std::uint8_t>> to_client_app;
    boost::system::error_code client_ec, server_ec;

    pair_of_transports(transport_config c, transport_config s)
        : client(std::move(c), *client_rng)
        , server(std::move(s), *server_rng) {}

    static void move_bytes(transport& from, transport& to, boost::system::error_code& ec,
                           std::vector<std::vector<std::uint8_t>>& app, bool& progress) {
        std::vector<std::uint8_t> bytes;
        from.take_output(bytes);
        std::size_t used = 0;
        while (!ec && used < bytes.size()) {
            const auto n = to.feed({bytes.data() + used, bytes.size() - used}, ec);
            used += n;
            while (!ec) {
                auto p = to.next_payload(ec);
                if (!p)
                    break;
                app.emplace_back(p->begin(), p->end());
            }
            if (to.host_key_to_check())
                to.accept_host_key();
            if (n == 0 && !to.host_key_to_check())
                break;
        }
        progress = progress || !bytes.empty();
    }

    // Moves bytes both ways until neither side has anything to say (bounded).
    void pump() {
        for (int round = 0; round < 1000; ++round) {
            bool progress = false;
            move_bytes(client, server, server_ec, to_server_app, progress);
            move_bytes(server, client, client_ec, to_client_app, progress);
            if (!progress || client_ec || server_ec)
                return;
        }
        BOOST_FAIL("pump did not settle");
    }
};

transport_config client_config() {
    transport_config c;
    c.side = role::client;
    c.offer = default_client_offer();
    return c;
}

transport_config server_config() {
    transport_config s;
    s.side = role::server;
    s.offer = default_client_offer();
    s.host_keys = {host_key(crypto::key_type::ed25519), host_key(crypto::key_type::ecdsa_nistp256),
                   host_key(crypto::key_type::rsa)};
    s.server_signature_algorithms = {"ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256"};
    return s;
}

void require_secure(pair_of_transports& p) {
    p.pump();
    BOOST_REQUIRE_MESSAGE(!p.client_ec, "client: " << p.client_ec.message() << " "
                                                   << p.client.diagnostics().negotiation);
    BOOST_REQUIRE_MESSAGE(!p.server_ec, "server: " << p.server_ec.message() << " "
                                                   << p.server.diagnostics().negotiation);
    BOOST_REQUIRE(p.client.secure());
    BOOST_REQUIRE(p.server.secure());
    BOOST_TEST(p.client.session_id() == p.server.session_id());
}

// An upper-layer payload each way arrives intact after the exchange.
void require_payloads_flow(pair_of_transports& p) {
    const std::vector<std::uint8_t> request = {5,   0,   0,   0,   12,  's', 's', 'h', '-',
                                               'u', 's', 'e', 'r', 'a', 'u', 't', 'h'};
    p.client.send(request);
    p.server.send(std::vector<std::uint8_t>{94, 1, 2, 3});
    p.pump();
    BOOST_REQUIRE(!p.to_server_app.empty());
    BOOST_TEST(p.to_server_app.back() == request);
    BOOST_REQUIRE(!p.to_client_app.empty());
    BOOST_TEST((p.to_client_app.back() == std::vector<std::uint8_t>{94, 1, 2, 3}));
}

} // namespace

BOOST_AUTO_TEST_SUITE(transport_loopback)

BOOST_AUTO_TEST_CASE(defaults_negotiate_strict_kex_and_ext_info) {
    pair_of_transports p{client_config(), server_config()};
    require_secure(p);
    BOOST_TEST(p.client.strict_kex());
    BOOST_TEST(p.server.strict_kex());
    BOOST_TEST(p.client.algorithms()->kex == "curve25519-sha256");
    BOOST_TEST((p.client.server_signature_algorithms() ==
                name_list{"ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256"}));
    require_payloads_flow(p);
}

BOOST_AUTO_TEST_CASE(every_key_exchange) {
    for (const auto& kex : default_client_offer().kex) {
        auto c = client_config();
        c.offer.kex = {kex};
        pair_of_transports p{c, server_config()};
        require_secure(p);
        BOOST_TEST(p.server.algorithms()->kex == kex);
        require_payloads_flow(p);
    }
}

BOOST_AUTO_TEST_CASE(every_cipher_mac_and_host_key) {
    for (const auto& cipher : default_client_offer().cipher_c2s)
        for (const auto& mac : default_client_offer().mac_c2s) {
            auto c = client_config();
            c.offer.cipher_c2s = c.offer.cipher_s2c = {cipher};
            c.offer.mac_c2s = c.offer.mac_s2c = {mac};
            pair_of_transports p{c, server_config()};
            require_secure(p);
            require_payloads_flow(p);
        }
    for (const auto& alg : default_client_offer().host_key) {
        auto c = client_config();
        c.offer.host_key = {alg};
        auto s = server_config();
        s.host_keys = {host_key(crypto::key_type::ed25519), host_key(crypto::key_type::rsa),
                       host_key(crypto::key_type::ecdsa_nistp256),
                       host_key(crypto::key_type::ecdsa_nistp384),
                       host_key(crypto::key_type::ecdsa_nistp521)};
        pair_of_transports p{c, s};
        require_secure(p);
        BOOST_TEST(p.client.algorithms()->host_key == alg);
    }
}

BOOST_AUTO_TEST_CASE(server_offers_only_what_its_keys_can_sign) {
    auto s = server_config();
    s.host_keys = {host_key(crypto::key_type::ed25519)};
    auto c = client_config();
    c.offer.host_key = {"rsa-sha2-512"};
    pair_of_transports p{c, s};
    p.pump();
    BOOST_TEST((p.client_ec == errc::no_common_algorithm), p.client_ec.message());
    BOOST_TEST(p.client.diagnostics().negotiation.find("ssh-ed25519") != std::string::npos,
               p.client.diagnostics().negotiation);
}

BOOST_AUTO_TEST_CASE(rekey_by_either_side_keeps_order_and_session_id) {
    pair_of_transports p{client_config(), server_config()};
    require_secure(p);
    const auto session = p.client.session_id();
    for (auto* initiator : {&p.client, &p.server}) {
        initiator->allow_rekey();
        initiator->start_rekey();
        // Payloads queued during the exchange arrive after it, in order.
        for (std::uint8_t i = 0; i < 10; ++i)
            p.client.send(std::vector<std::uint8_t>{94, i});
        p.to_server_app.clear();
        p.pump();
        BOOST_REQUIRE(!p.client_ec && !p.server_ec);
        BOOST_REQUIRE_EQUAL(p.to_server_app.size(), 10u);
        for (std::uint8_t i = 0; i < 10; ++i)
            BOOST_TEST((p.to_server_app[i] == std::vector<std::uint8_t>{94, i}));
        BOOST_TEST(p.client.session_id() == session);
        BOOST_TEST(!p.client.in_kex());
        BOOST_TEST(!p.server.in_kex());
    }
}

BOOST_AUTO_TEST_CASE(rekey_after_the_byte_limit) {
    auto c = client_config();
    c.rekey.bytes = 64 * 1024;
    pair_of_transports p{c, server_config()};
    require_secure(p);
    p.client.allow_rekey();
    std::vector<std::uint8_t> payload(1 + 16 * 1024, 7);
    payload[0] = 94;
    int exchanges = 0;
    for (int i = 0; i < 20; ++i) {
        p.client.send(payload);
        exchanges += p.client.in_kex() ? 1 : 0;
        p.pump();
    }
    BOOST_TEST(exchanges >= 3); // 320 KiB sent with a 64 KiB limit
    BOOST_TEST(!p.client_ec);
    BOOST_TEST(p.to_server_app.size() >= 20u);
}

BOOST_AUTO_TEST_SUITE_END()
