#pragma once
// SSH private keys: loading OpenSSH key files (openssh-key-v1 per OpenSSH PROTOCOL.key, and
// the PEM forms PKCS#1, SEC1 and PKCS#8), signing, generation, and writing openssh-key-v1.
//
// Errors: as in public_key.hpp, a `boost::system::error_code&` receives an ssh::crypto::errc
// (or, for file access, a system error); no exception escapes for bad input. Loaders also take
// an optional `hint` that receives one sentence telling the user what to do, when there is one
// (for example how to convert a key we cannot read).

#include <ssh/crypto/bytes.hpp>
#include <ssh/crypto/public_key.hpp>
#include <ssh/crypto/random.hpp>
#include <ssh/crypto/signature_algorithms.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ssh::crypto {

// Text that holds secrets; its memory is wiped when freed.
using secure_string = std::basic_string<char, std::char_traits<char>, zeroizing_allocator<char>>;

// Key files are a few KiB; anything larger is refused before it is read.
inline constexpr std::size_t max_key_file_size = 64 * 1024;

// bcrypt_pbkdf costs ~8 ms per round here (Botan 2.19, one core); 128 rounds keep a decryption
// near one second. ssh-keygen's default is 16; guides often suggest 100.
inline constexpr std::uint32_t default_max_kdf_rounds = 128;

// PBKDF2 iterations accepted in an encrypted PKCS#8 file (OpenSSL writes 2048); the cap
// costs 0.3 s (HMAC-SHA-256) to 1.5 s (HMAC-SHA-512) here.
inline constexpr std::uint32_t max_pbkdf2_iterations = 1'000'000;

struct key_load_options {
    std::uint32_t max_kdf_rounds = default_max_kdf_rounds; // above: kdf_rounds_too_high
};

// A private key with its public half. Move-only; const member functions are safe to call from
// several threads at once.
class private_key {
public:
    private_key(private_key&&) noexcept;
    private_key& operator=(private_key&&) noexcept;
    ~private_key();

    key_type type() const noexcept;
    const crypto::public_key& public_key() const noexcept;
    const std::string& comment() const noexcept; // from an openssh-key-v1 file; else empty
    void set_comment(std::string comment);

    // Signs `data` and returns the SSH signature blob (string alg-name, string signature):
    // Ed25519 64 bytes (RFC 8709 §6), ECDSA mpint r, mpint s (RFC 5656 §3.1.2), RSA exactly
    // the modulus length (RFC 8332 §3). Errors: unknown_algorithm, signature_mismatch (the
    // algorithm does not fit the key), backend_failure.
    std::optional<bytes> sign(std::string_view signature_alg, bytes_view data, random_source& rng,
                              boost::system::error_code& ec) const;

    // Unencrypted openssh-key-v1 text (PROTOCOL.key), 70-column base64 as ssh-keygen writes
    // it, with comment(). The check-int comes from rng.
    secure_string to_openssh_text(random_source& rng) const;

    // A new key: Ed25519, ECDSA on the type's curve, or RSA of rsa_bits (which must lie in
    // [min_rsa_bits, max_rsa_bits]: key_too_small / key_too_large otherwise).
    static std::optional<private_key> generate(key_type type, random_source& rng,
                                               boost::system::error_code& ec,
                                               std::size_t rsa_bits = 3072);

    // Internal: the loaders and generate() build keys through these.
    struct impl;
    explicit private_key(std::unique_ptr<impl> state) noexcept;

private:
    std::unique_ptr<impl> impl_;
};

// Parses the text of a private key file:
//  - "OPENSSH PRIVATE KEY": cipher none, or aes{128,192,256}-{ctr,cbc} or
//    aes{128,256}-gcm@openssh.com with bcrypt (not chacha20-poly1305@openssh.com);
//  - "RSA PRIVATE KEY" (PKCS#1) and "EC PRIVATE KEY" (SEC1), unencrypted;
//  - "PRIVATE KEY" (PKCS#8: RSA, ECDSA P-256/384/521, Ed25519) and "ENCRYPTED PRIVATE KEY"
//    (PBES2 with PBKDF2-HMAC-SHA* and AES-CBC, as OpenSSL and `ssh-keygen -m PKCS8` write).
// The passphrase is used only when the file is encrypted.
// Errors: bad_key_file, unsupported_key_file (legacy "Proc-Type: 4,ENCRYPTED" PEM, other
// ciphers or KDFs; the hint says how to convert), unsupported_key_type (DSA, other curves),
// key_too_small/key_too_large, passphrase_required, wrong_passphrase, kdf_rounds_too_high.
std::optional<private_key> parse_private_key(std::string_view text,
                                             std::optional<std::string_view> passphrase,
                                             boost::system::error_code& ec,
                                             std::string* hint = nullptr,
                                             const key_load_options& options = {});

// Reads and parses a key file. Like OpenSSH (sshkey_perm_ok), a file owned by the current
// user with any group or other permission bit set is refused (unprotected_key_file). Files
// that are not regular, or larger than max_key_file_size, give bad_key_file; open/read
// failures give the system error.
std::optional<private_key> load_private_key_file(const std::filesystem::path& path,
                                                 std::optional<std::string_view> passphrase,
                                                 boost::system::error_code& ec,
                                                 std::string* hint = nullptr,
                                                 const key_load_options& options = {});

// Writes key.to_openssh_text() to `path` with mode 0600, through a temporary file in the same
// directory renamed over `path`, so a reader never sees a partial key.
void write_private_key_file(const std::filesystem::path& path, const private_key& key,
                            random_source& rng, boost::system::error_code& ec);

} // namespace ssh::crypto
