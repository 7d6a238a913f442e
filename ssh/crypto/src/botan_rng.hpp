#pragma once
// Private: lets Botan APIs draw from an injected ssh::crypto::random_source.

#include <ssh/crypto/random.hpp>

#include <botan/rng.h>

namespace ssh::crypto::detail {

class botan_rng final : public Botan::RandomNumberGenerator {
public:
    explicit botan_rng(random_source& source) noexcept
        : source_(source) {}
    std::string name() const override { return "fleetsh-injected"; }
    void clear() override {}
    bool is_seeded() const override { return true; }
    bool accepts_input() const override { return false; }
    void add_entropy(const std::uint8_t*, std::size_t) override {}
    void randomize(std::uint8_t* out, std::size_t n) override { source_.fill({out, n}); }

private:
    random_source& source_;
};

} // namespace ssh::crypto::detail
