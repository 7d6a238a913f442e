#pragma once
// Private: the exchange hash H and the encoding of K, shared by both roles' kex step
// functions so that client and server can never hash different things.

#include <ssh/crypto/key_exchange.hpp>
#include <ssh/transport/kex_client.hpp>

namespace ssh::transport::detail {

// The group exchange request and group (RFC 4419 §3), hashed into H.
struct gex_parameters {
    std::uint32_t min = 0;
    std::uint32_t preferred = 0;
    std::uint32_t max = 0;
    wire::bytes_view p;
    wire::bytes_view g;
};

inline bool is_dh(crypto::kex_kind k) noexcept {
    return k == crypto::kex_kind::dh_fixed_group || k == crypto::kex_kind::dh_group_exchange;
}

// K as hashed: the mpint encoding of the shared secret, length prefix included.
crypto::secure_bytes encode_shared_secret(wire::bytes_view magnitude);

// H (RFC 4253 §8, RFC 4419 §3, RFC 5656 §4, RFC 8731 §3). The client and server values
// are e and f (mpints) for Diffie-Hellman, Q_C and Q_S (strings) otherwise; `gex` only for
// group exchange.
crypto::bytes exchange_hash(const crypto::kex_info& kex, const kex_inputs& in,
                            wire::bytes_view host_key_blob, const gex_parameters* gex,
                            wire::bytes_view client_value, wire::bytes_view server_value,
                            wire::bytes_view encoded_k);

} // namespace ssh::transport::detail
