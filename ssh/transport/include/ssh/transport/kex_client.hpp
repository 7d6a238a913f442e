#pragma once
// The client side of one key exchange (RFC 4253 §8, RFC 4419, RFC 5656 §4, RFC 8731):
// a step function over the kex messages 30-49.
//
// Flow:
//     kex_client kex{inputs, random};
//     send(kex.start(ec));                      // ECDH_INIT, KEXDH_INIT or GEX_REQUEST
//     for each received message 30-49:
//         if (kex.handle(payload, reply, ec)) { // done: the host key signature verified
//             use kex.result();
//         } else if (!reply.empty()) send(reply);
//
// The host key is only checked to have signed H here; whether it is the *right* key for the
// host (known_hosts) is the caller's decision, made before NEWKEYS is sent.

#include <ssh/crypto/bytes.hpp>
#include <ssh/crypto/hash.hpp>
#include <ssh/crypto/key_agreement.hpp>
#include <ssh/crypto/random.hpp>
#include <ssh/transport/negotiation.hpp>

#include <boost/system/error_code.hpp>

#include <memory>
#include <string>

namespace ssh::transport {

struct kex_inputs {
    std::string client_identification; // V_C, without CR LF
    std::string server_identification; // V_S
    crypto::bytes client_kexinit;      // I_C: the payload as sent
    crypto::bytes server_kexinit;      // I_S: the payload as received
    negotiated_algorithms chosen;
};

struct kex_result {
    crypto::hash_alg hash = crypto::hash_alg::sha256;
    crypto::bytes exchange_hash;    // H
    crypto::secure_bytes encoded_k; // K as hashed: mpint with its length prefix
    crypto::bytes host_key_blob;    // K_S
    std::string host_key_algorithm; // the negotiated signature algorithm
};

class kex_client {
public:
    // Group exchange request sizes (RFC 4419 §3; RFC 8270 raises the minimum to 2048).
    static constexpr std::uint32_t gex_min_bits = 2048;
    static constexpr std::uint32_t gex_preferred_bits = 3072;
    static constexpr std::uint32_t gex_max_bits = 8192;

    kex_client(kex_inputs inputs, crypto::random_source& random);
    ~kex_client();

    // The first message to send.
    crypto::bytes start(boost::system::error_code& ec);

    // Handles one message 30-49. Returns true once the exchange is complete; otherwise
    // `reply`, if not empty, must be sent.
    bool handle(wire::bytes_view payload, crypto::bytes& reply, boost::system::error_code& ec);

    const kex_result& result() const noexcept { return result_; }

private:
    enum class state { idle, await_group, await_reply, done };

    crypto::bytes send_init(boost::system::error_code& ec);
    bool on_group(wire::bytes_view payload, crypto::bytes& reply, boost::system::error_code& ec);
    bool on_reply(wire::bytes_view payload, boost::system::error_code& ec);

    kex_inputs in_;
    crypto::random_source& random_;
    const crypto::kex_info* kex_ = nullptr;
    std::unique_ptr<crypto::key_agreement> agreement_;
    crypto::bytes gex_p_, gex_g_; // group exchange only
    state state_ = state::idle;
    kex_result result_;
};

} // namespace ssh::transport
