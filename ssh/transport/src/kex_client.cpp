#include "exchange_hash.hpp"

#include <ssh/crypto/public_key.hpp>
#include <ssh/transport/errc.hpp>
#include <ssh/transport/kex_client.hpp>
#include <ssh/wire/limits.hpp>
#include <ssh/wire/msg.hpp>
#include <ssh/wire/writer.hpp>

namespace ssh::transport {
namespace {

using wire::number;

std::size_t bit_length(wire::bytes_view magnitude) noexcept {
    std::size_t i = 0;
    while (i < magnitude.size() && magnitude[i] == 0)
        ++i;
    if (i == magnitude.size())
        return 0;
    std::size_t bits = (magnitude.size() - i - 1) * 8;
    for (unsigned top = magnitude[i]; top != 0; top >>= 1)
        ++bits;
    return bits;
}

} // namespace

kex_client::kex_client(kex_inputs inputs, crypto::random_source& random)
    : in_(std::move(inputs))
    , random_(random)
    , kex_(crypto::find_kex(in_.chosen.kex)) {}

kex_client::~kex_client() = default;

crypto::bytes kex_client::start(boost::system::error_code& ec) {
    if (kex_ == nullptr || state_ != state::idle) {
        ec = errc::kex_failed;
        return {};
    }
    result_.hash = kex_->hash;
    result_.host_key_algorithm = in_.chosen.host_key;
    if (kex_->kind != crypto::kex_kind::dh_group_exchange)
        return send_init(ec);
    wire::writer w; // RFC 4419 §3: min, n, max
    w.byte(number(wire::kex_dh_gex_request));
    w.uint32(gex_min_bits);
    w.uint32(gex_preferred_bits);
    w.uint32(gex_max_bits);
    state_ = state::await_group;
    return w.take();
}

crypto::bytes kex_client::send_init(boost::system::error_code& ec) {
    if (!agreement_)
        agreement_ = crypto::make_key_agreement(*kex_, random_, ec);
    if (ec || !agreement_) {
        ec = ec ? ec : make_error_code(errc::kex_failed);
        return {};
    }
    wire::writer w;
    if (kex_->kind == crypto::kex_kind::dh_group_exchange)
        w.byte(number(wire::kex_dh_gex_init));
    else
        w.byte(number(wire::kex_ecdh_init)); // the same number as KEXDH_INIT
    if (detail::is_dh(kex_->kind))
        w.mpint_unsigned(agreement_->public_value()); // e
    else
        w.string(agreement_->public_value()); // Q_C
    state_ = state::await_reply;
    return w.take();
}

bool kex_client::handle(wire::bytes_view payload, crypto::bytes& reply,
                        boost::system::error_code& ec) {
    reply.clear();
    const std::uint8_t type = payload.empty() ? 0 : payload.front();
    if (state_ == state::await_group && type == number(wire::kex_dh_gex_group))
        return on_group(payload, reply, ec);
    const auto expected = kex_->kind == crypto::kex_kind::dh_group_exchange
                              ? number(wire::kex_dh_gex_reply)
                              : number(wire::kex_ecdh_reply);
    if (state_ == state::await_reply && type == expected)
        return on_reply(payload, ec);
    ec = errc::unexpected_message;
    return false;
}

bool kex_client::on_group(wire::bytes_view payload, crypto::bytes& reply,
                          boost::system::error_code& ec) {
    wire::reader r{payload};
    r.byte();
    const auto p = r.mpint_unsigned(wire::limits::max_mpint_bytes);
    const auto g = r.mpint_unsigned(wire::limits::max_mpint_bytes);
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_message;
        return false;
    }
    // The group must lie within what we asked for (RFC 4419 §3).
    const auto bits = bit_length(p);
    if (bits < gex_min_bits || bits > gex_max_bits) {
        ec = errc::kex_failed;
        return false;
    }
    agreement_ = crypto::make_dh_group_agreement(p, g, random_, ec);
    if (ec)
        return false;
    gex_p_.assign(p.begin(), p.end());
    gex_g_.assign(g.begin(), g.end());
    reply = send_init(ec);
    return false;
}

bool kex_client::on_reply(wire::bytes_view payload, boost::system::error_code& ec) {
    wire::reader r{payload};
    r.byte();
    const auto host_key = r.string(wire::limits::max_key_blob_length);
    const auto server_value = detail::is_dh(kex_->kind)
                                  ? r.mpint_unsigned(wire::limits::max_mpint_bytes)
                                  : r.string(wire::limits::max_ec_point_bytes);
    const auto signature = r.string(wire::limits::max_signature_length);
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_message;
        return false;
    }

    const auto shared = agreement_->agree(server_value, ec);
    if (ec)
        return false;
    result_.encoded_k = detail::encode_shared_secret(shared);
    const detail::gex_parameters gex{gex_min_bits, gex_preferred_bits, gex_max_bits, gex_p_,
                                     gex_g_};
    result_.exchange_hash = detail::exchange_hash(
        *kex_, in_, host_key, kex_->kind == crypto::kex_kind::dh_group_exchange ? &gex : nullptr,
        agreement_->public_value(), server_value, result_.encoded_k);

    // The server proves it holds the host key by signing H with the negotiated algorithm.
    boost::system::error_code key_ec;
    const auto key = crypto::public_key::from_blob(host_key, key_ec);
    if (key_ec) {
        ec = errc::host_key_algorithm_mismatch;
        return false;
    }
    if (!key->accepts(in_.chosen.host_key)) {
        ec = errc::host_key_algorithm_mismatch;
        return false;
    }
    boost::system::error_code verify_ec;
    if (!key->verify(in_.chosen.host_key, result_.exchange_hash, signature, verify_ec)) {
        ec = errc::host_key_signature_invalid;
        return false;
    }
    result_.host_key_blob.assign(host_key.begin(), host_key.end());
    state_ = state::done;
    agreement_.reset();
    return true;
}

} // namespace ssh::transport
