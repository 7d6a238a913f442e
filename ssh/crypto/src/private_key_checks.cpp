#include "botan_rng.hpp"
#include "key_botan.hpp"
#include "private_key_impl.hpp"

#include <ssh/crypto/errc.hpp>

#include <botan/ecdsa.h>
#include <botan/ed25519.h>
#include <botan/rsa.h>

#include <exception>

namespace ssh::crypto::detail {
namespace {

using boost::system::error_code;

constexpr std::size_t ed25519_seed_bytes = 32; // RFC 8032 §5.1.5

std::unique_ptr<Botan::Private_Key> rebuild(const Botan::Private_Key& key, key_type& type,
                                            error_code& ec) {
    if (const auto* ed = dynamic_cast<const Botan::Ed25519_PrivateKey*>(&key)) {
        type = key_type::ed25519;
        const auto& secret = ed->get_private_key(); // seed || public (RFC 8032 §5.1.5)
        if (secret.size() < ed25519_seed_bytes) {
            ec = errc::bad_key_file;
            return nullptr;
        }
        return make_ed25519_key(bytes_view{secret}.first(ed25519_seed_bytes), ec);
    }
    if (const auto* ecdsa = dynamic_cast<const Botan::ECDSA_PrivateKey*>(&key)) {
        const auto t = ecdsa_type_for(ecdsa->domain().get_curve_oid());
        if (!t) {
            ec = errc::unsupported_key_type;
            return nullptr;
        }
        type = *t;
        auto rebuilt = make_ecdsa_key(type, ecdsa->private_value(), ec);
        if (rebuilt && dynamic_cast<const Botan::ECDSA_PrivateKey&>(*rebuilt).public_point() !=
                           ecdsa->public_point()) {
            ec = errc::bad_key_file; // a stored public point that d does not give
            return nullptr;
        }
        return rebuilt;
    }
    if (const auto* rsa = dynamic_cast<const Botan::RSA_PrivateKey*>(&key)) {
        type = key_type::rsa;
        return make_rsa_key(rsa->get_p(), rsa->get_q(), rsa->get_e(), rsa->get_d(), rsa->get_n(),
                            ec);
    }
    ec = errc::unsupported_key_type;
    return nullptr;
}

} // namespace

std::unique_ptr<Botan::Private_Key> make_ed25519_key(bytes_view seed, error_code& ec) {
    if (seed.size() != ed25519_seed_bytes) {
        ec = errc::bad_key_file;
        return nullptr;
    }
    // The 32-byte constructor derives the public key; the 64-byte one would trust it.
    return std::make_unique<Botan::Ed25519_PrivateKey>(
        Botan::secure_vector<std::uint8_t>(seed.begin(), seed.end()));
}

std::unique_ptr<Botan::Private_Key> make_ecdsa_key(key_type type, const Botan::BigInt& d,
                                                   error_code& ec) {
    const auto& group = ecdsa_group(type);
    // Botan would generate a fresh key for d = 0.
    if (d < 1 || d >= group.get_order()) {
        ec = errc::bad_key_file;
        return nullptr;
    }
    botan_rng rng(system_random()); // blinds the base point multiplication
    return std::make_unique<Botan::ECDSA_PrivateKey>(rng, group, d);
}

std::unique_ptr<Botan::Private_Key> make_rsa_key(const Botan::BigInt& p, const Botan::BigInt& q,
                                                 const Botan::BigInt& e, const Botan::BigInt& d,
                                                 const Botan::BigInt& n, error_code& ec) {
    if (n.bits() > max_rsa_bits) {
        ec = errc::key_too_large;
        return nullptr;
    }
    if (n.bits() < min_rsa_bits) {
        ec = errc::key_too_small;
        return nullptr;
    }
    if (p < 3 || q < 3 || e < 3 || e.is_even() || d < 1 || d >= n || p * q != n) {
        ec = errc::bad_key_file;
        return nullptr;
    }
    const Botan::BigInt ed = e * d;
    if (ed % (p - 1) != 1 || ed % (q - 1) != 1) {
        ec = errc::bad_key_file;
        return nullptr;
    }
    // This constructor computes d mod p-1, d mod q-1 and q^-1 mod p itself.
    return std::make_unique<Botan::RSA_PrivateKey>(p, q, e, d, n);
}

std::optional<private_key> wrap_private_key(const Botan::Private_Key& key, std::string comment,
                                            error_code& ec) {
    ec.clear();
    try {
        key_type type{};
        auto rebuilt = rebuild(key, type, ec);
        if (!rebuilt)
            return std::nullopt;
        auto pub = public_key::from_blob(encode_public_blob(type, *rebuilt), ec);
        if (!pub) {
            if (ec == errc::bad_key_blob)
                ec = errc::bad_key_file;
            return std::nullopt;
        }
        return private_key{std::unique_ptr<private_key::impl>(
            new private_key::impl{type, std::move(rebuilt), std::move(*pub), std::move(comment)})};
    } catch (const std::exception&) {
        ec = errc::bad_key_file;
        return std::nullopt;
    }
}

} // namespace ssh::crypto::detail
