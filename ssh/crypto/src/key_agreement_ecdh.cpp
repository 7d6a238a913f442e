// ecdh-sha2-nistp256/384/521 (RFC 5656 §4) over the NIST curves.

#include "botan_rng.hpp"
#include "key_agreement_detail.hpp"

#include <ssh/crypto/errc.hpp>

#include <botan/ec_group.h>
#include <botan/ecdh.h>
#include <botan/pubkey.h>

#include <new>

namespace ssh::crypto::detail {
namespace {

constexpr std::uint8_t uncompressed_tag = 0x04; // SEC 1 §2.3.3

class ecdh_agreement final : public key_agreement {
public:
    ecdh_agreement(const std::string& curve, random_source& rng)
        : group_(curve)
        , key_(make_key(group_, rng))
        , public_(key_.public_value())
        , adapter_(rng) {}

    bytes_view public_value() const noexcept override { return public_; }

    secure_bytes agree(bytes_view peer, boost::system::error_code& ec) override {
        ec.clear();
        if (!valid_peer(peer)) {
            ec = errc::invalid_public_value;
            return {};
        }
        try {
            // The x-coordinate, fixed length (ssh-conformance.md §2.1); K is its integer.
            const auto shared = op_.derive_key(0, peer.data(), peer.size()).bits_of();
            return canonical_magnitude(shared.data(), shared.size());
        } catch (const std::bad_alloc&) {
            throw;
        } catch (const std::exception&) {
            ec = errc::backend_failure;
            return {};
        }
    }

private:
    static Botan::ECDH_PrivateKey make_key(const Botan::EC_Group& group, random_source& rng) {
        botan_rng adapter(rng);
        return Botan::ECDH_PrivateKey(adapter, group);
    }

    // RFC 5656 §4 and §3.1: Q is the uncompressed point; SEC 1 §3.2.2.1 public key
    // validation (on the curve, not the identity, right order). Botan would accept a
    // compressed point, so the tag and length are checked first (ssh-conformance.md §2.7).
    bool valid_peer(bytes_view peer) const {
        if (peer.size() != 1 + 2 * group_.get_p_bytes() || peer[0] != uncompressed_tag) {
            return false;
        }
        try {
            return group_.verify_public_element(group_.OS2ECP(peer.data(), peer.size()));
        } catch (const std::bad_alloc&) {
            throw;
        } catch (const std::exception&) {
            return false; // Botan throws on coordinates >= p or a point off the curve
        }
    }

    Botan::EC_Group group_;
    Botan::ECDH_PrivateKey key_;
    bytes public_;
    // Built once per key (for DH, setting up blinding costs more than an agreement).
    botan_rng adapter_;
    Botan::PK_Key_Agreement op_{key_, adapter_, "Raw"};
};

} // namespace

std::unique_ptr<key_agreement> make_ecdh_agreement(const std::string& curve, random_source& rng) {
    return std::make_unique<ecdh_agreement>(curve, rng);
}

} // namespace ssh::crypto::detail
