#pragma once
// The client authentication methods we implement (RFC 4252 §5, §7, §8; RFC 4256).

#include <optional>
#include <string_view>
#include <vector>

namespace ssh::auth {

enum class method {
    none,                 // RFC 4252 §5.2: asks the server which methods may continue
    publickey,            // RFC 4252 §7
    password,             // RFC 4252 §8
    keyboard_interactive, // RFC 4256
};

// The method name on the wire ("keyboard-interactive").
std::string_view method_name(method m) noexcept;
// The method a wire name denotes; nullopt for names we do not implement.
std::optional<method> parse_method(std::string_view name) noexcept;

// The order OpenSSH's PreferredAuthentications uses by default, without the methods we do
// not implement (gssapi-with-mic, hostbased).
inline std::vector<method> default_methods() {
    return {method::publickey, method::keyboard_interactive, method::password};
}

} // namespace ssh::auth
