#pragma once
// Asking a person at the terminal, without echo for secrets.

#include <optional>
#include <string>
#include <string_view>

namespace app {

// Reads one line from /dev/tty (so it works with stdin redirected); nullopt without a
// terminal. Echo is off when `secret`.
std::optional<std::string> ask_terminal(std::string_view question, bool secret);

} // namespace app
