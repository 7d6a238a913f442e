// The server side of diffie-hellman-group-exchange (RFC 4419 §3) without a moduli file:
// OpenSSH's fallback choice among the RFC 3526 groups (ssh-conformance.md §2.1 DH notes).

#include "key_agreement_detail.hpp"

#include <ssh/crypto/errc.hpp>

#include <botan/bigint.h>

#include <algorithm>
#include <new>

namespace ssh::crypto {
namespace {

// OpenSSH dh.h DH_GRP_MIN / DH_GRP_MAX (RFC 8270 §4 for the minimum).
constexpr std::uint32_t grp_min = 2048;
constexpr std::uint32_t grp_max = 8192;

// OpenSSH dh.c dh_new_group_fallback(): the choice depends on max alone.
std::uint32_t fallback_bits(std::uint32_t max) noexcept {
    if (max < 3072) {
        return 2048; // group14
    }
    if (max < 6144) {
        return 4096; // group16
    }
    return 8192; // group18
}

} // namespace

dh_group_params select_gex_group(std::uint32_t min, std::uint32_t n, std::uint32_t max,
                                 boost::system::error_code& ec) {
    ec.clear();
    // OpenSSH kexgexs.c: the request must be ordered as sent...
    if (max < min || n < min || max < n) {
        ec = errc::bad_group;
        return {};
    }
    // ...then it is clamped to [DH_GRP_MIN, DH_GRP_MAX] before choosing (n is clamped too
    // but plays no part without a moduli file).
    const auto bits = fallback_bits(std::min(max, grp_max));
    // The client will refuse a group outside what it asked for (RFC 4419 §3, kexgexc.c);
    // say so now rather than send it.
    if (bits < std::max(min, grp_min) || bits > max) {
        ec = errc::bad_group;
        return {};
    }
    try {
        const auto* group = detail::rfc3526_group(bits);
        return {Botan::BigInt::encode(group->get_p()), Botan::BigInt::encode(group->get_g())};
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception&) {
        ec = errc::backend_failure;
        return {};
    }
}

} // namespace ssh::crypto
