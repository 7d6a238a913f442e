#pragma once
// SSH public keys: the key blob (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4), its
// fingerprint, one-line text form, and signature verification (RFC 4253 §6.6, RFC 5656 §3.1.2,
// RFC 8332 §3, RFC 8709 §6).
//
// Errors: functions that can fail on input take a `boost::system::error_code&` and set it to
// an ssh::crypto::errc (or leave it clear on success); no exception escapes for bad input.

#include <ssh/crypto/bytes.hpp>
#include <ssh/crypto/signature_algorithms.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ssh::crypto {

// RSA moduli we accept, in bits (OpenSSH RequiredRSASize; bad-input.md #71 caps the top).
inline constexpr std::size_t min_rsa_bits = 1024;
inline constexpr std::size_t max_rsa_bits = 8192;
// The public exponent is capped as OpenSSL caps it for large moduli, so that a verification
// costs a bounded number of multiplications.
inline constexpr std::size_t max_rsa_exponent_bits = 64;

// An immutable, validated public key. Copies are cheap (shared state); equality compares the
// blobs. All member functions are safe to call from several threads at once.
class public_key {
public:
    // Parses and validates a key blob; it must hold exactly one key and nothing after it.
    // Errors: bad_key_blob (malformed, bad point or exponent), unsupported_key_type (ssh-dss,
    // certificates, sk-*, unknown names), key_too_small / key_too_large (RSA bounds above).
    static std::optional<public_key> from_blob(bytes_view blob, boost::system::error_code& ec);

    key_type type() const noexcept;
    std::string_view type_name() const noexcept; // e.g. "ecdsa-sha2-nistp256"
    bytes_view blob() const noexcept;            // the exact bytes it was parsed from
    std::size_t bits() const noexcept;           // RSA modulus bits, curve size, 256 for ed25519

    // "SHA256:" + unpadded base64 of SHA-256(blob), as `ssh-keygen -l` prints it.
    std::string fingerprint_sha256() const;

    // "type base64(blob)", then " comment" when the comment is not empty (PROTOCOL §5.1 form
    // of authorized_keys and .pub files, without options).
    std::string to_line(std::string_view comment = {}) const;

    // True when signature_alg is a known algorithm that applies to this key.
    bool accepts(std::string_view signature_alg) const noexcept;

    // Verifies an SSH signature blob (string alg-name, string signature) over `data`. The name
    // inside the blob must equal signature_alg. Returns true only when the signature is valid;
    // otherwise ec says why: unknown_algorithm, signature_mismatch (the algorithm does not fit
    // the key, the names differ, or the signature is wrong) or bad_signature_blob.
    bool verify(std::string_view signature_alg, bytes_view data, bytes_view signature_blob,
                boost::system::error_code& ec) const;

    friend bool operator==(const public_key& a, const public_key& b) noexcept;

    struct impl; // internal

private:
    explicit public_key(std::shared_ptr<const impl> state) noexcept;
    std::shared_ptr<const impl> impl_;
};

// A key line of a .pub or authorized_keys file: "type base64 [comment]". Lines with leading
// options are not handled here.
struct public_key_line {
    public_key key;
    std::string comment; // without surrounding whitespace; may be empty
};

// Parses one line (a trailing "\n" or "\r\n" is allowed). The type word must name the same
// type as the blob. Errors: as public_key::from_blob, plus bad_key_blob for a malformed line
// or base64, and unsupported_key_type for an unknown type word.
std::optional<public_key_line> parse_public_key_line(std::string_view line,
                                                     boost::system::error_code& ec);

} // namespace ssh::crypto
