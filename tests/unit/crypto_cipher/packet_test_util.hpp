#pragma once
// Helpers for the packet cipher tests: hex, packet building, deterministic keys, and a small
// emulation of the packet codec's receive path (length checks, then open()).

#include <ssh/crypto/packet_cipher.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace packet_test {

namespace sc = ssh::crypto;
using bytes = std::vector<std::uint8_t>;

inline bytes from_hex(std::string_view hex) {
    auto nibble = [](char c) -> std::uint8_t {
        if (c >= '0' && c <= '9')
            return static_cast<std::uint8_t>(c - '0');
        if (c >= 'a' && c <= 'f')
            return static_cast<std::uint8_t>(c - 'a' + 10);
        throw std::invalid_argument("bad hex");
    };
    bytes out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<std::uint8_t>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
    return out;
}

inline std::string to_hex(const bytes& b) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    for (auto v : b) {
        s += digits[v >> 4];
        s += digits[v & 15];
    }
    return s;
}

inline std::uint32_t load_be32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

inline void store_be32(std::uint8_t* p, std::uint32_t v) {
    for (int i = 3; i >= 0; --i, v >>= 8)
        p[i] = static_cast<std::uint8_t>(v);
}

// `uint32 packet_length || byte padding_length || payload || padding`, padded as OpenSSH does
// (ssh-conformance.md §3.2); padding bytes count up from `pad_start` so vectors are fixed.
inline bytes build_packet(const bytes& payload, std::size_t block, bool length_is_aligned,
                          std::uint8_t pad_start = 0xa0) {
    const std::size_t unpadded = (length_is_aligned ? 4 : 0) + 1 + payload.size();
    std::size_t pad = block - unpadded % block;
    if (pad < 4)
        pad += block;
    bytes p(4);
    store_be32(p.data(), static_cast<std::uint32_t>(1 + payload.size() + pad));
    p.push_back(static_cast<std::uint8_t>(pad));
    p.insert(p.end(), payload.begin(), payload.end());
    for (std::size_t i = 0; i < pad; ++i)
        p.push_back(static_cast<std::uint8_t>(pad_start + i));
    return p;
}

inline bytes pattern(std::size_t n, std::uint8_t seed) {
    bytes b(n);
    for (std::size_t i = 0; i < n; ++i)
        b[i] = static_cast<std::uint8_t>(seed + i * 7 + (i >> 8));
    return b;
}

// One negotiated pair: a cipher and, unless it is AEAD, a MAC.
struct suite {
    const sc::cipher_info* cipher;
    const sc::mac_info* mac;
    std::string label() const {
        return std::string(cipher->name) + (mac ? " + " + std::string(mac->name) : "");
    }
};

inline std::vector<suite> all_suites() {
    std::vector<suite> out;
    for (const auto& c : sc::all_ciphers()) {
        if (c.aead) {
            out.push_back({&c, nullptr});
            continue;
        }
        for (const auto& m : sc::all_macs())
            out.push_back({&c, &m});
    }
    return out;
}

inline sc::direction_keys keys_for(const suite& s, std::uint8_t seed) {
    sc::direction_keys k;
    auto fill = [&](sc::secure_bytes& v, std::size_t n, std::uint8_t base) {
        for (std::size_t i = 0; i < n; ++i)
            v.push_back(static_cast<std::uint8_t>(base + 13 * i));
    };
    fill(k.key, s.cipher->key_size, seed);
    fill(k.iv, s.cipher->iv_size, static_cast<std::uint8_t>(seed + 0x55));
    if (s.mac)
        fill(k.mac_key, s.mac->key_size, static_cast<std::uint8_t>(seed + 0xaa));
    return k;
}

// Seals a copy of `plain`; returns the wire bytes (packet || tag).
inline bytes seal_to_wire(sc::packet_sealer& sealer, std::uint32_t seq, const bytes& plain) {
    bytes wire(plain.size() + sealer.tag_size());
    std::copy(plain.begin(), plain.end(), wire.begin());
    const std::span<std::uint8_t> all(wire);
    sealer.seal(seq, all.first(plain.size()), all.subspan(plain.size()));
    return wire;
}

// What the codec does on receive: read the length from the prefix, reject it if it is too
// short, misaligned or more than has arrived, then open() exactly 4 + length bytes and the
// tag after them. Returns the opened packet, or nullopt for a rejection or a failed open().
inline std::optional<bytes> codec_receive(sc::packet_opener& opener, std::uint32_t seq,
                                          bytes wire) {
    const std::size_t prefix = opener.length_prefix_size();
    if (wire.size() < prefix)
        return std::nullopt;
    const std::span<std::uint8_t> all(wire);
    const std::size_t len = opener.read_length(seq, all.first(prefix));
    const std::size_t aligned = opener.length_is_aligned() ? 4 + len : len;
    if (len < 5 || aligned % opener.block_size() != 0 || 4 + len < prefix ||
        4 + len + opener.tag_size() > wire.size())
        return std::nullopt;
    if (!opener.open(seq, all.first(4 + len), all.subspan(4 + len, opener.tag_size())))
        return std::nullopt;
    wire.resize(4 + len);
    return wire;
}

} // namespace packet_test
