#pragma once
// Private: the SSH signature blob (RFC 4253 §6.6: string alg-name, string signature) and the
// ECDSA inner encoding (RFC 5656 §3.1.2: mpint r, mpint s), converted to and from Botan's
// IEEE 1363 form (r || s, each as long as the group order).

#include <ssh/crypto/bytes.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace ssh::crypto::detail {

bytes make_signature_blob(std::string_view alg, bytes_view signature);

struct signature_parts {
    std::string_view alg;
    bytes_view signature;
};

// Splits a signature blob; errc::bad_signature_blob if it is malformed or has trailing bytes.
std::optional<signature_parts> split_signature_blob(bytes_view blob, boost::system::error_code& ec);

// r || s (each scalar_bytes long) to "mpint r, mpint s".
bytes ecdsa_signature_to_ssh(bytes_view ieee1363, std::size_t scalar_bytes);

// "mpint r, mpint s" to r || s, each left-padded to scalar_bytes. nullopt (bad_signature_blob)
// when malformed, negative, or a value is longer than scalar_bytes.
std::optional<bytes> ecdsa_signature_from_ssh(bytes_view ssh, std::size_t scalar_bytes,
                                              boost::system::error_code& ec);

} // namespace ssh::crypto::detail
