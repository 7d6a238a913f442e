#pragma once
// Protection of SSH binary packets (RFC 4253 §6) for one direction and one key epoch:
// the cipher and MAC registry, and the sealer/opener objects the packet codec drives.
//
// The codec owns framing (lengths, padding, sequence numbers, limits); these objects own
// only the cryptography, so each construction's quirks stay here:
//  - encrypt-and-MAC (RFC 4253 §6.3, §6.4): packet_length encrypted; MAC over the plaintext;
//  - encrypt-then-MAC (OpenSSH PROTOCOL §1.5): packet_length in clear; MAC over ciphertext;
//  - AES-GCM (RFC 5647 as OpenSSH PROTOCOL §1.6): packet_length in clear as AAD;
//  - chacha20-poly1305@openssh.com: packet_length encrypted with its own key.

#include <ssh/crypto/algorithm_tier.hpp>
#include <ssh/crypto/bytes.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

namespace ssh::crypto {

struct cipher_info {
    std::string_view name;
    std::size_t key_size;   // bytes of derived key ("C"/"D", RFC 4253 §7.2)
    std::size_t iv_size;    // bytes of derived IV ("A"/"B"); 0 for chacha20-poly1305
    std::size_t block_size; // padding alignment; at least 8
    std::size_t tag_size;   // integrated tag of an AEAD cipher, else 0
    bool aead;              // integrity built in: MAC negotiation is skipped for it
    algorithm_tier tier;
};

struct mac_info {
    std::string_view name;
    std::size_t key_size; // bytes of derived MAC key ("E"/"F")
    std::size_t tag_size;
    bool encrypt_then_mac;
    algorithm_tier tier;
};

// Registry look-ups; nullptr for unknown names. "none" is not in the registry: the initial
// exchange uses make_plain_sealer()/make_plain_opener().
const cipher_info* find_cipher(std::string_view name) noexcept;
const mac_info* find_mac(std::string_view name) noexcept;
std::span<const cipher_info> all_ciphers() noexcept;
std::span<const mac_info> all_macs() noexcept;

// Derived key material for one direction (sizes as cipher_info/mac_info ask).
struct direction_keys {
    secure_bytes key;
    secure_bytes iv;
    secure_bytes mac_key; // empty for AEAD ciphers
};

// Protects outgoing packets.
//
// Flow per packet: the codec builds `uint32 packet_length || byte padding_length || payload
// || padding` in plaintext, with (4 if length_is_aligned() else 0) + 1 + payload + padding a
// multiple of block_size(); then seal() encrypts it in place and writes tag_size() bytes of
// tag (or MAC), which the codec sends after the packet. seal() throws std::invalid_argument
// if the packet breaks that layout (block alignment, packet_length == packet.size() - 4) or
// tag.size() != tag_size(): a codec bug, never a matter of peer input.
class packet_sealer {
public:
    virtual ~packet_sealer() = default;
    virtual std::size_t block_size() const noexcept = 0;
    // True when the 4-byte packet_length counts towards the alignment (none and
    // encrypt-and-MAC ciphers); false when it is sent apart (EtM, GCM, chacha: OpenSSH's
    // "aadlen").
    virtual bool length_is_aligned() const noexcept = 0;
    virtual std::size_t tag_size() const noexcept = 0;
    virtual void seal(std::uint32_t seq, std::span<std::uint8_t> packet,
                      std::span<std::uint8_t> tag) = 0;
};

// Opens incoming packets.
//
// Flow per packet: once length_prefix_size() bytes have arrived, read_length() returns
// packet_length (it may decrypt those bytes in place). The codec checks the length against
// its limits and alignment (as for the sealer) before buffering more. Once 4 + packet_length
// + tag_size() bytes are there, open() authenticates (in constant time) and decrypts the
// packet in place; false means the packet failed authentication, and its bytes are then
// meaningless. read_length() and open() are always called in pairs, in order (chacha keeps
// the encrypted length bytes between them). open() also returns false, without throwing, for
// a packet or tag that breaks the sealer's layout. After a false, the opener is unusable
// (CTR keystream or GCM counter out of step): the codec disconnects. GCM ignores `seq`.
class packet_opener {
public:
    virtual ~packet_opener() = default;
    virtual std::size_t block_size() const noexcept = 0;
    virtual bool length_is_aligned() const noexcept = 0;
    virtual std::size_t tag_size() const noexcept = 0;
    // 4, or one cipher block for encrypt-and-MAC, whose length is encrypted.
    virtual std::size_t length_prefix_size() const noexcept = 0;
    // Returns 0 (which the codec rejects) if prefix is shorter than length_prefix_size().
    virtual std::uint32_t read_length(std::uint32_t seq, std::span<std::uint8_t> prefix) = 0;
    // `packet` is the whole `uint32 packet_length || ...` as received (prefix included).
    virtual bool open(std::uint32_t seq, std::span<std::uint8_t> packet,
                      std::span<const std::uint8_t> tag) = 0;
};

// The codec calls these at NEWKEYS. `mac` is ignored (may be null) for an AEAD cipher and
// required otherwise. Key sizes must match the registry entries. Throws
// boost::system::system_error (errc::unknown_algorithm) for a name not in the registry,
// std::invalid_argument for wrong key sizes or a missing MAC, and system_error
// (errc::backend_failure) if the crypto library fails to build the primitives.
std::unique_ptr<packet_sealer> make_sealer(const cipher_info& cipher, const mac_info* mac,
                                           const direction_keys& keys);
std::unique_ptr<packet_opener> make_opener(const cipher_info& cipher, const mac_info* mac,
                                           const direction_keys& keys);

// Before the first NEWKEYS: no encryption, no MAC, block size 8 (RFC 4253 §6).
std::unique_ptr<packet_sealer> make_plain_sealer();
std::unique_ptr<packet_opener> make_plain_opener();

} // namespace ssh::crypto
