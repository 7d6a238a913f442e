#pragma once
// The client side of SSH user authentication (RFC 4252), with the publickey (§7, RFC 8332 for
// RSA), password (§8) and keyboard-interactive (RFC 4256) methods, as a sans-io state machine.
//
// Flow (the session drives it, once the first key exchange is complete):
//     client_auth auth{transport, config, random};
//     auth.start(transport.session_id(), transport.server_signature_algorithms(), ec);
//     for each payload the transport hands up that is SERVICE_ACCEPT (6) or 50-79:
//         auth.handle(payload, ec);             // may send; ec set ends authentication
//         while (auto e = auth.next_event())    // banner, prompts, success, failure
//             ...;                              // prompts not `answered`: answer_prompts()
//     after each EXT_INFO: auth.update_server_sig_algs(transport.server_signature_algorithms());
//     until auth.done(); then auth.succeeded() says whether the connection protocol may start.
//
// What is sent, in order:
//   - SERVICE_REQUEST "ssh-userauth" (RFC 4253 §10); the first USERAUTH_REQUEST waits for the
//     SERVICE_ACCEPT, as OpenSSH does, rather than being pipelined behind it.
//   - "none" (RFC 4252 §5.2), whose FAILURE names the methods that can continue.
//   - Then, for each configured method in our order that the server's latest list allows:
//     publickey: for each key, a query without signature; on PK_OK (which must name the same
//       algorithm and blob) the signed request. An RSA key whose algorithm was a guess (no
//       rsa-sha2 name in server-sig-algs) is retried with the next algorithm when refused
//       (key_algorithms.hpp; ssh-conformance.md §3.9).
//     password: once.
//     keyboard-interactive: once; each INFO_REQUEST is answered (RFC 4256 §3.4), with no
//       answers at once when it has no prompt, with the password per the config rule, or by
//       the application through a prompts event and answer_prompts().
//   - A FAILURE with partial_success (RFC 4252 §5.1) means the method worked and more are
//     needed; the chain continues with what is left. A key or method that worked is not
//     tried again.
//
// Errors (ec, and the same code in a failure event; the object is then done()):
//   auth_failed when every usable method was refused, when max_requests would be exceeded,
//   or on PASSWD_CHANGEREQ ("password change required"); no_methods_left when the server
//   allows nothing we can try; unexpected_message, bad_message, pk_ok_mismatch,
//   too_many_prompts for protocol violations. After success every further 50-79 message is
//   unexpected_message: RFC 4252 §5.1 has the server send SUCCESS once, and the banner only
//   before it (§5.4).
//
// Secrets: the password and the answers leave only in payloads that are wiped after the sink
// copied them; the password is wiped when authentication ends. Events and errors carry none.

#include <ssh/auth/client_auth_config.hpp>
#include <ssh/auth/errc.hpp>
#include <ssh/auth/events.hpp>
#include <ssh/auth/method.hpp>
#include <ssh/auth/secret.hpp>
#include <ssh/crypto/bytes.hpp>
#include <ssh/crypto/random.hpp>
#include <ssh/transport/payload_sink.hpp>
#include <ssh/wire/reader.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssh::auth {

class client_auth {
public:
    // `out` and `random` must outlive this object.
    client_auth(transport::payload_sink& out, client_auth_config config,
                crypto::random_source& random);
    client_auth(const client_auth&) = delete;
    client_auth& operator=(const client_auth&) = delete;

    // Sends SERVICE_REQUEST. session_id is H of the first key exchange (RFC 4253 §7.2), which
    // publickey signatures cover. Errors: bad_user_name (nothing is sent), invalid_call
    // when already started.
    void start(wire::bytes_view session_id, const std::vector<std::string>& server_sig_algs,
               boost::system::error_code& ec);

    // server-sig-algs from a later EXT_INFO (RFC 8308 §2.4: it may come again just before
    // USERAUTH_SUCCESS). Applies to the keys not yet tried.
    void update_server_sig_algs(const std::vector<std::string>& server_sig_algs);

    // One payload from the server: SERVICE_ACCEPT or 50-79 (message 60 is read as PK_OK,
    // PASSWD_CHANGEREQ or INFO_REQUEST by the method in progress, RFC 4250 §4.1.2).
    void handle(wire::bytes_view payload, boost::system::error_code& ec);

