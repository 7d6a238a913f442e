#pragma once
// The per-device error taxonomy: one boost::system category whose values a user can act on,
// mirroring what Paramiko and OpenSSH users already know. Every per-device result carries one
// of these plus a human message (DESIGN.md, "Errors").

#include <boost/system/error_code.hpp>

#include <string_view>
#include <type_traits>

namespace engine {

enum class device_errc {
    connection_refused = 1,
    connect_timeout,
    unreachable,
    connection_reset,
    auth_failed,
    unknown_host_key,
    host_key_mismatch,
    no_common_algorithm,
    protocol_error,
    disconnected,
    channel_open_failed,
    command_timeout,
    device_timeout,
    prompt_not_found,
    device_error,
    transfer_failed,
    interrupted,
};

const boost::system::error_category& device_category() noexcept;

boost::system::error_code make_error_code(device_errc e) noexcept;

// Stable snake_case name of the class, as written to summary.json and --json output.
std::string_view error_class_name(device_errc e) noexcept;

// True for failures that may go away on their own (refused, timed out, reset, unreachable):
// only these are retried. Authentication and host key failures never are: retrying them
// locks accounts and hides attacks.
bool is_transient(device_errc e) noexcept;

} // namespace engine

template <>
struct boost::system::is_error_code_enum<engine::device_errc> : std::true_type {};
