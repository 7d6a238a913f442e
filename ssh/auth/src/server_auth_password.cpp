// The password method, server side (RFC 4252 §8).
#include "messages.hpp"

#include <ssh/auth/server_auth.hpp>

namespace ssh::auth {

void server_auth::on_password(wire::bytes_view payload, const detail::request_header& header,
                              boost::system::error_code& ec) {
    detail::password_request req;
    if (detail::parse_password_request(payload, header, req) != errc{}) {
        fail(errc::bad_message, disconnect_protocol_error, "malformed password request", ec);
        return;
    }
    // RFC 4252 §8: a change request (only sensible after PASSWD_CHANGEREQ, which we never
    // send) is not supported.
    if (req.change) {
        refuse(ec);
        return;
    }
    events_.push_back(password_attempt{*user_, secret{req.password}});
    await(decision::attempt, method::password);
}

} // namespace ssh::auth
