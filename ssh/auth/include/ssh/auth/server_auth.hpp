#pragma once
// The server side of SSH user authentication (RFC 4252), with the publickey (§7, RFC 8332 for
// RSA), password (§8) and keyboard-interactive (RFC 4256) methods, as a sans-io state machine.
// It decides nothing about accounts: each request that needs a decision becomes an event,
// answered by a call (server_auth_events.hpp).
//
// Flow (the session drives it, once the first key exchange is complete):
//     server_auth auth{transport, config};
//     auth.start(transport.session_id(), ec);
//     for each payload that is SERVICE_REQUEST (5) or 50-79:
//         auth.handle(payload, ec);              // may send; ec set ends authentication
//         while (auto e = auth.next_event())     // decisions, authenticated, too_many_attempts
//             ... answer a decision: accept_key_query(), accept(), accept_partial(),
//                 send_prompts() (each may send, and may set ec like handle())
//     when done() && !succeeded(): transport.disconnect(disconnect_reason(), error_message()).
//
// What the core settles alone (RFC 4252 §5):
//   - SERVICE_REQUEST "ssh-userauth" gets SERVICE_ACCEPT (RFC 4253 §10); another service, or
//     a USERAUTH_REQUEST before it, ends authentication.
//   - The banner, if configured, goes before the reply to the first request (§5.4).
//   - "none", a method not offered (or already passed with partial success), a user name
//     over the limit or containing NUL, a publickey algorithm not configured or not fitting
//     the key, an unsupported or malformed key blob, a bad signature, and a password change
//     request (§8: not supported) each get a FAILURE listing the methods that can continue.
//   - The user name and service are fixed by the first request with a valid user name; a
//     change ends authentication (OpenSSH does the same; the RFC allows it, §5).
//   - A request arriving while the application has not answered is queued (§5: clients may
//     send several requests without waiting), up to the config's caps. A new request while a
//     keyboard-interactive exchange waits for INFO_RESPONSE abandons it (§5).
//   - After SUCCESS further USERAUTH_REQUESTs are ignored (§5.1).
//
// Errors (ec; the object is then done() and not succeeded(), except as noted):
//   unexpected_message for a message the client may not send now: USERAUTH_FAILURE,
//   SUCCESS, BANNER, PK_OK and other server messages (bad-input.md E40), INFO_RESPONSE with
//   no INFO_REQUEST outstanding, a second SERVICE_REQUEST, a change of user or service, a
//   queue overflow. After success, any 50-79 message but USERAUTH_REQUEST sets it too, the
//   state staying succeeded. bad_message for a message that does not parse, or an
//   INFO_RESPONSE with another number of answers than prompts sent (RFC 4256 §3.4).
//   auth_failed when the failures reach max_attempts (with a too_many_attempts event).
//   Answer calls give invalid_call when no such decision waits (nothing changes then).
//
// Secrets: passwords and answers reach the application only in `secret`s; queued messages
// are wiped when freed. Error messages never carry a secret or a user name.

#include <ssh/auth/errc.hpp>
#include <ssh/auth/events.hpp>
#include <ssh/auth/method.hpp>
#include <ssh/auth/server_auth_config.hpp>
#include <ssh/auth/server_auth_events.hpp>
#include <ssh/crypto/bytes.hpp>
#include <ssh/transport/payload_sink.hpp>
#include <ssh/wire/reader.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssh::auth {

namespace detail {
struct request_header;
}

// DISCONNECT reason codes (RFC 4250 §4.2.2) that disconnect_reason() returns.
inline constexpr std::uint32_t disconnect_protocol_error = 2;
inline constexpr std::uint32_t disconnect_service_not_available = 7;
inline constexpr std::uint32_t disconnect_no_more_auth_methods = 14;

class server_auth {
public:
    // `out` must outlive this object.
    server_auth(transport::payload_sink& out, server_auth_config config);
    server_auth(const server_auth&) = delete;
    server_auth& operator=(const server_auth&) = delete;

    // session_id is H of the first key exchange (RFC 4253 §7.2), which publickey signatures
    // cover. Sends nothing: the client speaks first. Errors: invalid_call when started.
    void start(wire::bytes_view session_id, boost::system::error_code& ec);

    // One payload from the client: SERVICE_REQUEST or 50-79.
    void handle(wire::bytes_view payload, boost::system::error_code& ec);

    std::optional<server_auth_event> next_event();

