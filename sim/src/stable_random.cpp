#include <sim/stable_random.hpp>

namespace sim {

std::uint64_t stable_hash(std::string_view text, std::uint64_t basis) noexcept {
    std::uint64_t h = basis;
    for (const unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

stable_random::stable_random(std::uint64_t seed, std::string_view name,
                             std::string_view purpose) noexcept
    // The 0xff separator keeps ("ab", "c") and ("a", "bc") apart: it never occurs in UTF-8.
    : state_(stable_hash(purpose,
                         stable_hash("\xff", stable_hash(name, seed ^ 0xcbf29ce484222325ULL)))) {}

std::uint64_t stable_random::next() noexcept {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t stable_random::below(std::uint64_t n) noexcept {
    if (n == 0)
        return 0;
    // Rejection sampling keeps the distribution uniform. A draw is rejected with probability
    // below 1/2, so 64 rejections in a row (then plain modulo) never happen in practice.
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t v = next();
    for (int tries = 0; v >= limit && tries < 64; ++tries)
        v = next();
    return v % n;
}

std::uint64_t stable_random::between(std::uint64_t low, std::uint64_t high) noexcept {
    if (high < low)
        return low;
    if (high - low == UINT64_MAX)
        return next();
    return low + below(high - low + 1);
}

} // namespace sim
