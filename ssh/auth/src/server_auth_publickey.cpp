// The publickey method, server side (RFC 4252 §7; RFC 8332 §3.2 for RSA keys).
#include "messages.hpp"

#include <ssh/auth/server_auth.hpp>

#include <algorithm>

namespace ssh::auth {

void server_auth::on_publickey(wire::bytes_view payload, const detail::request_header& header,
                               boost::system::error_code& ec) {
    detail::publickey_request req;
    if (detail::parse_publickey_request(payload, header, req) != errc{}) {
        fail(errc::bad_message, disconnect_protocol_error, "malformed publickey request", ec);
        return;
    }
    // The algorithm must be one we verify and must fit the key: an RSA blob goes with
    // rsa-sha2-512 or rsa-sha2-256 (RFC 8332 §3.2), other keys with their own name. Keys we
    // cannot parse (certificates, sk-*, ssh-dss) are refused the same way.
    const auto& algs = config_.signature_algorithms;
    if (std::find(algs.begin(), algs.end(), req.algorithm) == algs.end()) {
        refuse(ec);
        return;
    }
    boost::system::error_code key_ec;
    const auto key = crypto::public_key::from_blob(req.blob, key_ec);
    if (!key || !key->accepts(req.algorithm)) {
        refuse(ec);
        return;
    }
    if (!req.has_signature) {
        // A query: would this key do? The application answers with accept_key_query().
        query_algorithm_.assign(req.algorithm);
        query_blob_.assign(req.blob.begin(), req.blob.end());
        events_.push_back(publickey_query{*user_, std::string{req.algorithm}, *key});
        await(decision::key_query, method::publickey);
        return;
    }
    // The signature covers string session_id followed by the request exactly as received up
    // to the signature: byte 50, user, service, "publickey", TRUE, algorithm, blob. The
    // signature blob must name the request's algorithm (checked by verify()).
    const auto data = detail::publickey_signed_data(session_id_, payload.first(req.signed_size));
    boost::system::error_code verify_ec;
    if (!key->verify(req.algorithm, data, req.signature, verify_ec)) {
        refuse(ec); // RFC 4252 §7: a bad signature is a FAILURE
        return;
    }
    events_.push_back(publickey_attempt{*user_, std::string{req.algorithm}, *key});
    await(decision::attempt, method::publickey);
}

} // namespace ssh::auth
