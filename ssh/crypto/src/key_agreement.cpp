// The public factories: map a registry entry to its Botan group and keep Botan's
// exceptions inside ssh/crypto.

#include "key_agreement_detail.hpp"

#include <ssh/crypto/errc.hpp>

#include <botan/bigint.h>

#include <new>

namespace ssh::crypto {
namespace detail {

secure_bytes canonical_magnitude(const std::uint8_t* data, std::size_t size) {
    std::size_t skip = 0;
    while (skip < size && data[skip] == 0) {
        ++skip;
    }
    return secure_bytes(data + skip, data + size);
}

} // namespace detail

namespace {

const char* ec_group_name(std::size_t bits) noexcept {
    switch (bits) {
    case 256:
        return "secp256r1";
    case 384:
        return "secp384r1";
    case 521:
        return "secp521r1";
    }
    return nullptr;
}

std::unique_ptr<key_agreement> make_fixed(const kex_info& kex, random_source& rng,
                                          boost::system::error_code& ec) {
    switch (kex.kind) {
    case kex_kind::curve25519:
        return detail::make_x25519_agreement(rng);
    case kex_kind::ecdh:
        if (const char* curve = ec_group_name(kex.group_bits)) {
            return detail::make_ecdh_agreement(curve, rng);
        }
        break;
    case kex_kind::dh_fixed_group:
        if (const auto* group = detail::rfc3526_group(kex.group_bits)) {
            return detail::make_dh_agreement(*group, rng);
        }
        break;
    case kex_kind::dh_group_exchange:
        break;
    }
    ec = errc::unknown_algorithm;
    return nullptr;
}

// bits(p) bounds of a group exchange (RFC 8270 §4 raises the minimum to 2048; OpenSSH
// DH_GRP_MIN/DH_GRP_MAX).
constexpr std::size_t gex_min_bits = 2048;
constexpr std::size_t gex_max_bits = 8192;

} // namespace

std::unique_ptr<key_agreement> make_key_agreement(const kex_info& kex, random_source& rng,
                                                  boost::system::error_code& ec) {
    ec.clear();
    try {
        return make_fixed(kex, rng, ec);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception&) {
        ec = errc::backend_failure;
        return nullptr;
    }
}

std::unique_ptr<key_agreement> make_dh_group_agreement(bytes_view p, bytes_view g,
                                                       random_source& rng,
                                                       boost::system::error_code& ec) {
    ec.clear();
    try {
        const auto p_int = Botan::BigInt::decode(p.data(), p.size());
        const auto g_int = Botan::BigInt::decode(g.data(), g.size());
        // RFC 4419 §3 leaves the group to the server; refuse what cannot be a safe group:
        // sizes outside our bounds, an even modulus, or g in {0, 1, p-1} or beyond.
        if (p_int.bits() < gex_min_bits || p_int.bits() > gex_max_bits || p_int.is_even() ||
            g_int <= 1 || g_int >= p_int - 1) {
            ec = errc::bad_group;
            return nullptr;
        }
        return detail::make_dh_agreement(Botan::DL_Group(p_int, g_int), rng);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception&) {
        ec = errc::backend_failure;
        return nullptr;
    }
}

} // namespace ssh::crypto
