// PBES2 (RFC 8018 §6.2) as OpenSSL writes "ENCRYPTED PRIVATE KEY": PBKDF2 with an HMAC-SHA
// PRF (A.2), then AES-CBC with PKCS#7 padding (B.2.5).
#include "der_private_key.hpp"

#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/private_key.hpp>

#include <botan/ber_dec.h>
#include <botan/cipher_mode.h>
#include <botan/pwdhash.h>

#include <array>
#include <exception>

namespace ssh::crypto::detail {
namespace {

using boost::system::error_code;

constexpr std::string_view convert_hint =
    "convert the key to the OpenSSH format with `ssh-keygen -p -f KEY`";

struct named {
    std::string_view oid;
    const char* botan;
    std::size_t key_len;
};

constexpr std::array<named, 5> prfs{{
    {"1.2.840.113549.2.7", "PBKDF2(SHA-1)", 0}, // hmacWithSHA1, the default
    {"1.2.840.113549.2.8", "PBKDF2(SHA-224)", 0},
    {"1.2.840.113549.2.9", "PBKDF2(SHA-256)", 0},
    {"1.2.840.113549.2.10", "PBKDF2(SHA-384)", 0},
    {"1.2.840.113549.2.11", "PBKDF2(SHA-512)", 0},
}};

constexpr std::array<named, 3> ciphers{{
    {"2.16.840.1.101.3.4.1.2", "AES-128/CBC/PKCS7", 16},
    {"2.16.840.1.101.3.4.1.22", "AES-192/CBC/PKCS7", 24},
    {"2.16.840.1.101.3.4.1.42", "AES-256/CBC/PKCS7", 32},
}};

template <std::size_t N>
const named* find(const std::array<named, N>& table, const Botan::OID& oid) {
    const auto dotted = oid.to_string();
    for (const auto& entry : table)
        if (entry.oid == dotted)
            return &entry;
    return nullptr;
}

struct pbes2 {
    const named* prf = nullptr;
    const named* cipher = nullptr;
    std::vector<std::uint8_t> salt;
    std::size_t iterations = 0;
    std::vector<std::uint8_t> iv;
    std::vector<std::uint8_t> ciphertext;
};

// Reads the envelope; false (unsupported_key_file) for schemes other than the ones above.
bool read_pbes2(const der_bytes& der, pbes2& out) {
    Botan::AlgorithmIdentifier scheme;
    Botan::BER_Decoder(der)
        .start_cons(Botan::SEQUENCE)
        .decode(scheme)
        .decode(out.ciphertext, Botan::OCTET_STRING)
        .end_cons()
        .verify_end();
    if (scheme.get_oid().to_string() != "1.2.840.113549.1.5.13") // id-PBES2
        return false;
    Botan::AlgorithmIdentifier kdf;
    Botan::AlgorithmIdentifier cipher;
    Botan::BER_Decoder(scheme.get_parameters())
        .start_cons(Botan::SEQUENCE)
        .decode(kdf)
        .decode(cipher)
        .end_cons()
        .verify_end();
    if (kdf.get_oid().to_string() != "1.2.840.113549.1.5.12") // id-PBKDF2
        return false;
    Botan::BER_Decoder kdf_params(kdf.get_parameters());
    Botan::BER_Decoder seq = kdf_params.start_cons(Botan::SEQUENCE);
    std::size_t key_length = 0;
    seq.decode(out.salt, Botan::OCTET_STRING)
        .decode(out.iterations)
        .decode_optional(key_length, Botan::INTEGER, Botan::UNIVERSAL, std::size_t{0});
    out.prf = &prfs[0];
    if (seq.more_items()) {
        Botan::AlgorithmIdentifier prf;
        seq.decode(prf);
        out.prf = find(prfs, prf.get_oid());
    }
    if (seq.more_items())
        throw Botan::Decoding_Error("PBKDF2 parameters");
    seq.end_cons();
    out.cipher = find(ciphers, cipher.get_oid());
    if (out.prf == nullptr || out.cipher == nullptr ||
        (key_length != 0 && key_length != out.cipher->key_len))
        return false;
    Botan::BER_Decoder(cipher.get_parameters()).decode(out.iv, Botan::OCTET_STRING).verify_end();
    return true;
}

} // namespace

std::optional<der_bytes> decrypt_pkcs8(const der_bytes& der,
                                       std::optional<std::string_view> passphrase, error_code& ec,
                                       std::string* hint) {
    pbes2 params;
    if (!read_pbes2(der, params)) {
        ec = errc::unsupported_key_file;
        if (hint)
            *hint = "the key's encryption scheme is not supported; " + std::string(convert_hint);
        return std::nullopt;
    }
    if (params.iterations == 0 || params.iv.size() != 16 || params.ciphertext.empty() ||
        params.ciphertext.size() % 16 != 0) {
        ec = errc::bad_key_file;
        return std::nullopt;
    }
    // Checked before any work: a flipped bit here could otherwise cost hours.
    if (params.iterations > max_pbkdf2_iterations) {
        ec = errc::kdf_rounds_too_high;
        return std::nullopt;
    }
    if (!passphrase) {
        ec = errc::passphrase_required;
        return std::nullopt;
    }
    der_bytes key(params.cipher->key_len);
    Botan::PasswordHashFamily::create_or_throw(params.prf->botan)
        ->from_iterations(params.iterations)
        ->derive_key(key.data(), key.size(), passphrase->data(), passphrase->size(),
                     params.salt.data(), params.salt.size());
    auto mode = Botan::Cipher_Mode::create_or_throw(params.cipher->botan, Botan::DECRYPTION);
    mode->set_key(key);
    mode->start(params.iv);
    der_bytes plain(params.ciphertext.begin(), params.ciphertext.end());
    try {
        mode->finish(plain);
    } catch (const std::exception&) {
        ec = errc::wrong_passphrase; // the padding of a wrong key's output
        return std::nullopt;
    }
    return plain;
}

} // namespace ssh::crypto::detail
