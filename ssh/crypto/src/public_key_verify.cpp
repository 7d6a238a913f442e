// Signature verification (RFC 8709 §6, RFC 5656 §3.1.2, RFC 8332 §3, RFC 4253 §6.6).
#include "key_botan.hpp"
#include "public_key_impl.hpp"
#include "signature_blob.hpp"

#include <ssh/crypto/errc.hpp>
#include <ssh/wire/limits.hpp>

#include <botan/pubkey.h>

#include <algorithm>
#include <exception>

namespace ssh::crypto {
namespace {

constexpr std::size_t ed25519_signature_bytes = 64; // RFC 8032 §5.1.6

// The signature in the form Botan verifies, or nullopt (ec set) when it is malformed.
std::optional<bytes> to_botan_form(const public_key::impl& key, bytes_view sig,
                                   boost::system::error_code& ec) {
    if (key.type == key_type::ed25519) {
        if (sig.size() != ed25519_signature_bytes) {
            ec = errc::bad_signature_blob;
            return std::nullopt;
        }
        return bytes(sig.begin(), sig.end());
    }
    if (key.type == key_type::rsa) {
        // Like OpenSSH (ssh-rsa.c), accept a signature shorter than the modulus by padding it
        // with leading zeros; a longer one cannot be valid.
        const std::size_t modulus_bytes = (key.bits + 7) / 8;
        if (sig.size() > modulus_bytes || sig.empty()) {
            ec = errc::bad_signature_blob;
            return std::nullopt;
        }
        bytes padded(modulus_bytes - sig.size(), 0);
        padded.insert(padded.end(), sig.begin(), sig.end());
        return padded;
    }
    return detail::ecdsa_signature_from_ssh(sig, detail::ecdsa_scalar_bytes(key.type), ec);
}

} // namespace

bool public_key::verify(std::string_view signature_alg, bytes_view data, bytes_view signature_blob,
                        boost::system::error_code& ec) const {
    ec.clear();
    const auto* info = find_signature_algorithm(signature_alg);
    if (info == nullptr) {
        ec = errc::unknown_algorithm;
        return false;
    }
    if (info->key != impl_->type) {
        ec = errc::signature_mismatch;
        return false;
    }
    const auto parts = detail::split_signature_blob(signature_blob, ec);
    if (!parts)
        return false;
    // The name inside the blob must be the one negotiated or requested (RFC 8332 §3).
    if (parts->alg != signature_alg) {
        ec = errc::signature_mismatch;
        return false;
    }
    const auto sig = to_botan_form(*impl_, parts->signature, ec);
    if (!sig)
        return false;
    bool valid = false;
    try {
        // IEEE 1363 (r || s for ECDSA) is Botan's default signature format.
        Botan::PK_Verifier verifier(*impl_->botan, detail::botan_padding(signature_alg));
        valid = verifier.verify_message(data.data(), data.size(), sig->data(), sig->size());
    } catch (const std::exception&) {
        valid = false;
    }
    if (!valid)
        ec = errc::signature_mismatch;
    return valid;
}

} // namespace ssh::crypto
