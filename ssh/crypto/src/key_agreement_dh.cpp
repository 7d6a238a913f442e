// Finite-field Diffie-Hellman: diffie-hellman-group14/16/18 (RFC 4253 §8, RFC 8268) and
// the group of a group exchange (RFC 4419).

#include "botan_rng.hpp"
#include "key_agreement_detail.hpp"

#include <ssh/crypto/errc.hpp>

#include <botan/bigint.h>
#include <botan/dh.h>
#include <botan/pubkey.h>

#include <new>

namespace ssh::crypto::detail {
namespace {

class dh_agreement final : public key_agreement {
public:
    dh_agreement(const Botan::DL_Group& group, random_source& rng)
        : p_minus_1_(group.get_p() - 1)
        , p_bytes_(group.p_bytes())
        , key_(make_key(group, rng))
        , public_(Botan::BigInt::encode(key_.get_y()))
        , adapter_(rng) {}

    bytes_view public_value() const noexcept override { return public_; }

    secure_bytes agree(bytes_view peer, boost::system::error_code& ec) override {
        ec.clear();
        if (!valid_peer(peer)) {
            ec = errc::invalid_public_value;
            return {};
        }
        try {
            // Botan left-pads K to the size of p; mpint(K) needs the integer itself
            // (ssh-conformance.md §2.1 DH notes), or 1 handshake in 256 fails.
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
    static Botan::DH_PrivateKey make_key(const Botan::DL_Group& group, random_source& rng) {
        botan_rng adapter(rng);
        return Botan::DH_PrivateKey(adapter, group); // exponent size: Botan's for bits(p)
    }

    // RFC 4253 §8 accepts only [1, p-1]; like Botan and OpenSSH (dh_pub_is_valid) we also
    // refuse the ends, as f = 1 gives K = 1 and f = p-1 gives K = ±1: 1 < f < p-1.
    bool valid_peer(bytes_view peer) const {
        std::size_t skip = 0;
        while (skip < peer.size() && peer[skip] == 0) {
            ++skip;
        }
        if (peer.size() - skip > p_bytes_) {
            return false;
        }
        const auto f = Botan::BigInt::decode(peer.data() + skip, peer.size() - skip);
        return f > 1 && f < p_minus_1_;
    }

    Botan::BigInt p_minus_1_;
    std::size_t p_bytes_;
    Botan::DH_PrivateKey key_;
    bytes public_;
    // Built once per key (for DH, setting up blinding costs more than an agreement).
    botan_rng adapter_;
    Botan::PK_Key_Agreement op_{key_, adapter_, "Raw"};
};

} // namespace

std::unique_ptr<key_agreement> make_dh_agreement(const Botan::DL_Group& group, random_source& rng) {
    return std::make_unique<dh_agreement>(group, rng);
}

} // namespace ssh::crypto::detail
