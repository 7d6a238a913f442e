// aes{128,192,256}-ctr (RFC 4344 §4) with an HMAC, either encrypt-and-MAC (RFC 4253 §6.4:
// MAC over the plaintext, length encrypted) or encrypt-then-MAC (OpenSSH PROTOCOL §1.5: length
// in clear, MAC over it and the ciphertext). ssh-conformance.md §3.7.
//
// One CTR object per direction for the whole key epoch: the keystream runs on across packets,
// with the IV as the initial full-width 128-bit counter (so no "CTR-BE(AES-128,8)").

#include "packet_protection.hpp"

#include <botan/mac.h>
#include <botan/mem_ops.h>
#include <botan/stream_cipher.h>

#include <array>
#include <string>

namespace ssh::crypto {
namespace {

constexpr std::size_t k_block = 16;
constexpr std::size_t k_max_tag = 64;

class ctr_hmac_state {
public:
    ctr_hmac_state(const direction_keys& keys, const mac_info& mac, const char* botan_mac)
        : ctr_(Botan::StreamCipher::create_or_throw("CTR-BE(AES-" +
                                                    std::to_string(keys.key.size() * 8) + ")"))
        , mac_(Botan::MessageAuthenticationCode::create_or_throw(botan_mac))
        , etm_(mac.encrypt_then_mac)
        , tag_size_(mac.tag_size) {
        if (mac_->output_length() != tag_size_ || tag_size_ > k_max_tag)
            throw std::invalid_argument("packet cipher: unexpected HMAC output length");
        ctr_->set_key(keys.key.data(), keys.key.size());
        ctr_->set_iv(keys.iv.data(), keys.iv.size());
        mac_->set_key(keys.mac_key.data(), keys.mac_key.size());
    }

    bool etm() const noexcept { return etm_; }
    std::size_t tag_size() const noexcept { return tag_size_; }
    void crypt(std::uint8_t* p, std::size_t n) { ctr_->cipher1(p, n); }

    // MAC(key, uint32 seq || packet) into out[0..tag_size()).
    void compute_mac(std::uint32_t seq, std::span<const std::uint8_t> packet, std::uint8_t* out) {
        std::array<std::uint8_t, 4> s;
        detail::store_be32(s.data(), seq);
        mac_->update(s.data(), s.size());
        mac_->update(packet.data(), packet.size());
        mac_->final(out);
    }

    bool verify_mac(std::uint32_t seq, std::span<const std::uint8_t> packet,
                    std::span<const std::uint8_t> tag) {
        std::array<std::uint8_t, k_max_tag> expected;
        compute_mac(seq, packet, expected.data());
        return Botan::constant_time_compare(expected.data(), tag.data(), tag_size_);
    }

private:
    std::unique_ptr<Botan::StreamCipher> ctr_;
    std::unique_ptr<Botan::MessageAuthenticationCode> mac_;
    bool etm_;
    std::size_t tag_size_;
};

class ctr_hmac_sealer final : public packet_sealer {
public:
    ctr_hmac_sealer(const direction_keys& keys, const mac_info& mac, const char* botan_mac)
        : state_(keys, mac, botan_mac) {}
    std::size_t block_size() const noexcept override { return k_block; }
    bool length_is_aligned() const noexcept override { return !state_.etm(); }
    std::size_t tag_size() const noexcept override { return state_.tag_size(); }

    void seal(std::uint32_t seq, std::span<std::uint8_t> packet,
              std::span<std::uint8_t> tag) override {
        detail::check_seal_args(packet, tag, k_block, !state_.etm(), state_.tag_size());
        if (state_.etm()) {
            state_.crypt(packet.data() + 4, packet.size() - 4);
            state_.compute_mac(seq, packet, tag.data());
        } else {
            state_.compute_mac(seq, packet, tag.data());
            state_.crypt(packet.data(), packet.size());
        }
    }

private:
    ctr_hmac_state state_;
};

class ctr_hmac_opener final : public packet_opener {
public:
    ctr_hmac_opener(const direction_keys& keys, const mac_info& mac, const char* botan_mac)
        : state_(keys, mac, botan_mac) {}
    std::size_t block_size() const noexcept override { return k_block; }
    bool length_is_aligned() const noexcept override { return !state_.etm(); }
    std::size_t tag_size() const noexcept override { return state_.tag_size(); }
    // E&M: the length is encrypted, so the first whole cipher block must arrive first.
    std::size_t length_prefix_size() const noexcept override { return state_.etm() ? 4 : k_block; }

    std::uint32_t read_length(std::uint32_t, std::span<std::uint8_t> prefix) override {
        if (prefix.size() < length_prefix_size())
            return 0;
        if (!state_.etm())
            state_.crypt(prefix.data(), k_block);
        return detail::load_be32(prefix.data());
    }

    bool open(std::uint32_t seq, std::span<std::uint8_t> packet,
              std::span<const std::uint8_t> tag) override {
        if (tag.size() != state_.tag_size() ||
            !detail::packet_layout_ok(packet, k_block, !state_.etm()))
            return false;
        try {
            if (state_.etm()) {
                // PROTOCOL §1.5: authenticate the ciphertext before decrypting anything.
                if (!state_.verify_mac(seq, packet, tag))
                    return false;
                state_.crypt(packet.data() + 4, packet.size() - 4);
                return true;
            }
            // read_length() already decrypted the first block.
            state_.crypt(packet.data() + k_block, packet.size() - k_block);
            return state_.verify_mac(seq, packet, tag);
        } catch (const std::exception&) {
            return false;
        }
    }

private:
    ctr_hmac_state state_;
};

} // namespace

namespace detail {

std::unique_ptr<packet_sealer>
make_aes_ctr_hmac_sealer(const direction_keys& keys, const mac_info& mac, const char* botan_mac) {
    return std::make_unique<ctr_hmac_sealer>(keys, mac, botan_mac);
}

std::unique_ptr<packet_opener>
make_aes_ctr_hmac_opener(const direction_keys& keys, const mac_info& mac, const char* botan_mac) {
    return std::make_unique<ctr_hmac_opener>(keys, mac, botan_mac);
}

} // namespace detail
} // namespace ssh::crypto
