#pragma once
// Encoders for the messages the client sends and parsers for those the server sends
// (RFC 4252, RFC 4253 §10, RFC 4256). Parsers return views into the payload.

#include <ssh/auth/errc.hpp>
#include <ssh/auth/secret.hpp>
#include <ssh/wire/reader.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
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

} // namespace ssh::auth::detail
