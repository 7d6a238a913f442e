#pragma once
// The wire format of the user authentication layer (RFC 4252, RFC 4253 §10, RFC 4256), for
// both roles: encoders for what the client sends and parsers for it (used by server_auth),
// encoders for what the server sends and parsers for it (used by client_auth). Parsers return
// views into the payload.

#include <ssh/auth/errc.hpp>
#include <ssh/auth/events.hpp>
#include <ssh/auth/secret.hpp>
#include <ssh/wire/reader.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ssh::auth::detail {

inline constexpr std::string_view userauth_service = "ssh-userauth";     // RFC 4252 §1
inline constexpr std::string_view connection_service = "ssh-connection"; // RFC 4252 §5

using payload = std::vector<std::uint8_t>;

// A payload that carries a secret. Its buffer is sized exactly before anything is written,
// so it never reallocates, and it is wiped when this goes out of scope.
class wiped_payload {
public:
    explicit wiped_payload(payload bytes) noexcept
        : bytes_{std::move(bytes)} {}
    wiped_payload(const wiped_payload&) = delete;
    wiped_payload& operator=(const wiped_payload&) = delete;
    ~wiped_payload();
    wire::bytes_view view() const noexcept { return bytes_; }

private:
    payload bytes_;
};

// RFC 4253 §10.
payload encode_service_request();
// RFC 4252 §5.2.
payload encode_none_request(std::string_view user);
// RFC 4252 §7: the query (has_signature false) or the start of the signed request.
payload encode_publickey_request(std::string_view user, bool has_signature, std::string_view alg,
                                 wire::bytes_view blob);
// RFC 4252 §7: what the key signs, string session_id followed by the signed request so far.
payload publickey_signed_data(wire::bytes_view session_id, wire::bytes_view request);
// Appends string signature to the request.
payload append_signature(payload request, wire::bytes_view signature);
// RFC 4252 §8.
wiped_payload encode_password_request(std::string_view user, const secret& password);
// RFC 4256 §3.1, with empty language tag and submethods.
payload encode_keyboard_interactive_request(std::string_view user);
// RFC 4256 §3.4.
wiped_payload encode_info_response(const std::vector<secret>& answers);

// Parsers: errc{} on success, bad_message (or too_many_prompts) otherwise.

// RFC 4253 §10. Some old servers send no service name; `service` is then nullopt.
errc parse_service_accept(wire::bytes_view payload, std::optional<std::string_view>& service);

struct failure_message { // RFC 4252 §5.1
    std::vector<std::string> can_continue;
    bool partial_success = false;
};
errc parse_failure(wire::bytes_view payload, failure_message& out);

errc parse_success(wire::bytes_view payload); // RFC 4252 §5.1: just the number

struct text_message { // BANNER (RFC 4252 §5.4) and PASSWD_CHANGEREQ (§8): text, language
    std::string_view text;
    std::string_view language;
};
errc parse_text_message(wire::bytes_view payload, text_message& out);

struct pk_ok_message { // RFC 4252 §7
    std::string_view algorithm;
    wire::bytes_view blob;
};
errc parse_pk_ok(wire::bytes_view payload, pk_ok_message& out);

struct info_request { // RFC 4256 §3.2
    struct raw_prompt {
        std::string_view text;
        bool echo = false;
    };
    std::string_view name;
    std::string_view instruction;
    std::vector<raw_prompt> prompts;
};
// num-prompts above max_prompts, or name + instruction + prompts above max_text bytes, give
// too_many_prompts before any prompt is stored.
errc parse_info_request(wire::bytes_view payload, std::size_t max_prompts, std::size_t max_text,
                        info_request& out);

// ---- What the server sends (server_auth) ----

// RFC 4253 §10: SERVICE_ACCEPT "ssh-userauth".
payload encode_service_accept();
// RFC 4252 §5.1.
payload encode_failure(std::span<const std::string_view> can_continue, bool partial_success);
payload encode_success();
// RFC 4252 §5.4.
payload encode_banner(std::string_view text, std::string_view language);
// RFC 4252 §7: the algorithm and blob of the query, repeated.
payload encode_pk_ok(std::string_view alg, wire::bytes_view blob);
// RFC 4256 §3.2, with an empty language tag.
payload encode_info_request(std::string_view name, std::string_view instruction,
                            std::span<const prompt> prompts);

// ---- What the client sends, parsed by the server ----

// RFC 4253 §10.
errc parse_service_request(wire::bytes_view payload, std::string_view& service);

// byte 50, string user, string service, string method (RFC 4252 §5). The user name is read
// up to the packet size; its own limit is the caller's business (it is a FAILURE, not a
// malformed message).
struct request_header {
    std::string_view user;
    std::string_view service;
    std::string_view method;
    std::size_t fields_offset = 0; // where the method-specific fields start in the payload
};
errc parse_request_header(wire::bytes_view payload, request_header& out);

// RFC 4252 §7: boolean, string algorithm, string blob, [string signature].
struct publickey_request {
    bool has_signature = false;
    std::string_view algorithm;
    wire::bytes_view blob;
    wire::bytes_view signature;
    std::size_t signed_size = 0; // the payload bytes the signature covers: all before it
};
errc parse_publickey_request(wire::bytes_view payload, const request_header& header,
                             publickey_request& out);

// RFC 4252 §8: boolean change, string password, [string new password].
struct password_request {
    bool change = false;
    std::string_view password;
};
errc parse_password_request(wire::bytes_view payload, const request_header& header,
                            password_request& out);

// RFC 4256 §3.1: string language (deprecated), string submethods.
errc parse_keyboard_interactive_request(wire::bytes_view payload, const request_header& header,
                                        std::string_view& submethods);

// RFC 4256 §3.4: a num-responses other than `expected` is bad_message, found before any
// response is stored (bad-input.md E43).
errc parse_info_response(wire::bytes_view payload, std::size_t expected,
                         std::vector<std::string_view>& responses);

} // namespace ssh::auth::detail
