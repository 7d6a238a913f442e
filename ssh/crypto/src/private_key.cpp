// private_key: accessors, signing (RFC 8709 §6, RFC 5656 §3.1.2, RFC 8332 §3) and generation.
#include "botan_rng.hpp"
#include "key_botan.hpp"
#include "private_key_impl.hpp"
#include "signature_blob.hpp"

#include <ssh/crypto/errc.hpp>

#include <botan/ecdsa.h>
#include <botan/ed25519.h>
#include <botan/pubkey.h>
#include <botan/rsa.h>

#include <exception>

namespace ssh::crypto {

using boost::system::error_code;

private_key::private_key(std::unique_ptr<impl> state) noexcept
    : impl_(std::move(state)) {}
private_key::private_key(private_key&&) noexcept = default;
private_key& private_key::operator=(private_key&&) noexcept = default;
private_key::~private_key() = default;

key_type private_key::type() const noexcept {
    return impl_->type;
}

const crypto::public_key& private_key::public_key() const noexcept {
    return impl_->pub;
}

const std::string& private_key::comment() const noexcept {
    return impl_->comment;
}

void private_key::set_comment(std::string comment) {
    impl_->comment = std::move(comment);
}

std::optional<bytes> private_key::sign(std::string_view signature_alg, bytes_view data,
                                       random_source& rng, error_code& ec) const {
    ec.clear();
    const auto* info = find_signature_algorithm(signature_alg);
    if (info == nullptr) {
        ec = errc::unknown_algorithm;
        return std::nullopt;
    }
    if (info->key != impl_->type) {
        ec = errc::signature_mismatch;
        return std::nullopt;
    }
    try {
        detail::botan_rng botan_rng(rng);
        Botan::PK_Signer signer(*impl_->botan, botan_rng, detail::botan_padding(signature_alg));
        auto sig = signer.sign_message(data.data(), data.size(), botan_rng);
        if (detail::is_ecdsa(impl_->type)) {
            const auto scalar = detail::ecdsa_scalar_bytes(impl_->type);
            if (sig.size() != 2 * scalar) {
                ec = errc::backend_failure;
                return std::nullopt;
            }
            return detail::make_signature_blob(signature_alg,
                                               detail::ecdsa_signature_to_ssh(sig, scalar));
        }
        if (impl_->type == key_type::rsa) {
            // RFC 8332 §3: exactly the modulus length, leading zeros included.
            const std::size_t modulus_bytes = (impl_->pub.bits() + 7) / 8;
            if (sig.size() > modulus_bytes) {
                ec = errc::backend_failure;
                return std::nullopt;
            }
            sig.insert(sig.begin(), modulus_bytes - sig.size(), 0);
        }
        return detail::make_signature_blob(signature_alg, sig);
    } catch (const std::exception&) {
        ec = errc::backend_failure;
        return std::nullopt;
    }
}

std::optional<private_key> private_key::generate(key_type type, random_source& rng, error_code& ec,
                                                 std::size_t rsa_bits) {
    ec.clear();
    if (type == key_type::rsa && rsa_bits < min_rsa_bits) {
        ec = errc::key_too_small;
        return std::nullopt;
    }
    if (type == key_type::rsa && rsa_bits > max_rsa_bits) {
        ec = errc::key_too_large;
        return std::nullopt;
    }
    try {
        detail::botan_rng botan_rng(rng);
        std::unique_ptr<Botan::Private_Key> key;
        if (type == key_type::ed25519)
            key = std::make_unique<Botan::Ed25519_PrivateKey>(botan_rng);
        else if (type == key_type::rsa)
            key = std::make_unique<Botan::RSA_PrivateKey>(botan_rng, rsa_bits);
        else
            key = std::make_unique<Botan::ECDSA_PrivateKey>(botan_rng, detail::ecdsa_group(type));
        auto out = detail::wrap_private_key(*key, {}, ec);
        if (!out)
            ec = errc::backend_failure;
        return out;
    } catch (const std::exception&) {
        ec = errc::backend_failure;
        return std::nullopt;
    }
}

} // namespace ssh::crypto
