#include <ssh/crypto/base64.hpp>

#include <array>

namespace ssh::crypto {
namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_decode_table() {
    std::array<std::int8_t, 256> t{};
    t.fill(-1);
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
    return t;
}
constexpr auto decode_table = make_decode_table();

} // namespace

std::string base64_encode(bytes_view data, bool pad) {
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        const std::uint32_t v =
            (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
        for (int shift = 18; shift >= 0; shift -= 6)
            out.push_back(alphabet[(v >> shift) & 0x3f]);
    }
    const std::size_t rest = data.size() - i;
    if (rest > 0) {
        std::uint32_t v = std::uint32_t{data[i]} << 16;
        if (rest == 2)
            v |= std::uint32_t{data[i + 1]} << 8;
        out.push_back(alphabet[(v >> 18) & 0x3f]);
        out.push_back(alphabet[(v >> 12) & 0x3f]);
        if (rest == 2)
            out.push_back(alphabet[(v >> 6) & 0x3f]);
        if (pad)
            out.append(rest == 1 ? "==" : "=");
    }
    return out;
}

std::optional<bytes> base64_decode(std::string_view text) {
    // Strip the padding, which may only appear at the end and only as much as is needed.
    std::size_t padding = 0;
    while (!text.empty() && text.back() == '=' && padding < 2) {
        text.remove_suffix(1);
        ++padding;
    }
    if (text.size() % 4 == 1 || (padding > 0 && (text.size() + padding) % 4 != 0))
        return std::nullopt;
    bytes out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        const auto v = decode_table[static_cast<unsigned char>(c)];
        if (v < 0)
            return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>(acc >> bits));
        }
    }
    // Leftover bits must be zero: otherwise two texts would decode to the same bytes.
    if ((acc & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

} // namespace ssh::crypto
