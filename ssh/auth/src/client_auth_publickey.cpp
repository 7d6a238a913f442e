// The publickey method (RFC 4252 §7; RFC 8332 §3.2 for RSA keys).
#include "messages.hpp"

#include <ssh/auth/client_auth.hpp>
#include <ssh/auth/key_algorithms.hpp>

#include <algorithm>

namespace ssh::auth {

void client_auth::begin_publickey(boost::system::error_code& ec) {
    note_tried(method::publickey);
    current_ = method::publickey;
    if (key_algs_.empty()) {
        key_algs_ = user_key_algorithms(config_.keys[key_index_]->public_key(), server_sig_algs_,
                                        config_.allow_ssh_rsa);
        alg_index_ = 0;
    }
    send_publickey_query(ec);
}

// RFC 4252 §7: "publickey" with FALSE asks whether the key would do, without a signature.
void client_auth::send_publickey_query(boost::system::error_code& ec) {
    signature_sent_ = false;
    const auto& key = config_.keys[key_index_]->public_key();
    send_request(
        detail::encode_publickey_request(config_.user, false, key_algs_[alg_index_], key.blob()),
        ec);
}

void client_auth::on_pk_ok(wire::bytes_view payload, boost::system::error_code& ec) {
    detail::pk_ok_message msg;
    if (detail::parse_pk_ok(payload, msg) != errc{}) {
        fail(errc::bad_message, "malformed USERAUTH_PK_OK", ec);
        return;
    }
    const auto& key = *config_.keys[key_index_];
    const auto alg = key_algs_[alg_index_];
    const auto blob = key.public_key().blob();
    // RFC 4252 §7: PK_OK repeats the algorithm and blob of the query.
    if (msg.algorithm != alg ||
        !std::equal(msg.blob.begin(), msg.blob.end(), blob.begin(), blob.end())) {
        fail(errc::pk_ok_mismatch, "USERAUTH_PK_OK for another key or algorithm than offered", ec);
        return;
    }
    // The signature covers string session_id followed by the request up to the signature:
    // byte 50, user, "ssh-connection", "publickey", TRUE, algorithm, blob (RFC 4252 §7).
    auto request = detail::encode_publickey_request(config_.user, true, alg, blob);
    const auto data = detail::publickey_signed_data(session_id_, request);
    boost::system::error_code sign_ec;
    const auto signature = key.sign(alg, data, random_, sign_ec);
    if (!signature) {
        // This key cannot sign (backend failure): go on without it.
        key_index_++;
        key_algs_.clear();
        continue_with_next_method(ec);
        return;
    }
    if (send_request(detail::append_signature(std::move(request), *signature), ec))
        signature_sent_ = true;
}

void client_auth::on_publickey_refused(bool partial) {
    // RSA: a refused guess at the algorithm is retried with the next one (ssh-conformance.md
    // §3.9); key_algorithms.hpp lists a second one only when server-sig-algs did not settle it.
    if (!partial && alg_index_ + 1 < key_algs_.size()) {
        alg_index_++;
        return;
    }
    key_index_++;
    key_algs_.clear();
    alg_index_ = 0;
}

} // namespace ssh::auth
