#include "exchange_hash.hpp"

#include <ssh/transport/errc.hpp>
#include <ssh/transport/kex_server.hpp>
#include <ssh/wire/limits.hpp>
#include <ssh/wire/msg.hpp>
#include <ssh/wire/writer.hpp>

namespace ssh::transport {

using wire::number;

kex_server::kex_server(kex_inputs inputs, const crypto::private_key& host_key,
                       crypto::random_source& random)
    : in_(std::move(inputs))
    , host_key_(host_key)
    , random_(random)
    , kex_(crypto::find_kex(in_.chosen.kex)) {
    if (kex_ != nullptr && kex_->kind != crypto::kex_kind::dh_group_exchange)
        state_ = state::await_init;
}

kex_server::~kex_server() = default;

bool kex_server::handle(wire::bytes_view payload, crypto::bytes& reply,
                        boost::system::error_code& ec) {
    reply.clear();
    const std::uint8_t type = payload.empty() ? 0 : payload.front();
    if (kex_ == nullptr) {
        ec = errc::kex_failed;
        return false;
    }
    if (state_ == state::await_request && type == number(wire::kex_dh_gex_request))
        return on_gex_request(payload, reply, ec);
    const auto expected = kex_->kind == crypto::kex_kind::dh_group_exchange
                              ? number(wire::kex_dh_gex_init)
                              : number(wire::kex_ecdh_init);
    if (state_ == state::await_init && type == expected)
        return on_init(payload, reply, ec);
    ec = errc::unexpected_message;
    return false;
}

bool kex_server::on_gex_request(wire::bytes_view payload, crypto::bytes& reply,
                                boost::system::error_code& ec) {
    wire::reader r{payload};
    r.byte();
    gex_min_ = r.uint32();
    gex_preferred_ = r.uint32();
    gex_max_ = r.uint32();
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_message;
        return false;
    }
    gex_group_ = crypto::select_gex_group(gex_min_, gex_preferred_, gex_max_, ec);
    if (ec)
        return false;
    wire::writer w; // RFC 4419 §3: SSH_MSG_KEX_DH_GEX_GROUP
    w.byte(number(wire::kex_dh_gex_group));
    w.mpint_unsigned(gex_group_.p);
    w.mpint_unsigned(gex_group_.g);
    reply = w.take();
    state_ = state::await_init;
    return false;
}

bool kex_server::on_init(wire::bytes_view payload, crypto::bytes& reply,
                         boost::system::error_code& ec) {
    wire::reader r{payload};
    r.byte();
    const bool dh = detail::is_dh(kex_->kind);
    const auto client_value = dh ? r.mpint_unsigned(wire::limits::max_mpint_bytes)
                                 : r.string(wire::limits::max_ec_point_bytes);
    r.expect_end();
    if (r.failed()) {
        ec = errc::bad_message;
        return false;
    }
    const bool gex = kex_->kind == crypto::kex_kind::dh_group_exchange;
    agreement_ = gex ? crypto::make_dh_group_agreement(gex_group_.p, gex_group_.g, random_, ec)
                     : crypto::make_key_agreement(*kex_, random_, ec);
    if (ec || !agreement_)
        return false;
    const auto shared = agreement_->agree(client_value, ec);
    if (ec)
        return false;
    result_.hash = kex_->hash;
    result_.host_key_algorithm = in_.chosen.host_key;
    result_.encoded_k = detail::encode_shared_secret(shared);
    const auto host_key_blob = host_key_.public_key().blob();
    const detail::gex_parameters params{gex_min_, gex_preferred_, gex_max_, gex_group_.p,
                                        gex_group_.g};
    result_.exchange_hash =
        detail::exchange_hash(*kex_, in_, host_key_blob, gex ? &params : nullptr, client_value,
                              agreement_->public_value(), result_.encoded_k);
    const auto signature = host_key_.sign(in_.chosen.host_key, result_.exchange_hash, random_, ec);
    if (ec || !signature) {
        ec = ec ? ec : make_error_code(errc::kex_failed);
        return false;
    }
    wire::writer w; // KEXDH_REPLY / KEX_ECDH_REPLY / KEX_DH_GEX_REPLY
    w.byte(gex ? number(wire::kex_dh_gex_reply) : number(wire::kex_ecdh_reply));
    w.string(host_key_blob);
    if (dh)
        w.mpint_unsigned(agreement_->public_value());
    else
        w.string(agreement_->public_value());
    w.string(*signature);
    reply = w.take();
    result_.host_key_blob.assign(host_key_blob.begin(), host_key_blob.end());
    agreement_.reset();
    state_ = state::done;
    return true;
}

} // namespace ssh::transport
