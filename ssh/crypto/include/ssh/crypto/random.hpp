#pragma once
// The injectable source of randomness (DESIGN.md: the RNG is injected, so tests and fuzz
// corpora are reproducible). Every adapter that needs random bytes takes one.

#include <cstdint>
#include <memory>
#include <span>

namespace ssh::crypto {

class random_source {
public:
    virtual ~random_source() = default;
    virtual void fill(std::span<std::uint8_t> out) = 0;
};

// The operating system's CSPRNG (getrandom). Thread-safe; lives for the whole process.
random_source& system_random();

// A deterministic stream (ChaCha20 keyed from `seed`) for tests and fuzzing only: the same
// seed always gives the same bytes. Never use it for real connections.
std::unique_ptr<random_source> make_deterministic_random(std::uint64_t seed);

} // namespace ssh::crypto
