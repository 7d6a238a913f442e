#pragma once
// Helpers shared by the key exchange tests.

#include <ssh/crypto/bytes.hpp>
#include <ssh/crypto/random.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace kex_test {

inline ssh::crypto::bytes from_hex(std::string_view hex) {
    const auto nibble = [](char c) {
        return static_cast<std::uint8_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    };
    ssh::crypto::bytes out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        out.push_back(static_cast<std::uint8_t>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
    }
    return out;
}

template <typename Bytes>
std::string to_hex(const Bytes& data) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::uint8_t b : data) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

// Hands out the scripted bytes first (e.g. a private key from a test vector), then a
// deterministic stream.
class scripted_random final : public ssh::crypto::random_source {
public:
    explicit scripted_random(ssh::crypto::bytes script, std::uint64_t seed = 1)
        : script_(std::move(script))
        , rest_(ssh::crypto::make_deterministic_random(seed)) {}

    void fill(std::span<std::uint8_t> out) override {
        const auto n = std::min(out.size(), script_.size() - used_);
        std::copy_n(script_.begin() + static_cast<std::ptrdiff_t>(used_), n, out.begin());
        used_ += n;
        rest_->fill(out.subspan(n));
    }

private:
    ssh::crypto::bytes script_;
    std::size_t used_ = 0;
    std::unique_ptr<ssh::crypto::random_source> rest_;
};

} // namespace kex_test
