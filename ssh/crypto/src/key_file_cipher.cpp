#include "key_file_cipher.hpp"

#include <ssh/crypto/errc.hpp>

#include <botan/cipher_mode.h>
#include <botan/exceptn.h>
#include <botan/pwdhash.h>

#include <array>
#include <exception>

namespace ssh::crypto::detail {
namespace {

constexpr std::array<key_file_cipher, 9> ciphers{{
    {"none", nullptr, 0, 0, 8, 0},
    {"aes128-ctr", "CTR-BE(AES-128)", 16, 16, 16, 0},
    {"aes192-ctr", "CTR-BE(AES-192)", 24, 16, 16, 0},
    {"aes256-ctr", "CTR-BE(AES-256)", 32, 16, 16, 0}, // ssh-keygen's default
    {"aes128-cbc", "AES-128/CBC/NoPadding", 16, 16, 16, 0},
    {"aes192-cbc", "AES-192/CBC/NoPadding", 24, 16, 16, 0},
    {"aes256-cbc", "AES-256/CBC/NoPadding", 32, 16, 16, 0},
    // No AAD and the whole 12-byte IV from the KDF (OpenSSH cipher_init, cipher_crypt).
    {"aes128-gcm@openssh.com", "AES-128/GCM", 16, 12, 16, 16},
    {"aes256-gcm@openssh.com", "AES-256/GCM", 32, 12, 16, 16},
}};

} // namespace

const key_file_cipher* find_key_file_cipher(std::string_view name) noexcept {
    for (const auto& c : ciphers)
        if (c.name == name)
            return &c;
    return nullptr;
}

bool decrypt_key_section(const key_file_cipher& cipher, std::string_view passphrase,
                         bytes_view salt, std::uint32_t rounds, bytes_view ciphertext,
                         bytes_view tag, secure_bytes& plain, boost::system::error_code& ec) {
    try {
        // The name is case-sensitive (ssh-conformance.md §2.7).
        const auto kdf = Botan::PasswordHashFamily::create_or_throw("Bcrypt-PBKDF");
        secure_bytes key_iv(cipher.key_len + cipher.iv_len);
        kdf->from_iterations(rounds)->derive_key(key_iv.data(), key_iv.size(), passphrase.data(),
                                                 passphrase.size(), salt.data(), salt.size());
        auto mode = Botan::Cipher_Mode::create_or_throw(cipher.botan, Botan::DECRYPTION);
        mode->set_key(key_iv.data(), cipher.key_len);
        mode->start(key_iv.data() + cipher.key_len, cipher.iv_len);
        Botan::secure_vector<std::uint8_t> buffer(ciphertext.begin(), ciphertext.end());
        buffer.insert(buffer.end(), tag.begin(), tag.end());
        try {
            mode->finish(buffer);
        } catch (const Botan::Invalid_Authentication_Tag&) {
            ec = errc::wrong_passphrase;
            return false;
        }
        plain.assign(buffer.begin(), buffer.end());
        return true;
    } catch (const std::exception&) {
        ec = errc::backend_failure;
        return false;
    }
}

} // namespace ssh::crypto::detail