    // Answers the pending prompts event, one answer per prompt, in order. The answers are
    // wiped once sent. Errors: invalid_call when no prompts wait, wrong_answer_count (the
    // prompts still wait).
    void answer_prompts(std::vector<secret> answers, boost::system::error_code& ec);

    // Ends authentication now with `cancelled` (e.g. the user will not answer the prompts).
    // The session should then disconnect (RFC 4252 has no message to abort).
    void cancel();

    std::optional<auth_event> next_event();

    bool started() const noexcept { return phase_ != phase::idle; }
    bool awaiting_answers() const noexcept { return phase_ == phase::awaiting_answers; }
    bool done() const noexcept { return phase_ == phase::succeeded || phase_ == phase::failed; }
    bool succeeded() const noexcept { return phase_ == phase::succeeded; }
    // The method the server accepted last (the final one of a partial-success chain).
    std::optional<method> succeeded_method() const noexcept;
    // Why authentication ended without success; clear otherwise.
    boost::system::error_code error() const noexcept { return error_; }
    // USERAUTH_REQUESTs sent so far ("none" and publickey queries included).
    std::size_t requests_sent() const noexcept { return requests_; }

private:
    enum class phase {
        idle,              // start() not called
        service_requested, // SERVICE_REQUEST sent
        awaiting_reply,    // a USERAUTH_REQUEST or INFO_RESPONSE is in flight
        awaiting_answers,  // a prompts event waits for answer_prompts()
        succeeded,
        failed,
    };

    // client_auth.cpp: dispatch and the method chain.
    void on_service_accept(wire::bytes_view payload, boost::system::error_code& ec);
    void on_failure(wire::bytes_view payload, boost::system::error_code& ec);
    void on_success(wire::bytes_view payload, boost::system::error_code& ec);
    void on_banner(wire::bytes_view payload, boost::system::error_code& ec);
    void on_method_specific(wire::bytes_view payload, boost::system::error_code& ec);
    void continue_with_next_method(boost::system::error_code& ec);
    bool can_try(method m) const noexcept;
    bool server_allows(method m) const noexcept;
    bool send_request(wire::bytes_view payload, boost::system::error_code& ec);
    void note_tried(method m);
    void fail(errc e, std::string message, boost::system::error_code& ec);
    std::string methods_summary() const;

    // client_auth_publickey.cpp: RFC 4252 §7.
    void begin_publickey(boost::system::error_code& ec);
    void send_publickey_query(boost::system::error_code& ec);
    void on_pk_ok(wire::bytes_view payload, boost::system::error_code& ec);
    void on_publickey_refused(bool partial);

    // client_auth_password.cpp: RFC 4252 §8.
    void begin_password(boost::system::error_code& ec);
    void on_passwd_changereq(wire::bytes_view payload, boost::system::error_code& ec);

    // client_auth_keyboard.cpp: RFC 4256.
    void begin_keyboard_interactive(boost::system::error_code& ec);
    void on_info_request(wire::bytes_view payload, boost::system::error_code& ec);
    void send_info_response(const std::vector<secret>& answers);

    transport::payload_sink& out_;
    client_auth_config config_;
    crypto::random_source& random_;
    crypto::bytes session_id_;
    std::vector<std::string> server_sig_algs_;
    std::deque<auth_event> events_;

    phase phase_ = phase::idle;
    method current_ = method::none; // the method of the request in flight
    boost::system::error_code error_;
    std::size_t requests_ = 0;
    std::vector<method> tried_;
    std::vector<method> partial_; // methods the server accepted with partial_success
    std::vector<std::string> allowed_;

    // publickey
    std::size_t key_index_ = 0;              // keys before it are done
    std::vector<std::string_view> key_algs_; // for keys_[key_index_]
    std::size_t alg_index_ = 0;
    bool signature_sent_ = false;

    bool password_tried_ = false;
    bool keyboard_tried_ = false;
    std::size_t info_rounds_ = 0;
    bool auto_answered_ = false;
    std::size_t pending_prompts_ = 0;
};

} // namespace ssh::auth
