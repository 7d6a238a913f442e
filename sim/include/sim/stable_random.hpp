// Deterministic pseudo-random numbers for the simulator: the same (seed, device name, purpose)
// always gives the same sequence, on every machine and compiler, so a device's serial number,
// addresses and uptime follow from the fleet seed and its name alone.
//
//   sim::stable_random r{seed, "ios-0001", "interfaces"};
//   auto n = r.below(48);   // in [0, 48)
//
// Not for secrets: the simulator's host keys and everything cryptographic use system_random.
#pragma once

#include <cstdint>
#include <string_view>

namespace sim {

class stable_random {
public:
    stable_random(std::uint64_t seed, std::string_view name,
                  std::string_view purpose = {}) noexcept;

    std::uint64_t next() noexcept; // splitmix64
    // Uniform in [0, n); 0 when n is 0.
    std::uint64_t below(std::uint64_t n) noexcept;
    // Uniform in [low, high]; low when high < low.
    std::uint64_t between(std::uint64_t low, std::uint64_t high) noexcept;

private:
    std::uint64_t state_;
};

// FNV-1a, 64 bits: a stable hash of text (std::hash is not stable across implementations).
std::uint64_t stable_hash(std::string_view text,
                          std::uint64_t basis = 0xcbf29ce484222325ULL) noexcept;

} // namespace sim
