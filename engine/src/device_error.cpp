#include <engine/device_error.hpp>

#include <string>

namespace engine {
namespace {

struct entry {
    std::string_view name;
    std::string_view message;
};

entry describe(device_errc e) noexcept {
    switch (e) {
    case device_errc::connection_refused:
        return {"connection_refused", "connection refused"};
    case device_errc::connect_timeout:
        return {"connect_timeout", "timed out connecting"};
    case device_errc::unreachable:
        return {"unreachable", "host or network unreachable"};
    case device_errc::connection_reset:
        return {"connection_reset", "connection reset by peer"};
    case device_errc::auth_failed:
        return {"auth_failed", "authentication failed"};
    case device_errc::unknown_host_key:
        return {"unknown_host_key", "host key is not known"};
    case device_errc::host_key_mismatch:
        return {"host_key_mismatch", "host key does not match the known key"};
    case device_errc::no_common_algorithm:
        return {"no_common_algorithm", "no algorithm in common with the peer"};
    case device_errc::protocol_error:
        return {"protocol_error", "SSH protocol error"};
    case device_errc::disconnected:
        return {"disconnected", "disconnected by the peer"};
    case device_errc::channel_open_failed:
        return {"channel_open_failed", "the peer refused to open a channel"};
    case device_errc::command_timeout:
        return {"command_timeout", "command timed out"};
    case device_errc::device_timeout:
        return {"device_timeout", "the device's whole-session deadline passed"};
    case device_errc::prompt_not_found:
        return {"prompt_not_found", "device prompt not found"};
    case device_errc::device_error:
        return {"device_error", "the device reported an error"};
    case device_errc::transfer_failed:
        return {"transfer_failed", "file transfer failed"};
    case device_errc::interrupted:
        return {"interrupted", "run interrupted before the device finished"};
    }
    return {"unknown", "unknown device error"};
}

class device_category_impl final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "fleetsh.device"; }
    std::string message(int ev) const override {
        return std::string(describe(static_cast<device_errc>(ev)).message);
    }
};

} // namespace

const boost::system::error_category& device_category() noexcept {
    static const device_category_impl instance;
    return instance;
}

boost::system::error_code make_error_code(device_errc e) noexcept {
    return {static_cast<int>(e), device_category()};
}

std::string_view error_class_name(device_errc e) noexcept {
    return describe(e).name;
}

bool is_transient(device_errc e) noexcept {
    switch (e) {
    case device_errc::connection_refused:
    case device_errc::connect_timeout:
    case device_errc::unreachable:
    case device_errc::connection_reset:
        return true;
    default:
        return false;
    }
}

} // namespace engine
