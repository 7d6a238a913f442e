// Key blob parsing (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4) and accessors.
#include "key_botan.hpp"
#include "public_key_impl.hpp"

#include <ssh/crypto/base64.hpp>
#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/hash.hpp>
#include <ssh/wire/limits.hpp>
#include <ssh/wire/reader.hpp>

#include <botan/ecdsa.h>
#include <botan/ed25519.h>
#include <botan/rsa.h>

#include <exception>

namespace ssh::crypto {
namespace {

using boost::system::error_code;

// Key type names are short; a longer first string is no key we could know.
constexpr std::size_t max_type_name = 64;
constexpr std::size_t ed25519_key_bytes = 32; // RFC 8032 §5.1.5

bool parse_rsa(wire::reader& r, public_key::impl& key, error_code& ec) {
    const auto e = r.mpint_unsigned(max_rsa_exponent_bits / 8 + 1);
    // n is bounded by the blob itself here, so that an oversized key reports key_too_large.
    const auto n = r.mpint_unsigned(wire::limits::max_key_blob_length);
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_key_blob;
        return false;
    }
    const Botan::BigInt big_e(e.data(), e.size());
    const Botan::BigInt big_n(n.data(), n.size());
    key.bits = big_n.bits();
    if (big_e.bits() > max_rsa_exponent_bits || big_e < 3 || big_e.is_even() || big_n.is_even()) {
        ec = errc::bad_key_blob;
        return false;
    }
    if (key.bits < min_rsa_bits) {
        ec = errc::key_too_small;
        return false;
    }
    if (key.bits > max_rsa_bits) {
        ec = errc::key_too_large;
        return false;
    }
    key.botan = std::make_unique<Botan::RSA_PublicKey>(big_n, big_e);
    return true;
}

bool parse_ecdsa(wire::reader& r, public_key::impl& key, error_code& ec) {
    const auto curve = r.text(max_type_name);
    const auto q = r.string(wire::limits::max_ec_point_bytes);
    r.expect_end();
    const std::size_t coord = detail::ecdsa_scalar_bytes(key.type);
    // RFC 5656 §3.1: the curve identifier repeats the name's; only uncompressed points
    // (SEC1 §2.3.3, first byte 0x04) are used by OpenSSH.
    if (r.failed() || curve != describe(key.type).curve_id || q.size() != 1 + 2 * coord ||
        q[0] != 0x04) {
        ec = errc::bad_key_blob;
        return false;
    }
    const auto& group = detail::ecdsa_group(key.type);
    auto point = group.OS2ECP(q.data(), q.size()); // throws when not on the curve
    if (point.is_zero() || !point.on_the_curve()) {
        ec = errc::bad_key_blob;
        return false;
    }
    key.bits = group.get_p_bits();
    key.botan = std::make_unique<Botan::ECDSA_PublicKey>(group, point);
    return true;
}

bool parse_ed25519(wire::reader& r, public_key::impl& key, error_code& ec) {
    const auto pk = r.string(ed25519_key_bytes);
    r.expect_end();
    if (r.failed() || pk.size() != ed25519_key_bytes) {
        ec = errc::bad_key_blob;
        return false;
    }
    key.bits = 256;
    key.botan = std::make_unique<Botan::Ed25519_PublicKey>(pk.data(), pk.size());
    return true;
}

// Botan frees key memory through a function-local static allocator that is built on first
// use. Building it during static initialization makes it outlive keys kept in statics that
// are first used later (it is destroyed after them), instead of crashing at exit.
const struct secure_allocator_warmup {
    secure_allocator_warmup() { Botan::secure_vector<std::uint8_t> touch(1); }
} warmup;

} // namespace

public_key::public_key(std::shared_ptr<const impl> state) noexcept
    : impl_(std::move(state)) {}

std::optional<public_key> public_key::from_blob(bytes_view blob, error_code& ec) {
    ec.clear();
    if (blob.size() > wire::limits::max_key_blob_length) {
        ec = errc::bad_key_blob;
        return std::nullopt;
    }
    wire::reader r{blob};
    const auto name = r.text(max_type_name);
    if (r.failed()) {
        ec = errc::bad_key_blob;
        return std::nullopt;
    }
    const key_type_info* info = find_key_type(name);
    if (info == nullptr) {
        ec = errc::unsupported_key_type;
        return std::nullopt;
    }
    try {
        auto state = std::make_shared<impl>();
        state->type = info->type;
        bool ok = false;
        if (info->type == key_type::rsa)
            ok = parse_rsa(r, *state, ec);
        else if (info->type == key_type::ed25519)
            ok = parse_ed25519(r, *state, ec);
        else
            ok = parse_ecdsa(r, *state, ec);
        if (!ok)
            return std::nullopt;
        state->blob.assign(blob.begin(), blob.end());
        return public_key{std::move(state)};
    } catch (const std::exception&) {
        // Botan rejects points off the curve by throwing.
        ec = errc::bad_key_blob;
        return std::nullopt;
    }
}

key_type public_key::type() const noexcept {
    return impl_->type;
}

std::string_view public_key::type_name() const noexcept {
    return describe(impl_->type).name;
}

bytes_view public_key::blob() const noexcept {
    return impl_->blob;
}

std::size_t public_key::bits() const noexcept {
    return impl_->bits;
}

std::string public_key::fingerprint_sha256() const {
    return "SHA256:" + base64_encode(digest(hash_alg::sha256, impl_->blob), false);
}

std::string public_key::to_line(std::string_view comment) const {
    std::string line{type_name()};
    line += ' ';
    line += base64_encode(impl_->blob);
    if (!comment.empty()) {
        line += ' ';
        line += comment;
    }
    return line;
}

bool public_key::accepts(std::string_view signature_alg) const noexcept {
    return signature_fits(signature_alg, impl_->type);
}

bool operator==(const public_key& a, const public_key& b) noexcept {
    return a.impl_ == b.impl_ || (a.impl_->blob == b.impl_->blob);
}

} // namespace ssh::crypto
