// One Junos CLI session's state and what its command handlers receive and answer.
#pragma once

#include "config_tree.hpp"
#include "junos_state.hpp"
#include "tokens.hpp"

#include <sim/device_model.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>

namespace sim::junos {

// Configuration mode: a private candidate copied from the active configuration at entry,
// and the "[edit ...]" level that set/delete/show start from.
struct config_session {
    config_node candidate;
    config_path level;
};

struct session {
    junos_state& device;
    std::optional<config_session> config;       // set while in configuration mode
    std::optional<std::uint32_t> screen_length; // "set cli screen-length"; 0 = no pager
    std::uint32_t screen_width = 80;
};

// What a command answers. An error with a caret is printed under the offending word.
struct junos_reply {
    std::string text;
    std::optional<std::size_t> caret; // the error's offset in the line
    bool end_session = false;
    bool pageable = true; // false with "| no-more"

    junos_reply() = default;
    // A plain answer, so handlers can write `return {"commit complete\n"};`.
    junos_reply(std::string answer)
        : text(std::move(answer)) {}
};

inline junos_reply caret_error(std::size_t offset, std::string message) {
    junos_reply reply{std::move(message) + "\n"};
    reply.caret = offset;
    return reply;
}

inline junos_reply session_end() {
    junos_reply reply;
    reply.end_session = true;
    return reply;
}

// Output forms chosen by pipes after the command: "| display set", "| compare".
struct display_options {
    bool set_commands = false;
    bool compare = false;
};

struct command_call {
    session& s;
    std::span<const token> args; // the words after the command's keywords
    sim_clock::time_point now;
    display_options display;
    std::size_t line_end; // where the caret of a missing word goes
};

using command_handler = junos_reply (*)(command_call&);

} // namespace sim::junos
