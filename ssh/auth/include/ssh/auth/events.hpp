#pragma once
// What client authentication tells the application (drained with client_auth::next_event()).
// Text from the server is untrusted: it arrives here sanitised (printable characters, newline
// and tab only) and truncated.

#include <ssh/auth/method.hpp>

#include <boost/system/error_code.hpp>

#include <string>
#include <variant>
#include <vector>

namespace ssh::auth {

// USERAUTH_BANNER (RFC 4252 §5.4): show it to the user before the password prompt.
struct banner_event {
    std::string message; // at most max_banner_display bytes of it
    std::string language;
    bool truncated = false; // the message was longer than what is shown
    friend bool operator==(const banner_event&, const banner_event&) = default;
};

struct prompt {
    std::string text;
    bool echo = false; // whether the answer may be shown as it is typed (RFC 4256 §3.2)
    friend bool operator==(const prompt&, const prompt&) = default;
};

// One keyboard-interactive INFO_REQUEST (RFC 4256 §3.2). Unless `answered` (it had no prompt,
// or the password answered it), the exchange waits for client_auth::answer_prompts() with
// exactly prompts.size() answers, or cancel().
struct prompts_event {
    std::string name;
    std::string instruction;
    std::vector<prompt> prompts;
    bool answered = false;
    friend bool operator==(const prompts_event&, const prompts_event&) = default;
};

// USERAUTH_SUCCESS (RFC 4252 §5.1): the connection protocol may start.
struct success_event {
    method used = method::none;
    friend bool operator==(const success_event&, const success_event&) = default;
};

// Authentication ended without success: the server refused us, a message broke the protocol,
// or the application cancelled. Sent once; no secret appears in it.
struct failure_event {
    boost::system::error_code error;          // an ssh::auth::errc
    std::vector<std::string> methods_tried;   // ours, in the order first tried
    std::vector<std::string> methods_allowed; // the server's last "can continue" list
    std::string message;                      // for people
    friend bool operator==(const failure_event&, const failure_event&) = default;
};

using auth_event = std::variant<banner_event, prompts_event, success_event, failure_event>;

} // namespace ssh::auth
