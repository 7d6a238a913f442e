#include <ssh/auth/errc.hpp>

#include <string>

namespace ssh::auth {
namespace {

class category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "ssh.auth"; }

    std::string message(int ev) const override {
        switch (static_cast<errc>(ev)) {
        case errc::auth_failed:
            return "authentication failed";
        case errc::no_methods_left:
            return "the server allows none of the configured authentication methods";
        case errc::unexpected_message:
            return "unexpected authentication message";
        case errc::bad_message:
            return "malformed authentication message";
        case errc::pk_ok_mismatch:
            return "the server accepted a key or algorithm that was not offered";
        case errc::too_many_prompts:
            return "keyboard-interactive request over the prompt limits";
        case errc::cancelled:
            return "authentication cancelled";
        case errc::bad_user_name:
            return "user name too long or containing NUL";
        case errc::wrong_answer_count:
            return "the number of answers differs from the number of prompts";
        case errc::invalid_call:
            return "call not valid in the current authentication state";
        }
        return "unknown ssh.auth error " + std::to_string(ev);
    }
};

} // namespace

const boost::system::error_category& auth_category() noexcept {
    static const category instance;
    return instance;
}

boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), auth_category()};
}

} // namespace ssh::auth
