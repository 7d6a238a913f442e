#pragma once
// Private: ciphers and the bcrypt KDF that protect the private section of openssh-key-v1
// files (OpenSSH PROTOCOL.key; cipher parameters as in OpenSSH cipher.c).

#include <ssh/crypto/bytes.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ssh::crypto::detail {

struct key_file_cipher {
    std::string_view name;
    const char* botan; // Botan Cipher_Mode name; nullptr for "none"
    std::size_t key_len;
    std::size_t iv_len;
    std::size_t block_size; // the private section is padded to a multiple of it
    std::size_t tag_len;    // AEAD tag stored after the encrypted string
};

// nullptr for ciphers we do not support (e.g. chacha20-poly1305@openssh.com, 3des-cbc).
const key_file_cipher* find_key_file_cipher(std::string_view name) noexcept;

// Derives key || iv with bcrypt_pbkdf(passphrase, salt, rounds) and decrypts `ciphertext`
// (authenticated with `tag` for AEAD ciphers) into `plain`. False when the AEAD tag does not
// verify (errc::wrong_passphrase) or the backend fails (errc::backend_failure).
bool decrypt_key_section(const key_file_cipher& cipher, std::string_view passphrase,
                         bytes_view salt, std::uint32_t rounds, bytes_view ciphertext,
                         bytes_view tag, secure_bytes& plain, boost::system::error_code& ec);

} // namespace ssh::crypto::detail
