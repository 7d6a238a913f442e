#include <ssh/asio/errc.hpp>

#include <string>

namespace ssh::asio {
namespace {

class category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "ssh.client"; }
    std::string message(int ev) const override {
        switch (static_cast<errc>(ev)) {
        case errc::kex_timeout:
            return "timed out during key exchange";
        case errc::auth_timeout:
            return "timed out during authentication";
        case errc::command_timeout:
            return "command timed out";
        case errc::channel_open_failed:
            return "the server refused to open a channel";
        case errc::request_refused:
            return "the server refused the request";
        case errc::connection_lost:
            return "connection lost";
        case errc::output_limit:
            return "output exceeds the allowed size";
        case errc::host_key_rejected:
            return "host key rejected";
        case errc::not_connected:
            return "not connected";
        }
        return "unknown client error";
    }
};

} // namespace

const boost::system::error_category& client_category() noexcept {
    static const category instance;
    return instance;
}

boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), client_category()};
}

} // namespace ssh::asio
