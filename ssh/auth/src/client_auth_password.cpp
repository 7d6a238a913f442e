// The password method (RFC 4252 §8).
#include "messages.hpp"
#include "sanitize.hpp"

#include <ssh/auth/client_auth.hpp>

namespace ssh::auth {
namespace {

constexpr std::size_t max_change_prompt_display = 256;

} // namespace

void client_auth::begin_password(boost::system::error_code& ec) {
    note_tried(method::password);
    current_ = method::password;
    password_tried_ = true;
    // The payload is wiped once the sink has copied it.
    const auto request = detail::encode_password_request(config_.user, *config_.password);
    send_request(request.view(), ec);
}

// RFC 4252 §8: the password expired. We do not change passwords; authentication ends.
void client_auth::on_passwd_changereq(wire::bytes_view payload, boost::system::error_code& ec) {
    detail::text_message msg;
    if (detail::parse_text_message(payload, msg) != errc{}) {
        fail(errc::bad_message, "malformed USERAUTH_PASSWD_CHANGEREQ", ec);
        return;
    }
    std::string message = "password change required";
    const auto prompt = detail::sanitize_text(msg.text, max_change_prompt_display);
    if (!prompt.empty())
        message += " (the server says: " + prompt + ")";
    fail(errc::auth_failed, std::move(message), ec);
}

} // namespace ssh::auth
