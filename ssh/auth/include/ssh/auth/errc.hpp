#pragma once
// Errors of the user authentication layer (category "ssh.auth").

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace ssh::auth {

enum class errc {
    auth_failed = 1,    // the server refused what we tried (the failure event lists the methods)
    no_methods_left,    // the server allows none of the methods we can use
    unexpected_message, // a message not allowed now (e.g. SUCCESS before any request)
    bad_message,        // a message that does not parse
    pk_ok_mismatch,     // PK_OK names another algorithm or key than our query (RFC 4252 §7)
    too_many_prompts,   // INFO_REQUEST over the prompt, text or round caps (RFC 4256 §3.2)
    cancelled,          // the application called cancel()
    bad_user_name,      // over 1 KiB or containing NUL
    wrong_answer_count, // answer_prompts() with a different number of answers than prompts
    invalid_call,       // a call not valid in the current state
};

const boost::system::error_category& auth_category() noexcept;
boost::system::error_code make_error_code(errc e) noexcept;

} // namespace ssh::auth

template <>
struct boost::system::is_error_code_enum<ssh::auth::errc> : std::true_type {};
