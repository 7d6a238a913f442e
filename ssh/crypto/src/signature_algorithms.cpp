#include <ssh/crypto/signature_algorithms.hpp>

#include <array>

namespace ssh::crypto {
namespace {

// Indexed by key_type.
constexpr std::array<key_type_info, 5> key_types{{
    {key_type::ed25519, "ssh-ed25519", ""},                        // RFC 8709 §4
    {key_type::ecdsa_nistp256, "ecdsa-sha2-nistp256", "nistp256"}, // RFC 5656 §3.1
    {key_type::ecdsa_nistp384, "ecdsa-sha2-nistp384", "nistp384"},
    {key_type::ecdsa_nistp521, "ecdsa-sha2-nistp521", "nistp521"},
    {key_type::rsa, "ssh-rsa", ""}, // RFC 4253 §6.6
}};

constexpr std::array<signature_algorithm_info, 7> signature_algorithms{{
    {"ssh-ed25519", key_type::ed25519, algorithm_tier::default_on},
    {"ecdsa-sha2-nistp256", key_type::ecdsa_nistp256, algorithm_tier::default_on},
    {"ecdsa-sha2-nistp384", key_type::ecdsa_nistp384, algorithm_tier::default_on},
    {"ecdsa-sha2-nistp521", key_type::ecdsa_nistp521, algorithm_tier::default_on},
    {"rsa-sha2-512", key_type::rsa, algorithm_tier::default_on}, // RFC 8332 §3
    {"rsa-sha2-256", key_type::rsa, algorithm_tier::default_on},
    // SHA-1: only for peers that know nothing newer (ssh-conformance.md §10).
    {"ssh-rsa", key_type::rsa, algorithm_tier::legacy},
}};

} // namespace

const key_type_info* find_key_type(std::string_view name) noexcept {
    for (const auto& info : key_types)
        if (info.name == name)
            return &info;
    return nullptr;
}

const key_type_info& describe(key_type type) noexcept {
    return key_types[static_cast<std::size_t>(type)];
}

std::span<const key_type_info> all_key_types() noexcept {
    return key_types;
}

const signature_algorithm_info* find_signature_algorithm(std::string_view name) noexcept {
    for (const auto& info : signature_algorithms)
        if (info.name == name)
            return &info;
    return nullptr;
}

std::span<const signature_algorithm_info> all_signature_algorithms() noexcept {
    return signature_algorithms;
}

bool signature_fits(std::string_view signature_alg, key_type type) noexcept {
    const auto* info = find_signature_algorithm(signature_alg);
    return info != nullptr && info->key == type;
}

} // namespace ssh::crypto
