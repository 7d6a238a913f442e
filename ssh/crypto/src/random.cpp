#include <ssh/crypto/random.hpp>

#include <botan/stream_cipher.h>
#include <botan/system_rng.h>

#include <algorithm>

namespace ssh::crypto {
namespace {

class system_source final : public random_source {
public:
    void fill(std::span<std::uint8_t> out) override { rng_.randomize(out.data(), out.size()); }

private:
    Botan::System_RNG rng_;
};

class deterministic_source final : public random_source {
public:
    explicit deterministic_source(std::uint64_t seed)
        : cipher_(Botan::StreamCipher::create_or_throw("ChaCha(20)")) {
        std::uint8_t key[32] = {};
        for (int i = 0; i < 8; ++i)
            key[i] = static_cast<std::uint8_t>(seed >> (8 * i));
        cipher_->set_key(key, sizeof key);
        const std::uint8_t nonce[8] = {};
        cipher_->set_iv(nonce, sizeof nonce);
    }
    void fill(std::span<std::uint8_t> out) override {
        std::fill(out.begin(), out.end(), std::uint8_t{0});
        cipher_->cipher1(out.data(), out.size());
    }

private:
    std::unique_ptr<Botan::StreamCipher> cipher_;
};

} // namespace

random_source& system_random() {
    static system_source instance;
    return instance;
}

std::unique_ptr<random_source> make_deterministic_random(std::uint64_t seed) {
    return std::make_unique<deterministic_source>(seed);
}

} // namespace ssh::crypto
