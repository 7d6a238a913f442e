#pragma once
// What the server side of user authentication offers, and the caps that bound a hostile
// client.

#include <ssh/auth/client_auth_config.hpp> // max_user_name_length, shared by both roles
#include <ssh/auth/method.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace ssh::auth {

// The default-tier signature algorithms of the crypto registry (Ed25519, ECDSA, rsa-sha2-512,
// rsa-sha2-256; not SHA-1 "ssh-rsa"). The session advertises the configured list as
// server-sig-algs in EXT_INFO (RFC 8308 §3.1; ssh-conformance.md §3.9).
std::vector<std::string> default_server_signature_algorithms();

struct server_auth_config {
    // The methods offered, in the order USERAUTH_FAILURE lists them (RFC 4252 §5.1). "none"
    // is never offered: it only asks for this list (§5.2).
    std::vector<method> methods = default_methods();

    // Failed attempts allowed per connection, as OpenSSH's MaxAuthTries counts them: every
    // FAILURE without partial success, except the reply to a first "none". The failure that
    // reaches this number is not answered: a too_many_attempts event asks the session to
    // disconnect (bad-input.md E45).
    std::size_t max_attempts = 6;

    // USERAUTH_BANNER (RFC 4252 §5.4), sent once, before the reply to the first request;
    // nothing is sent when empty. UTF-8; lines should end with CR LF.
    std::string banner;
    std::string banner_language;

    // Longer user names, and those containing NUL, get a FAILURE without reaching the
    // application (bad-input.md E47).
    std::size_t max_user_name = max_user_name_length;

    // publickey: the signature algorithms verified (RFC 4252 §7, RFC 8332 §3.2). Requests
    // naming another algorithm get a FAILURE without reaching the application.
    std::vector<std::string> signature_algorithms = default_server_signature_algorithms();

    // USERAUTH_REQUESTs and INFO_RESPONSEs that may arrive while the application has not yet
    // answered an event (RFC 4252 §5 lets a client send several requests without waiting).
    // They are kept, wiped when freed, and handled in order after the answer; more is a
    // protocol error.
    std::size_t max_queued_messages = 8;
    std::size_t max_queued_bytes = 256 * 1024;
};

} // namespace ssh::auth
