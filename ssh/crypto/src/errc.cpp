#include <ssh/crypto/errc.hpp>

#include <string>

namespace ssh::crypto {
namespace {

const char* describe(errc e) noexcept {
    switch (e) {
    case errc::unknown_algorithm:
        return "unknown algorithm";
    case errc::bad_key_blob:
        return "malformed public key";
    case errc::unsupported_key_type:
        return "unsupported key type";
    case errc::key_too_small:
        return "key too small (RSA keys need at least 1024 bits)";
    case errc::key_too_large:
        return "key too large";
    case errc::bad_signature_blob:
        return "malformed signature";
    case errc::signature_mismatch:
        return "signature does not verify";
    case errc::invalid_public_value:
        return "invalid key exchange public value from the peer";
    case errc::weak_shared_secret:
        return "key exchange produced an all-zero shared secret";
    case errc::bad_group:
        return "unacceptable Diffie-Hellman group";
    case errc::bad_key_file:
        return "malformed private key file";
    case errc::unsupported_key_file:
        return "unsupported private key format, cipher or KDF";
    case errc::passphrase_required:
        return "private key is encrypted and no passphrase was given";
    case errc::wrong_passphrase:
        return "wrong passphrase for private key";
    case errc::unprotected_key_file:
        return "private key file is readable by others (chmod 600 it)";
    case errc::kdf_rounds_too_high:
        return "private key KDF rounds above the allowed maximum";
    case errc::backend_failure:
        return "crypto backend failure";
    }
    return "unknown crypto error";
}

class category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "ssh.crypto"; }
    std::string message(int ev) const override { return describe(static_cast<errc>(ev)); }
};

} // namespace

const boost::system::error_category& crypto_category() noexcept {
    static const category instance;
    return instance;
}

boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), crypto_category()};
}

} // namespace ssh::crypto
