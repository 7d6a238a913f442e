// Packets before the first NEWKEYS: no encryption, no MAC, block size 8 (RFC 4253 §6).

#include "packet_protection.hpp"

namespace ssh::crypto {
namespace {

constexpr std::size_t k_plain_block = 8;

class plain_sealer final : public packet_sealer {
public:
    std::size_t block_size() const noexcept override { return k_plain_block; }
    bool length_is_aligned() const noexcept override { return true; }
    std::size_t tag_size() const noexcept override { return 0; }
    void seal(std::uint32_t, std::span<std::uint8_t> packet, std::span<std::uint8_t> tag) override {
        detail::check_seal_args(packet, tag, k_plain_block, true, 0);
    }
};

class plain_opener final : public packet_opener {
public:
    std::size_t block_size() const noexcept override { return k_plain_block; }
    bool length_is_aligned() const noexcept override { return true; }
    std::size_t tag_size() const noexcept override { return 0; }
    std::size_t length_prefix_size() const noexcept override { return 4; }
    std::uint32_t read_length(std::uint32_t, std::span<std::uint8_t> prefix) override {
        return prefix.size() < 4 ? 0 : detail::load_be32(prefix.data());
    }
    bool open(std::uint32_t, std::span<std::uint8_t> packet,
              std::span<const std::uint8_t> tag) override {
        return tag.empty() && detail::packet_layout_ok(packet, k_plain_block, true);
    }
};

} // namespace

std::unique_ptr<packet_sealer> make_plain_sealer() {
    return std::make_unique<plain_sealer>();
}
std::unique_ptr<packet_opener> make_plain_opener() {
    return std::make_unique<plain_opener>();
}

} // namespace ssh::crypto
