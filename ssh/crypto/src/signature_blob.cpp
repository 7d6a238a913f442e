#include "signature_blob.hpp"

#include <ssh/crypto/errc.hpp>
#include <ssh/wire/limits.hpp>
#include <ssh/wire/reader.hpp>
#include <ssh/wire/writer.hpp>

#include <algorithm>

namespace ssh::crypto::detail {
namespace {

// Algorithm names are short; the longest we know is 19 characters.
constexpr std::size_t max_alg_name = 64;

} // namespace

bytes make_signature_blob(std::string_view alg, bytes_view signature) {
    wire::writer w;
    w.string(alg);
    w.string(signature);
    return w.take();
}

std::optional<signature_parts> split_signature_blob(bytes_view blob,
                                                    boost::system::error_code& ec) {
    wire::reader r{blob};
    signature_parts parts;
    parts.alg = r.text(max_alg_name);
    parts.signature = r.string(wire::limits::max_signature_length);
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_signature_blob;
        return std::nullopt;
    }
    return parts;
}

bytes ecdsa_signature_to_ssh(bytes_view ieee1363, std::size_t scalar_bytes) {
    wire::writer w;
    // The writer drops leading zeros and adds the sign byte (RFC 4251 §5).
    w.mpint_unsigned(ieee1363.first(scalar_bytes));
    w.mpint_unsigned(ieee1363.subspan(scalar_bytes, scalar_bytes));
    return w.take();
}

std::optional<bytes> ecdsa_signature_from_ssh(bytes_view ssh, std::size_t scalar_bytes,
                                              boost::system::error_code& ec) {
    wire::reader r{ssh};
    const auto sig_r = r.mpint_unsigned(scalar_bytes + 1);
    const auto sig_s = r.mpint_unsigned(scalar_bytes + 1);
    r.expect_end();
    if (r.failed() || sig_r.size() > scalar_bytes || sig_s.size() > scalar_bytes) {
        ec = errc::bad_signature_blob;
        return std::nullopt;
    }
    bytes out(2 * scalar_bytes, 0);
    std::copy(sig_r.begin(), sig_r.end(), out.begin() + (scalar_bytes - sig_r.size()));
    std::copy(sig_s.begin(), sig_s.end(), out.end() - sig_s.size());
    return out;
}

} // namespace ssh::crypto::detail
