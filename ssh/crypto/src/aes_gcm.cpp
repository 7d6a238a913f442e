// aes128-gcm@openssh.com and aes256-gcm@openssh.com (RFC 5647 as modified by OpenSSH
// PROTOCOL §1.6; ssh-conformance.md §3.7): packet_length in clear as AAD, the 12-byte IV is
// 4 fixed bytes and a big-endian 64-bit invocation counter that advances after every packet.
// The sequence number is not used.

#include "packet_protection.hpp"

#include <botan/aead.h>
#include <botan/exceptn.h>

#include <algorithm>
#include <array>
#include <string>

namespace ssh::crypto {
namespace {

constexpr std::size_t k_block = 16;
constexpr std::size_t k_tag = 16;
constexpr std::size_t k_iv = 12;

class gcm_state {
public:
    gcm_state(const direction_keys& keys, Botan::Cipher_Dir dir)
        : mode_(Botan::AEAD_Mode::create_or_throw(
              "AES-" + std::to_string(keys.key.size() * 8) + "/GCM", dir))
        , granularity_(mode_->update_granularity()) {
        mode_->set_key(keys.key.data(), keys.key.size());
        std::copy_n(keys.iv.begin(), k_iv, iv_.begin());
        // Botan's finish() works on a secure_vector; the part of the body below the update
        // granularity goes through this one, sized once so no packet allocates.
        tail_.reserve(granularity_ + k_tag);
    }

    // Starts a packet: AAD is the clear packet_length; process()es the bulk of `body` in place
    // and leaves the rest in tail_ for finish().
    void start(const std::uint8_t* length, std::span<std::uint8_t> body) {
        mode_->set_associated_data(length, 4);
        mode_->start(iv_.data(), iv_.size());
        bulk_ = body.size() - body.size() % granularity_;
        if (bulk_ != 0)
            mode_->process(body.data(), bulk_);
        tail_.assign(body.begin() + static_cast<std::ptrdiff_t>(bulk_), body.end());
    }

    Botan::AEAD_Mode& mode() noexcept { return *mode_; }
    Botan::secure_vector<std::uint8_t>& tail() noexcept { return tail_; }
    std::size_t bulk() const noexcept { return bulk_; }

    // The invocation counter: IV[4..12) as a big-endian uint64, modulo 2^64.
    void next_iv() noexcept {
        for (std::size_t i = k_iv; i-- > 4;)
            if (++iv_[i] != 0)
                break;
    }

private:
    std::unique_ptr<Botan::AEAD_Mode> mode_;
    std::size_t granularity_;
    std::array<std::uint8_t, k_iv> iv_{};
    Botan::secure_vector<std::uint8_t> tail_;
    std::size_t bulk_ = 0;
};

class gcm_sealer final : public packet_sealer {
public:
    explicit gcm_sealer(const direction_keys& keys)
        : state_(keys, Botan::ENCRYPTION) {}
    std::size_t block_size() const noexcept override { return k_block; }
    bool length_is_aligned() const noexcept override { return false; }
    std::size_t tag_size() const noexcept override { return k_tag; }

    void seal(std::uint32_t, std::span<std::uint8_t> packet, std::span<std::uint8_t> tag) override {
        detail::check_seal_args(packet, tag, k_block, false, k_tag);
        const auto body = packet.subspan(4);
        state_.start(packet.data(), body);
        auto& tail = state_.tail();
        state_.mode().finish(tail); // appends the tag
        const std::size_t rest = body.size() - state_.bulk();
        std::copy_n(tail.begin(), rest, body.begin() + static_cast<std::ptrdiff_t>(state_.bulk()));
        std::copy_n(tail.begin() + static_cast<std::ptrdiff_t>(rest), k_tag, tag.begin());
        state_.next_iv();
    }

private:
    gcm_state state_;
};

class gcm_opener final : public packet_opener {
public:
    explicit gcm_opener(const direction_keys& keys)
        : state_(keys, Botan::DECRYPTION) {}
    std::size_t block_size() const noexcept override { return k_block; }
    bool length_is_aligned() const noexcept override { return false; }
    std::size_t tag_size() const noexcept override { return k_tag; }
    std::size_t length_prefix_size() const noexcept override { return 4; }

    std::uint32_t read_length(std::uint32_t, std::span<std::uint8_t> prefix) override {
        return prefix.size() < 4 ? 0 : detail::load_be32(prefix.data());
    }

    // Botan decrypts the bulk before the tag is checked; on failure the packet is garbage,
    // which the contract allows (the codec drops it and disconnects).
    bool open(std::uint32_t, std::span<std::uint8_t> packet,
              std::span<const std::uint8_t> tag) override {
        if (tag.size() != k_tag || !detail::packet_layout_ok(packet, k_block, false))
            return false;
        bool ok = false;
        try {
            const auto body = packet.subspan(4);
            state_.start(packet.data(), body);
            auto& tail = state_.tail();
            tail.insert(tail.end(), tag.begin(), tag.end());
            state_.mode().finish(tail); // checks the tag, then drops it
            std::copy_n(tail.begin(), body.size() - state_.bulk(),
                        body.begin() + static_cast<std::ptrdiff_t>(state_.bulk()));
            ok = true;
        } catch (const std::exception&) {
            // Botan::Invalid_Authentication_Tag, or anything else: not authentic.
        }
        state_.next_iv();
        return ok;
    }

private:
    gcm_state state_;
};

} // namespace

namespace detail {

std::unique_ptr<packet_sealer> make_aes_gcm_sealer(const direction_keys& keys) {
    return std::make_unique<gcm_sealer>(keys);
}

std::unique_ptr<packet_opener> make_aes_gcm_opener(const direction_keys& keys) {
    return std::make_unique<gcm_opener>(keys);
}

} // namespace detail
} // namespace ssh::crypto