    // Answers a publickey_query: PK_OK (RFC 4252 §7) or FAILURE.
    void accept_key_query(bool ok, boost::system::error_code& ec);
    // Answers publickey_attempt, password_attempt, kbd_start or kbd_answers: SUCCESS (and an
    // authenticated event) or FAILURE.
    void accept(bool ok, boost::system::error_code& ec);
    // The same, when this method passed but more are required (OpenSSH's
    // AuthenticationMethods): FAILURE with partial_success TRUE (RFC 4252 §5.1), and the
    // method is no longer offered. invalid_call (nothing sent) if no other method is left:
    // answer with accept() then.
    void accept_partial(boost::system::error_code& ec);
    // Answers kbd_start or kbd_answers with an INFO_REQUEST (RFC 4256 §3.2); the client's
    // INFO_RESPONSE becomes a kbd_answers event. Zero prompts are allowed.
    void send_prompts(std::string_view name, std::string_view instruction,
                      const std::vector<prompt>& prompts, boost::system::error_code& ec);

    bool started() const noexcept { return phase_ != phase::idle; }
    // A decision event waits for its answer.
    bool awaiting_decision() const noexcept { return phase_ == phase::awaiting_decision; }
    bool done() const noexcept { return phase_ == phase::succeeded || phase_ == phase::failed; }
    bool succeeded() const noexcept { return phase_ == phase::succeeded; }
    // The fixed user name, once a request with a valid one arrived.
    const std::optional<std::string>& user() const noexcept { return user_; }
    // The method of the final step, after success.
    std::optional<method> succeeded_method() const noexcept;
    // The methods a FAILURE would list now.
    const std::vector<method>& methods_left() const noexcept { return offered_; }
    std::size_t failures() const noexcept { return failures_; }

    // Why authentication ended without success (clear otherwise), a message for the
    // DISCONNECT description and logs, and the reason code to send (0 when not failed).
    boost::system::error_code error() const noexcept { return error_; }
    const std::string& error_message() const noexcept { return error_message_; }
    std::uint32_t disconnect_reason() const noexcept { return disconnect_reason_; }

private:
    enum class phase {
        idle,                   // start() not called
        awaiting_service,       // waiting for SERVICE_REQUEST
        ready,                  // waiting for a USERAUTH_REQUEST
        awaiting_decision,      // an event waits for the application's answer
        awaiting_info_response, // INFO_REQUEST sent (RFC 4256 §3.2)
        succeeded,
        failed,
    };
    // Which answer the waiting event takes.
    enum class decision { key_query, attempt, keyboard };

    // server_auth.cpp: dispatch, replies, counting, the queue.
    void dispatch(wire::bytes_view payload, boost::system::error_code& ec);
    void on_service_request(wire::bytes_view payload, boost::system::error_code& ec);
    void on_request(wire::bytes_view payload, boost::system::error_code& ec);
    bool check_user(const detail::request_header& header, boost::system::error_code& ec);
    void enqueue(wire::bytes_view payload, boost::system::error_code& ec);
    void drain_queue(boost::system::error_code& ec);
    void await(decision d, method m);
    void refuse(boost::system::error_code& ec);
    void send_failure(bool partial);
    void send_success();
    void fail(errc e, std::uint32_t reason, std::string message, boost::system::error_code& ec);
    bool offers(method m) const noexcept;

    // server_auth_publickey.cpp: RFC 4252 §7.
    void on_publickey(wire::bytes_view payload, const detail::request_header& header,
                      boost::system::error_code& ec);

    // server_auth_password.cpp: RFC 4252 §8.
    void on_password(wire::bytes_view payload, const detail::request_header& header,
                     boost::system::error_code& ec);

    // server_auth_keyboard.cpp: RFC 4256.
    void on_keyboard_interactive(wire::bytes_view payload, const detail::request_header& header,
                                 boost::system::error_code& ec);
    void on_info_response(wire::bytes_view payload, boost::system::error_code& ec);

    using queued_payload = crypto::secure_bytes;

    transport::payload_sink& out_;
    server_auth_config config_;
    crypto::bytes session_id_;
    std::deque<server_auth_event> events_;

    phase phase_ = phase::idle;
    decision decision_ = decision::attempt; // meaningful in awaiting_decision
    method current_ = method::none;         // the method of the request being handled
    std::optional<std::string> user_;
    std::vector<method> offered_;
    std::size_t requests_ = 0; // USERAUTH_REQUESTs handled
    std::size_t failures_ = 0;
    bool banner_sent_ = false;

    // publickey query waiting for accept_key_query(): what PK_OK repeats.
    std::string query_algorithm_;
    crypto::bytes query_blob_;

    std::size_t prompts_sent_ = 0; // in the outstanding INFO_REQUEST

    std::deque<queued_payload> queue_;
    std::size_t queued_bytes_ = 0;

    boost::system::error_code error_;
    std::string error_message_;
    std::uint32_t disconnect_reason_ = 0;
};

} // namespace ssh::auth
