// A command table: keyword sequences matched by unique prefix, each with its handler.
#pragma once

#include "junos_session.hpp"
#include "tokens.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

namespace sim::junos {

struct command_spec {
    std::vector<std::string_view> keywords; // "show", "interfaces", "terse"
    bool takes_arguments = false;           // words after the keywords go to the handler
    command_handler handler = nullptr;
};

struct command_match {
    const command_spec* spec;
    std::span<const token> args;
};

// Where the line went wrong and Junos's words for it.
struct command_error {
    std::size_t offset;
    std::string message;
};

std::variant<command_match, command_error> match_command(std::span<const command_spec> table,
                                                         std::span<const token> words,
                                                         std::size_t line_end);

// A command's one number argument ("screen-length 0", "rollback 3"), at most `max`; when it
// is left out, `absent`, or a "missing argument." error if there is no default.
std::variant<std::uint64_t, junos_reply>
number_argument(const command_call& call, std::optional<std::uint64_t> absent, std::uint64_t max);

// Matches `words` in `table` and runs the handler with the rest as call.args, or answers the
// caret error.
junos_reply run_command(std::span<const command_spec> table, command_call& call,
                        std::span<const token> words);

} // namespace sim::junos
