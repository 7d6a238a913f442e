#include "der_private_key.hpp"

#include "key_botan.hpp"
#include "private_key_impl.hpp"

#include <ssh/crypto/errc.hpp>

#include <botan/ber_dec.h>
#include <botan/ecdsa.h>
#include <botan/rsa.h>

namespace ssh::crypto::detail {
namespace {

using boost::system::error_code;

// Botan's end_cons() does not see an optional field that was read and pushed back because its
// tag did not match; this does.
void expect_no_more(const Botan::BER_Decoder& dec) {
    if (dec.more_items())
        throw Botan::Decoding_Error("unexpected field after the last one");
}

} // namespace

std::unique_ptr<Botan::Private_Key> load_pkcs1_rsa(const der_bytes& der, error_code&) {
    // Botan's PKCS#1 parser has no optional fields; make_rsa_key() checks the values later.
    return std::make_unique<Botan::RSA_PrivateKey>(Botan::AlgorithmIdentifier(), der);
}

std::unique_ptr<Botan::Private_Key> load_sec1(const der_bytes& der, std::optional<Botan::OID> curve,
                                              error_code& ec) {
    // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING,
    //     parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
    Botan::BER_Decoder outer(der);
    Botan::BER_Decoder seq = outer.start_cons(Botan::SEQUENCE);
    Botan::BigInt d;
    Botan::OID named;
    std::vector<std::uint8_t> public_point;
    seq.decode_and_check<std::size_t>(1, "SEC1 version")
        .decode_octet_string_bigint(d)
        .decode_optional(named, Botan::ASN1_Tag(0), Botan::PRIVATE)
        .decode_optional_string(public_point, Botan::BIT_STRING, 1, Botan::PRIVATE);
    expect_no_more(seq);
    seq.end_cons();
    outer.verify_end();
    if (curve && !named.empty() && named != *curve) {
        ec = errc::bad_key_file;
        return nullptr;
    }
    const auto type = ecdsa_type_for(curve ? *curve : named); // explicit curves are not ours
    if (!type) {
        ec = errc::unsupported_key_type;
        return nullptr;
    }
    auto key = make_ecdsa_key(*type, d, ec);
    if (key && !public_point.empty() &&
        dynamic_cast<const Botan::ECDSA_PrivateKey&>(*key).public_point().encode(
            Botan::PointGFp::UNCOMPRESSED) != public_point) {
        ec = errc::bad_key_file; // the stored public key is not d's
        return nullptr;
    }
    return key;
}

std::unique_ptr<Botan::Private_Key> load_pkcs8(const der_bytes& der, error_code& ec) {
    // PrivateKeyInfo ::= SEQUENCE { version, privateKeyAlgorithm AlgorithmIdentifier,
    //     privateKey OCTET STRING, [0] attributes OPTIONAL, [1] publicKey OPTIONAL }
    Botan::BER_Decoder outer(der);
    Botan::BER_Decoder seq = outer.start_cons(Botan::SEQUENCE);
    std::size_t version = 0;
    Botan::AlgorithmIdentifier algorithm;
    der_bytes inner;
    seq.decode(version).decode(algorithm).decode(inner, Botan::OCTET_STRING);
    seq.discard_remaining(); // attributes and the v2 public key are not used
    seq.end_cons();
    outer.verify_end();
    if (version > 1) {
        ec = errc::bad_key_file;
        return nullptr;
    }
    const auto alg = algorithm.get_oid().to_string(); // dotted decimal
    if (alg == "1.2.840.113549.1.1.1")                // rsaEncryption
        return load_pkcs1_rsa(inner, ec);
    if (alg == "1.2.840.10045.2.1") { // id-ecPublicKey, parameters namedCurve
        Botan::OID curve;
        Botan::BER_Decoder(algorithm.get_parameters()).decode(curve).verify_end();
        return load_sec1(inner, curve, ec);
    }
    if (alg == "1.3.101.112") { // id-Ed25519: CurvePrivateKey ::= OCTET STRING (seed)
        der_bytes seed;
        Botan::BER_Decoder(inner).decode(seed, Botan::OCTET_STRING).verify_end();
        return make_ed25519_key(seed, ec);
    }
    ec = errc::unsupported_key_type;
    return nullptr;
}

} // namespace ssh::crypto::detail
