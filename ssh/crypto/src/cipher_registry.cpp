// The cipher and MAC registry (ssh-conformance.md §2.3, §2.4) and the factory dispatch.
// "Which algorithms exist" only: the order we offer them in lives with the preference lists.

#include "packet_protection.hpp"

#include <ssh/crypto/errc.hpp>

#include <boost/system/system_error.hpp>

#include <botan/exceptn.h>

#include <array>
#include <stdexcept>
#include <string>

namespace ssh::crypto {
namespace {

using enum algorithm_tier;

constexpr std::array<cipher_info, 6> k_ciphers{{
    // name, key, iv, block, tag, aead, tier
    {"chacha20-poly1305@openssh.com", 64, 0, 8, 16, true, default_on},
    {"aes128-ctr", 16, 16, 16, 0, false, default_on},
    {"aes192-ctr", 24, 16, 16, 0, false, default_on},
    {"aes256-ctr", 32, 16, 16, 0, false, default_on},
    {"aes128-gcm@openssh.com", 16, 12, 16, 16, true, default_on},
    {"aes256-gcm@openssh.com", 32, 12, 16, 16, true, default_on},
}};

constexpr std::array<mac_info, 4> k_macs{{
    // name, key, tag, encrypt_then_mac, tier
    {"hmac-sha2-256-etm@openssh.com", 32, 32, true, default_on},
    {"hmac-sha2-512-etm@openssh.com", 64, 64, true, default_on},
    {"hmac-sha2-256", 32, 32, false, default_on},
    {"hmac-sha2-512", 64, 64, false, default_on},
}};

// The factory half of the registry, row for row with the tables above; private because it
// names Botan algorithms.
enum class construction { chacha20_poly1305, aes_gcm, aes_ctr };

constexpr std::array<construction, k_ciphers.size()> k_cipher_constructions{
    construction::chacha20_poly1305, construction::aes_ctr, construction::aes_ctr,
    construction::aes_ctr,           construction::aes_gcm, construction::aes_gcm,
};

constexpr std::array<const char*, k_macs.size()> k_mac_botan_names{
    "HMAC(SHA-256)", "HMAC(SHA-512)", "HMAC(SHA-256)", "HMAC(SHA-512)"};

// Resolves the caller's descriptors against the registry and checks the key material, so the
// constructions can trust every size they are given.
struct resolved {
    construction kind;
    const mac_info* mac;        // null for AEAD
    const char* mac_botan_name; // null for AEAD
};

resolved resolve(const cipher_info& cipher, const mac_info* mac, const direction_keys& keys) {
    const cipher_info* c = find_cipher(cipher.name);
    if (c == nullptr)
        throw boost::system::system_error(make_error_code(errc::unknown_algorithm),
                                          std::string(cipher.name));
    if (keys.key.size() != c->key_size || keys.iv.size() != c->iv_size)
        throw std::invalid_argument("packet cipher: key or IV size does not match the cipher");
    const auto kind = k_cipher_constructions[static_cast<std::size_t>(c - k_ciphers.data())];
    if (c->aead)
        return {kind, nullptr, nullptr};
    if (mac == nullptr)
        throw std::invalid_argument("packet cipher: a non-AEAD cipher needs a MAC");
    const mac_info* m = find_mac(mac->name);
    if (m == nullptr)
        throw boost::system::system_error(make_error_code(errc::unknown_algorithm),
                                          std::string(mac->name));
    if (keys.mac_key.size() != m->key_size)
        throw std::invalid_argument("packet cipher: MAC key size does not match the MAC");
    return {kind, m, k_mac_botan_names[static_cast<std::size_t>(m - k_macs.data())]};
}

// Botan failing to build a primitive we know it has is a backend failure, not bad input.
template <typename F>
auto with_backend_errors(F&& make) {
    try {
        return make();
    } catch (const Botan::Exception& e) {
        throw boost::system::system_error(make_error_code(errc::backend_failure), e.what());
    }
}

} // namespace

const cipher_info* find_cipher(std::string_view name) noexcept {
    for (const auto& c : k_ciphers)
        if (c.name == name)
            return &c;
    return nullptr;
}

const mac_info* find_mac(std::string_view name) noexcept {
    for (const auto& m : k_macs)
        if (m.name == name)
            return &m;
    return nullptr;
}

std::span<const cipher_info> all_ciphers() noexcept {
    return k_ciphers;
}
std::span<const mac_info> all_macs() noexcept {
    return k_macs;
}

std::unique_ptr<packet_sealer> make_sealer(const cipher_info& cipher, const mac_info* mac,
                                           const direction_keys& keys) {
    const auto r = resolve(cipher, mac, keys);
    return with_backend_errors([&]() -> std::unique_ptr<packet_sealer> {
        switch (r.kind) {
        case construction::chacha20_poly1305:
            return detail::make_chacha20_poly1305_sealer(keys);
        case construction::aes_gcm:
            return detail::make_aes_gcm_sealer(keys);
        case construction::aes_ctr:
            break;
        }
        return detail::make_aes_ctr_hmac_sealer(keys, *r.mac, r.mac_botan_name);
    });
}

std::unique_ptr<packet_opener> make_opener(const cipher_info& cipher, const mac_info* mac,
                                           const direction_keys& keys) {
    const auto r = resolve(cipher, mac, keys);
    return with_backend_errors([&]() -> std::unique_ptr<packet_opener> {
        switch (r.kind) {
        case construction::chacha20_poly1305:
            return detail::make_chacha20_poly1305_opener(keys);
        case construction::aes_gcm:
            return detail::make_aes_gcm_opener(keys);
        case construction::aes_ctr:
            break;
        }
        return detail::make_aes_ctr_hmac_opener(keys, *r.mac, r.mac_botan_name);
    });
}

} // namespace ssh::crypto
