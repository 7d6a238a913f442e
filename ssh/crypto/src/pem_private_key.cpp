#include "pem_private_key.hpp"

#include "der_private_key.hpp"
#include "private_key_impl.hpp"

#include <ssh/crypto/errc.hpp>

#include <exception>

namespace ssh::crypto::detail {
namespace {

using boost::system::error_code;

// RFC 1421 §4.6.1.1: "Proc-Type: 4,ENCRYPTED" and "DEK-Info" mark OpenSSL's legacy scheme.
bool has_legacy_encryption(const armor_block& block) {
    for (const auto& [name, value] : block.headers)
        if (name == "Proc-Type" || name == "DEK-Info")
            return true;
    return false;
}

std::unique_ptr<Botan::Private_Key> load_encrypted(const der_bytes& der,
                                                   std::optional<std::string_view> passphrase,
                                                   error_code& ec, std::string* hint) {
    const auto plain = decrypt_pkcs8(der, passphrase, ec, hint);
    if (!plain)
        return nullptr;
    try {
        return load_pkcs8(*plain, ec);
    } catch (const std::exception&) {
        // The padding happened to look right; the rest is a wrong key's noise (or damage).
        ec = errc::wrong_passphrase;
        return nullptr;
    }
}

} // namespace

bool is_pem_private_key_label(std::string_view label) noexcept {
    return label == "RSA PRIVATE KEY" || label == "EC PRIVATE KEY" || label == "PRIVATE KEY" ||
           label == "ENCRYPTED PRIVATE KEY";
}

std::optional<private_key> parse_pem_private_key(const armor_block& block,
                                                 std::optional<std::string_view> passphrase,
                                                 error_code& ec, std::string* hint) {
    if (has_legacy_encryption(block)) {
        // OpenSSL's legacy PEM encryption (MD5-based EVP_BytesToKey) is not supported.
        ec = errc::unsupported_key_file;
        if (hint)
            *hint = "legacy encrypted PEM keys are not supported; convert the key to the "
                    "OpenSSH format with `ssh-keygen -p -f KEY`";
        return std::nullopt;
    }
    std::unique_ptr<Botan::Private_Key> key;
    try {
        const der_bytes der(block.body.begin(), block.body.end());
        if (block.label == "RSA PRIVATE KEY")
            key = load_pkcs1_rsa(der, ec);
        else if (block.label == "EC PRIVATE KEY")
            key = load_sec1(der, std::nullopt, ec);
        else if (block.label == "PRIVATE KEY")
            key = load_pkcs8(der, ec);
        else
            key = load_encrypted(der, passphrase, ec, hint);
    } catch (const std::exception&) {
        ec = errc::bad_key_file; // malformed DER
        return std::nullopt;
    }
    if (!key) {
        if (!ec)
            ec = errc::bad_key_file;
        return std::nullopt;
    }
    return wrap_private_key(*key, {}, ec);
}

} // namespace ssh::crypto::detail
