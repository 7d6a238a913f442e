// Exec mode: privilege changes, terminal settings, entering configuration, saving it.
#include "models/ios_like/cli_session.hpp"
#include "models/ios_like/commands.hpp"
#include "models/ios_like/dialect.hpp"
#include "models/ios_like/ios_like_device.hpp"

#include <string>

namespace sim::ios_like {
namespace {

constexpr command_flags privileged{true, false};

command_output enable(const invocation& call) {
    auto& session = call.session;
    if (session.mode() == cli_mode::user) {
        if (session.device().profile().enable_secret.empty()) {
            session.set_mode(cli_mode::privileged);
        } else {
            session.ask_enable_secret();
        }
    }
    return quiet();
}

command_output disable(const invocation& call) {
    call.session.set_mode(cli_mode::user);
    return quiet();
}

command_output end_session(const invocation& /*call*/) {
    return {"", false, true};
}

command_output terminal_length(const invocation& call) {
    const unsigned long lines = std::stoul(call.command.words.back());
    if (lines > call.session.vendor().conventions().max_terminal_length) {
        return call.session.invalid_at(call.command.offsets.back());
    }
    call.session.set_terminal_length(static_cast<unsigned>(lines));
    return quiet();
}

// Line wrapping is the client's business here; the width is accepted and has no effect.
command_output terminal_width(const invocation& /*call*/) {
    return quiet();
}

command_output configure_terminal(const invocation& call) {
    call.session.set_mode(cli_mode::global_config);
    return {std::string(call.session.vendor().conventions().configure_banner), false, false};
}

command_output write_memory(const invocation& call) {
    call.session.device().save();
    return {std::string(call.session.vendor().conventions().saved), false, false};
}

command_output copy_running_to_startup(const invocation& call) {
    if (call.session.vendor().conventions().copy_question.empty()) {
        return write_memory(call);
    }
    call.session.ask_copy_destination();
    return quiet();
}

} // namespace

command_output quiet() {
    return {"", false, false};
}

command_output leave_mode(const invocation& call) {
    auto& session = call.session;
    switch (session.mode()) {
    case cli_mode::user:
    case cli_mode::privileged:
        return end_session(call);
    case cli_mode::global_config:
        session.set_mode(cli_mode::privileged);
        break;
    default:
        session.set_mode(cli_mode::global_config);
        break;
    }
    return quiet();
}

const command_tree& exec_commands() {
    static const command_tree tree = [] {
        command_tree t;
        t.add("enable", enable);
        t.add("disable", disable);
        t.add("exit", leave_mode);
        t.add("logout", end_session);
        t.add("quit", end_session);
        t.add("terminal length <number>", terminal_length);
        t.add("terminal width <number>", terminal_width);
        t.add("configure terminal", configure_terminal, privileged);
        t.add("write", write_memory, privileged);
        t.add("write memory", write_memory, privileged);
        t.add("copy running-config startup-config", copy_running_to_startup, privileged);
        add_show_commands(t);
        return t;
    }();
    return tree;
}

} // namespace sim::ios_like
