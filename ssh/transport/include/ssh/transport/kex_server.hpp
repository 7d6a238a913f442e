#pragma once
// The server side of one key exchange: the mirror of kex_client, over the same exchange hash.
//
// Flow:
//     kex_server kex{inputs, host_key, random};
//     for each received message 30-49:
//         done = kex.handle(payload, reply, ec);  // GEX_GROUP, or the signed REPLY
//         send(reply);                            // then, when done, NEWKEYS
//
// The host key signs H with the negotiated signature algorithm (rsa-sha2-512 for an RSA
// key, for example), which the caller chose a key for.

#include <ssh/crypto/private_key.hpp>
#include <ssh/transport/kex_client.hpp>

namespace ssh::transport {

class kex_server {
public:
    kex_server(kex_inputs inputs, const crypto::private_key& host_key,
               crypto::random_source& random);
    ~kex_server();

    bool handle(wire::bytes_view payload, crypto::bytes& reply, boost::system::error_code& ec);
    const kex_result& result() const noexcept { return result_; }

private:
    enum class state { await_request, await_init, done };

    bool on_gex_request(wire::bytes_view payload, crypto::bytes& reply,
                        boost::system::error_code& ec);
    bool on_init(wire::bytes_view payload, crypto::bytes& reply, boost::system::error_code& ec);

    kex_inputs in_;
    const crypto::private_key& host_key_;
    crypto::random_source& random_;
    const crypto::kex_info* kex_ = nullptr;
    std::unique_ptr<crypto::key_agreement> agreement_;
    std::uint32_t gex_min_ = 0, gex_preferred_ = 0, gex_max_ = 0;
    crypto::dh_group_params gex_group_;
    state state_ = state::await_request;
    kex_result result_;
};

} // namespace ssh::transport
