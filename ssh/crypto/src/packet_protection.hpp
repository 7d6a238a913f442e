#pragma once
// Private: the per-construction factories behind make_sealer()/make_opener(), and the small
// helpers they share. Key and IV sizes are checked by the caller (cipher_registry.cpp).

#include <ssh/crypto/packet_cipher.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>

namespace ssh::crypto::detail {

std::unique_ptr<packet_sealer> make_chacha20_poly1305_sealer(const direction_keys& keys);
std::unique_ptr<packet_opener> make_chacha20_poly1305_opener(const direction_keys& keys);

// AES-128 or AES-256 from the key size.
std::unique_ptr<packet_sealer> make_aes_gcm_sealer(const direction_keys& keys);
std::unique_ptr<packet_opener> make_aes_gcm_opener(const direction_keys& keys);

// AES-CTR of the key's size with an HMAC (`botan_mac` names it, e.g. "HMAC(SHA-256)"); EtM or
// E&M as mac.encrypt_then_mac says.
std::unique_ptr<packet_sealer> make_aes_ctr_hmac_sealer(const direction_keys& keys,
                                                        const mac_info& mac, const char* botan_mac);
std::unique_ptr<packet_opener> make_aes_ctr_hmac_opener(const direction_keys& keys,
                                                        const mac_info& mac, const char* botan_mac);

inline std::uint32_t load_be32(const std::uint8_t* p) noexcept {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

inline void store_be32(std::uint8_t* p, std::uint32_t v) noexcept {
    for (int i = 3; i >= 0; --i, v >>= 8)
        p[i] = static_cast<std::uint8_t>(v);
}

inline void store_be64(std::uint8_t* p, std::uint64_t v) noexcept {
    for (int i = 7; i >= 0; --i, v >>= 8)
        p[i] = static_cast<std::uint8_t>(v);
}

// The packet layout both sides agree on (packet_cipher.hpp): a non-empty body after the
// 4-byte length, aligned to the block size, and packet_length equal to what follows it.
inline bool packet_layout_ok(std::span<const std::uint8_t> packet, std::size_t block,
                             bool length_is_aligned) noexcept {
    if (packet.size() <= 4 || block == 0)
        return false;
    const std::size_t aligned_part = length_is_aligned ? packet.size() : packet.size() - 4;
    return aligned_part % block == 0 && load_be32(packet.data()) == packet.size() - 4;
}

// seal() receives packets from our own codec: a bad layout is a programming error.
inline void check_seal_args(std::span<const std::uint8_t> packet, std::span<const std::uint8_t> tag,
                            std::size_t block, bool length_is_aligned, std::size_t tag_size) {
    if (tag.size() != tag_size || !packet_layout_ok(packet, block, length_is_aligned))
        throw std::invalid_argument("packet_sealer::seal: packet or tag breaks the layout");
}

} // namespace ssh::crypto::detail
