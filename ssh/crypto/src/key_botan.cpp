#include "key_botan.hpp"

#include <ssh/wire/writer.hpp>

#include <botan/ecdsa.h>
#include <botan/ed25519.h>
#include <botan/rsa.h>

namespace ssh::crypto::detail {

bool is_ecdsa(key_type type) noexcept {
    return type == key_type::ecdsa_nistp256 || type == key_type::ecdsa_nistp384 ||
           type == key_type::ecdsa_nistp521;
}

const Botan::EC_Group& ecdsa_group(key_type type) {
    // RFC 5656 §10.1: nistp256/384/521 are secp256r1/secp384r1/secp521r1.
    static const Botan::EC_Group p256("secp256r1");
    static const Botan::EC_Group p384("secp384r1");
    static const Botan::EC_Group p521("secp521r1");
    switch (type) {
    case key_type::ecdsa_nistp384:
        return p384;
    case key_type::ecdsa_nistp521:
        return p521;
    default:
        return p256;
    }
}

std::size_t ecdsa_scalar_bytes(key_type type) noexcept {
    switch (type) {
    case key_type::ecdsa_nistp256:
        return 32;
    case key_type::ecdsa_nistp384:
        return 48;
    case key_type::ecdsa_nistp521:
        return 66;
    default:
        return 0;
    }
}

std::optional<key_type> ecdsa_type_for(const Botan::OID& curve) {
    for (key_type t :
         {key_type::ecdsa_nistp256, key_type::ecdsa_nistp384, key_type::ecdsa_nistp521})
        if (ecdsa_group(t).get_curve_oid() == curve)
            return t;
    return std::nullopt;
}

const char* botan_padding(std::string_view signature_alg) noexcept {
    struct entry {
        std::string_view name;
        const char* padding;
    };
    // RFC 8709 §6 (PureEdDSA), RFC 5656 §6.2.1, RFC 8332 §3, RFC 4253 §6.6.
    static constexpr entry table[] = {
        {"ssh-ed25519", "Pure"},
        {"ecdsa-sha2-nistp256", "EMSA1(SHA-256)"},
        {"ecdsa-sha2-nistp384", "EMSA1(SHA-384)"},
        {"ecdsa-sha2-nistp521", "EMSA1(SHA-512)"},
        {"rsa-sha2-512", "EMSA3(SHA-512)"},
        {"rsa-sha2-256", "EMSA3(SHA-256)"},
        {"ssh-rsa", "EMSA3(SHA-1)"},
    };
    for (const auto& e : table)
        if (e.name == signature_alg)
            return e.padding;
    return nullptr;
}

bytes encode_public_blob(key_type type, const Botan::Public_Key& key) {
    wire::writer w;
    w.string(describe(type).name);
    if (type == key_type::ed25519) {
        w.string(dynamic_cast<const Botan::Ed25519_PublicKey&>(key).get_public_key());
    } else if (type == key_type::rsa) {
        const auto& rsa = dynamic_cast<const Botan::RSA_PublicKey&>(key);
        w.mpint_unsigned(Botan::BigInt::encode(rsa.get_e())); // RFC 4253 §6.6: e before n
        w.mpint_unsigned(Botan::BigInt::encode(rsa.get_n()));
    } else {
        const auto& ec = dynamic_cast<const Botan::EC_PublicKey&>(key);
        w.string(describe(type).curve_id);
        w.string(ec.public_point().encode(Botan::PointGFp::UNCOMPRESSED));
    }
    return w.take();
}

Botan::BigInt to_bigint(bytes_view big_endian_magnitude) {
    return Botan::BigInt(big_endian_magnitude.data(), big_endian_magnitude.size());
}

secure_bytes to_secure_bytes(const Botan::BigInt& n, std::size_t size) {
    const std::size_t len = size == 0 ? n.bytes() : size;
    secure_bytes out(len);
    n.binary_encode(out.data(), out.size());
    return out;
}

} // namespace ssh::crypto::detail
