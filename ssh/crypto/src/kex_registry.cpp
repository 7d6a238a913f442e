#include <ssh/crypto/key_exchange.hpp>

#include <array>

namespace ssh::crypto {
namespace {

using enum kex_kind;
constexpr auto on = algorithm_tier::default_on;

// ssh-conformance.md §2.1, the rows of tier D. Optional and legacy methods (group15/17,
// the SHA-1 groups, GEX-sha1) join this table when their tiers are wired up.
constexpr std::array<kex_info, 9> registry{{
    // RFC 8731; the @libssh.org name is the pre-RFC spelling of the same method.
    {"curve25519-sha256", curve25519, hash_alg::sha256, 255, on},
    {"curve25519-sha256@libssh.org", curve25519, hash_alg::sha256, 255, on},
    // RFC 5656 §4 and §6.2.1: the hash follows the curve size.
    {"ecdh-sha2-nistp256", ecdh, hash_alg::sha256, 256, on},
    {"ecdh-sha2-nistp384", ecdh, hash_alg::sha384, 384, on},
    {"ecdh-sha2-nistp521", ecdh, hash_alg::sha512, 521, on},
    // RFC 4419.
    {"diffie-hellman-group-exchange-sha256", dh_group_exchange, hash_alg::sha256, 0, on},
    // RFC 8268 §3: the RFC 3526 MODP groups 14, 16 and 18.
    {"diffie-hellman-group14-sha256", dh_fixed_group, hash_alg::sha256, 2048, on},
    {"diffie-hellman-group16-sha512", dh_fixed_group, hash_alg::sha512, 4096, on},
    {"diffie-hellman-group18-sha512", dh_fixed_group, hash_alg::sha512, 8192, on},
}};

constexpr std::array<std::string_view, 4> pseudo_algorithms{ext_info_c, ext_info_s, kex_strict_c,
                                                            kex_strict_s};

} // namespace

const kex_info* find_kex(std::string_view name) noexcept {
    for (const auto& info : registry) {
        if (info.name == name) {
            return &info;
        }
    }
    return nullptr;
}

std::span<const kex_info> all_kex() noexcept {
    return registry;
}

bool is_kex_pseudo_algorithm(std::string_view name) noexcept {
    for (auto pseudo : pseudo_algorithms) {
        if (pseudo == name) {
            return true;
        }
    }
    return false;
}

} // namespace ssh::crypto
