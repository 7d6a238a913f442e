#include <ssh/auth/method.hpp>

#include <array>
#include <utility>

namespace ssh::auth {
namespace {

constexpr std::array<std::pair<method, std::string_view>, 4> names{{
    {method::none, "none"},
    {method::publickey, "publickey"},
    {method::password, "password"},
    {method::keyboard_interactive, "keyboard-interactive"},
}};

} // namespace

std::string_view method_name(method m) noexcept {
    for (const auto& [value, name] : names)
        if (value == m)
            return name;
    return "unknown";
}

std::optional<method> parse_method(std::string_view name) noexcept {
    for (const auto& [value, name_of] : names)
        if (name_of == name)
            return value;
    return std::nullopt;
}

} // namespace ssh::auth
