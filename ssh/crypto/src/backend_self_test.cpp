#include <ssh/crypto/backend_self_test.hpp>

#include <botan/curve25519.h>
#include <botan/ed25519.h>
#include <botan/hash.h>
#include <botan/hex.h>
#include <botan/mac.h>
#include <botan/pubkey.h>
#include <botan/rng.h>
#include <botan/stream_cipher.h>
#include <botan/version.h>

#include <exception>
#include <functional>
#include <string_view>

namespace ssh::crypto {
namespace {

using bytes = std::vector<std::uint8_t>;

bytes hex(std::string_view h) {
    return Botan::hex_decode(h.data(), h.size());
}
bytes text(std::string_view s) {
    return bytes(s.begin(), s.end());
}

// None of the checks below draws randomness (X25519 and Ed25519 run on fixed keys), but
// Botan's API takes an RNG; this one fails loudly if a check ever does.
class no_rng final : public Botan::RandomNumberGenerator {
public:
    std::string name() const override { return "none"; }
    void clear() override {}
    bool is_seeded() const override { return true; }
    bool accepts_input() const override { return false; }
    void add_entropy(const std::uint8_t*, std::size_t) override {}
    void randomize(std::uint8_t*, std::size_t) override {
        throw std::logic_error("a known-answer check asked for randomness");
    }
};

bytes hash(std::string_view alg, const bytes& msg) {
    auto h = Botan::HashFunction::create_or_throw(std::string(alg));
    h->update(msg);
    return Botan::unlock(h->final());
}

bytes mac(std::string_view alg, const bytes& key, const bytes& msg) {
    auto m = Botan::MessageAuthenticationCode::create_or_throw(std::string(alg));
    m->set_key(key);
    m->update(msg);
    return Botan::unlock(m->final());
}

bytes keystream(std::string_view alg, const bytes& key, const bytes& iv, std::size_t n) {
    auto c = Botan::StreamCipher::create_or_throw(std::string(alg));
    c->set_key(key);
    c->set_iv(iv.data(), iv.size());
    bytes out(n, 0);
    c->cipher1(out.data(), out.size());
    return out;
}

bytes x25519(const bytes& scalar, const bytes& peer) {
    Botan::Curve25519_PrivateKey key(
        Botan::secure_vector<std::uint8_t>(scalar.begin(), scalar.end()));
    no_rng rng;
    Botan::PK_Key_Agreement ka(key, rng, "Raw");
    return Botan::unlock(ka.derive_key(0, peer).bits_of());
}

bytes ed25519_sign(const bytes& seed, const bytes& msg, bytes& public_key) {
    Botan::Ed25519_PrivateKey key(Botan::secure_vector<std::uint8_t>(seed.begin(), seed.end()));
    public_key = key.get_public_key();
    no_rng rng;
    Botan::PK_Signer signer(key, rng, "Pure");
    return signer.sign_message(msg, rng);
}

struct check {
    std::string_view name;
    std::string_view source;
    std::function<bytes()> compute;
    std::string_view expected_hex;
};

// Each expected value is the published answer from the cited document.
std::vector<check> checks() {
    return {
        {"SHA-256", "FIPS 180-4 (\"abc\")", [] { return hash("SHA-256", text("abc")); },
         "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"SHA-512", "FIPS 180-4 (\"abc\")", [] { return hash("SHA-512", text("abc")); },
         "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
         "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
        {"HMAC-SHA-256", "RFC 4231 test case 1",
         [] { return mac("HMAC(SHA-256)", bytes(20, 0x0b), text("Hi There")); },
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        {"Poly1305", "RFC 8439 section 2.5.2",
         [] {
             return mac("Poly1305",
                        hex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b"),
                        text("Cryptographic Forum Research Group"));
         },
         "a8061dc1305136c6c22b8baf0c0127a9"},
        {"ChaCha20 (64-bit nonce)", "draft-agl-tls-chacha20poly1305 test vector 1",
         [] { return keystream("ChaCha(20)", bytes(32, 0), bytes(8, 0), 64); },
         "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
         "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"},
        {"AES-128-CTR", "FIPS 197 appendix C.1 as the first counter block",
         [] {
             return keystream("CTR-BE(AES-128)", hex("000102030405060708090a0b0c0d0e0f"),
                              hex("00112233445566778899aabbccddeeff"), 16);
         },
         "69c4e0d86a7b0430d8cdb78070b4c55a"},
        {"X25519", "RFC 7748 section 5.2",
         [] {
             return x25519(hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                           hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
         },
         "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"},
        {"Ed25519", "RFC 8032 section 7.1 test 1",
         [] {
             bytes pub;
             auto sig = ed25519_sign(
                 hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"), {}, pub);
             pub.insert(pub.end(), sig.begin(), sig.end());
             return pub;
         },
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
         "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    };
}

} // namespace

std::vector<self_test_result> run_backend_self_tests() {
    std::vector<self_test_result> results;
    for (const auto& c : checks()) {
        self_test_result r{std::string(c.name), std::string(c.source), false, {}};
        try {
            const auto got = Botan::hex_encode(c.compute(), false);
            r.passed = got == c.expected_hex;
            if (!r.passed)
                r.detail = "computed " + got + ", expected " + std::string(c.expected_hex);
        } catch (const std::exception& e) {
            r.detail = e.what();
        }
        results.push_back(std::move(r));
    }
    return results;
}

std::string backend_version() {
    return Botan::version_string();
}

} // namespace ssh::crypto
