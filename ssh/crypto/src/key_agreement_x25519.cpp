// curve25519-sha256 (RFC 8731) over X25519 (RFC 7748).

#include "botan_rng.hpp"
#include "key_agreement_detail.hpp"

#include <ssh/crypto/errc.hpp>

#include <botan/curve25519.h>
#include <botan/pubkey.h>

#include <new>

namespace ssh::crypto::detail {
namespace {

constexpr std::size_t x25519_size = 32; // RFC 7748 §5: keys and outputs are 32 bytes

Botan::secure_vector<std::uint8_t> draw_scalar(random_source& rng) {
    // The 32 random bytes are the private key as RFC 7748 §6.1 defines it (clamping happens
    // in the scalar multiplication), so a test can inject a known key through `rng`.
    Botan::secure_vector<std::uint8_t> scalar(x25519_size);
    rng.fill(scalar);
    return scalar;
}

class x25519_agreement final : public key_agreement {
public:
    explicit x25519_agreement(random_source& rng)
        : key_(draw_scalar(rng))
        , public_(key_.public_value())
        , adapter_(rng) {}

    bytes_view public_value() const noexcept override { return public_; }

    secure_bytes agree(bytes_view peer, boost::system::error_code& ec) override {
        ec.clear();
        // RFC 8731 §3: the peer's key must be exactly 32 bytes.
        if (peer.size() != x25519_size) {
            ec = errc::invalid_public_value;
            return {};
        }
        Botan::secure_vector<std::uint8_t> shared;
        try {
            shared = op_.derive_key(0, peer.data(), peer.size()).bits_of();
        } catch (const std::bad_alloc&) {
            throw;
        } catch (const std::exception&) {
            ec = errc::backend_failure;
            return {};
        }
        // RFC 7748 §6.1 / RFC 8731 §3: an all-zero result (low-order peer point) must be
        // rejected; Botan does not check (ssh-conformance.md §2.1). Constant time.
        std::uint8_t any = 0;
        for (auto b : shared) {
            any = static_cast<std::uint8_t>(any | b);
        }
        if (any == 0) {
            ec = errc::weak_shared_secret;
            return {};
        }
        // RFC 8731 §3: read as a big-endian integer, no byte reversal.
        return canonical_magnitude(shared.data(), shared.size());
    }

private:
    Botan::Curve25519_PrivateKey key_;
    bytes public_;
    // Built once per key (for DH, setting up blinding costs more than an agreement).
    botan_rng adapter_;
    Botan::PK_Key_Agreement op_{key_, adapter_, "Raw"};
};

} // namespace

std::unique_ptr<key_agreement> make_x25519_agreement(random_source& rng) {
    return std::make_unique<x25519_agreement>(rng);
}

} // namespace ssh::crypto::detail
