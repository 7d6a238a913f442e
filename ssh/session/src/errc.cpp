#include <ssh/session/errc.hpp>

#include <string>

namespace ssh::session {
namespace {

class category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "ssh.session"; }
    std::string message(int ev) const override {
        switch (static_cast<errc>(ev)) {
        case errc::keepalive_timeout:
            return "timeout: the server stopped answering keepalives";
        case errc::not_authenticated:
            return "connection protocol message before authentication";
        case errc::closed:
            return "session closed";
        case errc::login_timeout:
            return "the client did not authenticate in time";
        }
        return "unknown session error";
    }
};

} // namespace

const boost::system::error_category& session_category() noexcept {
    static const category instance;
    return instance;
}

boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), session_category()};
}

} // namespace ssh::session
