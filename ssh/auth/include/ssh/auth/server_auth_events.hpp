#pragma once
// What server authentication asks of, and tells, the application (drained with
// server_auth::next_event()). Each request the core cannot settle alone becomes one decision
// event; authentication waits until the matching call answers it (server_auth.hpp).
//
// User names come from the client: at most max_user_name bytes and free of NUL, but
// otherwise untrusted (not validated as UTF-8, may hold control characters). Sanitise them
// before logging.

#include <ssh/auth/method.hpp>
#include <ssh/auth/secret.hpp>
#include <ssh/crypto/public_key.hpp>

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace ssh::auth {

// publickey without signature (RFC 4252 §7): would this key be accepted for this user?
// Answer with accept_key_query(): PK_OK or FAILURE.
struct publickey_query {
    std::string user;
    std::string algorithm; // a configured signature algorithm that fits the key
    crypto::public_key key;
};

// publickey with a signature that the core has already verified, with this key, over
// session_id and the request (RFC 4252 §7). Answer with accept() or accept_partial().
struct publickey_attempt {
    std::string user;
    std::string algorithm;
    crypto::public_key key;
};

// password (RFC 4252 §8). Answer with accept() or accept_partial().
struct password_attempt {
    std::string user;
    secret password;
};

// keyboard-interactive starts (RFC 4256 §3.1). Answer with send_prompts(), accept() or
// accept_partial().
struct kbd_start {
    std::string user;
};

// INFO_RESPONSE (RFC 4256 §3.4): one answer per prompt sent, in order. Answer with
// send_prompts() (another round), accept() or accept_partial().
struct kbd_answers {
    std::string user;
    std::vector<secret> answers;
};

// USERAUTH_SUCCESS was sent (RFC 4252 §5.1): the connection protocol starts now.
struct authenticated {
    std::string user;
    method used = method::none; // the method of the final step
};

// The failed attempts reached max_attempts. Nothing more is answered; the session sends
// DISCONNECT NO_MORE_AUTH_METHODS_AVAILABLE (14) (server_auth::disconnect_reason()).
struct too_many_attempts {
    std::string user; // empty if no valid user name was received
    std::size_t failures = 0;
};

using server_auth_event = std::variant<publickey_query, publickey_attempt, password_attempt,
                                       kbd_start, kbd_answers, authenticated, too_many_attempts>;

} // namespace ssh::auth
