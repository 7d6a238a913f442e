// chacha20-poly1305@openssh.com (PROTOCOL.chacha20poly1305; ssh-conformance.md §3.7).
//
// Not Botan's ChaCha20Poly1305 AEAD, which is RFC 8439: this one uses DJB's ChaCha20 with a
// 64-bit nonce (the big-endian seq) and two keys, K_1 = key[32..64) for the 4-byte length
// and K_2 = key[0..32) for the body, whose keystream block 0 is the one-time Poly1305 key.

#include "packet_protection.hpp"

#include <botan/mac.h>
#include <botan/mem_ops.h>
#include <botan/stream_cipher.h>

#include <algorithm>
#include <array>

namespace ssh::crypto {
namespace {

constexpr std::size_t k_block = 8;
constexpr std::size_t k_tag = 16;

class chacha_state {
public:
    explicit chacha_state(const direction_keys& keys)
        : body_(Botan::StreamCipher::create_or_throw("ChaCha(20)"))
        , length_(Botan::StreamCipher::create_or_throw("ChaCha(20)"))
        , poly_(Botan::MessageAuthenticationCode::create_or_throw("Poly1305")) {
        body_->set_key(keys.key.data(), 32);
        length_->set_key(keys.key.data() + 32, 32);
    }

    // Applies the length keystream to the first 4 bytes of `p`.
    void crypt_length(std::uint32_t seq, std::uint8_t* p) {
        set_nonce(*length_, seq);
        length_->cipher1(p, 4);
    }

    // Keys Poly1305 from block 0 of the body keystream and leaves the body stream at block 1.
    void start_body(std::uint32_t seq) {
        set_nonce(*body_, seq);
        std::array<std::uint8_t, 64> block0;
        body_->write_keystream(block0.data(), block0.size());
        poly_->set_key(block0.data(), 32);
        secure_wipe(block0.data(), block0.size());
    }

    void crypt_body(std::uint8_t* p, std::size_t n) { body_->cipher1(p, n); }
    Botan::MessageAuthenticationCode& poly() noexcept { return *poly_; }

private:
    static void set_nonce(Botan::StreamCipher& c, std::uint32_t seq) {
        std::array<std::uint8_t, 8> nonce;
        detail::store_be64(nonce.data(), seq);
        c.set_iv(nonce.data(), nonce.size());
    }

    std::unique_ptr<Botan::StreamCipher> body_;   // K_2
    std::unique_ptr<Botan::StreamCipher> length_; // K_1
    std::unique_ptr<Botan::MessageAuthenticationCode> poly_;
};

class chacha_sealer final : public packet_sealer {
public:
    explicit chacha_sealer(const direction_keys& keys)
        : state_(keys) {}
    std::size_t block_size() const noexcept override { return k_block; }
    bool length_is_aligned() const noexcept override { return false; }
    std::size_t tag_size() const noexcept override { return k_tag; }

    void seal(std::uint32_t seq, std::span<std::uint8_t> packet,
              std::span<std::uint8_t> tag) override {
        detail::check_seal_args(packet, tag, k_block, false, k_tag);
        state_.crypt_length(seq, packet.data());
        state_.start_body(seq);
        state_.crypt_body(packet.data() + 4, packet.size() - 4);
        state_.poly().update(packet.data(), packet.size());
        state_.poly().final(tag.data());
    }

private:
    chacha_state state_;
};

class chacha_opener final : public packet_opener {
public:
    explicit chacha_opener(const direction_keys& keys)
        : state_(keys) {}
    std::size_t block_size() const noexcept override { return k_block; }
    bool length_is_aligned() const noexcept override { return false; }
    std::size_t tag_size() const noexcept override { return k_tag; }
    std::size_t length_prefix_size() const noexcept override { return 4; }

    std::uint32_t read_length(std::uint32_t seq, std::span<std::uint8_t> prefix) override {
        if (prefix.size() < 4)
            return 0;
        // The tag covers the length as sent, so keep it for open().
        std::copy_n(prefix.begin(), 4, encrypted_length_.begin());
        state_.crypt_length(seq, prefix.data());
        return detail::load_be32(prefix.data());
    }

    bool open(std::uint32_t seq, std::span<std::uint8_t> packet,
              std::span<const std::uint8_t> tag) override {
        if (tag.size() != k_tag || !detail::packet_layout_ok(packet, k_block, false))
            return false;
        try {
            state_.start_body(seq);
            auto& poly = state_.poly();
            poly.update(encrypted_length_.data(), encrypted_length_.size());
            poly.update(packet.data() + 4, packet.size() - 4);
            std::array<std::uint8_t, k_tag> expected;
            poly.final(expected.data());
            if (!Botan::constant_time_compare(expected.data(), tag.data(), k_tag))
                return false;
            state_.crypt_body(packet.data() + 4, packet.size() - 4);
            return true;
        } catch (const std::exception&) {
            return false;
        }
    }

private:
    chacha_state state_;
    std::array<std::uint8_t, 4> encrypted_length_{};
};

} // namespace

namespace detail {

std::unique_ptr<packet_sealer> make_chacha20_poly1305_sealer(const direction_keys& keys) {
    return std::make_unique<chacha_sealer>(keys);
}

std::unique_ptr<packet_opener> make_chacha20_poly1305_opener(const direction_keys& keys) {
    return std::make_unique<chacha_opener>(keys);
}

} // namespace detail
} // namespace ssh::crypto
