// Global configuration mode and the verbatim sections (router, vlan, line).
#include "models/ios_like/cli_session.hpp"
#include "models/ios_like/commands.hpp"
#include "models/ios_like/dialect.hpp"
#include "models/ios_like/formatting.hpp"
#include "models/ios_like/ios_like_device.hpp"

#include <array>

namespace sim::ios_like {
namespace {

struct stored_command {
    std::string_view syntax;
    line_key key;
};

constexpr line_key whole{line_key::all_words};

constexpr std::array<stored_command, 17> global_lines{{
    {"hostname <word>", {1}},
    {"ip domain-name <rest>", {2}},
    {"ip name-server <rest>", whole},
    {"ip route <rest>", whole},
    {"ip routing", whole},
    {"username <rest>", {2}},
    {"ntp server <rest>", whole},
    {"logging host <rest>", whole},
    {"logging buffered <rest>", {2}},
    {"snmp-server community <rest>", {3}},
    {"snmp-server location <rest>", {2}},
    {"snmp-server contact <rest>", {2}},
    {"banner motd <rest>", {2}},
    {"service <rest>", whole},
    {"spanning-tree mode <word>", {2}},
    {"spanning-tree <rest>", whole},
    {"access-list <rest>", whole},
}};

// Commands that open a section whose lines are kept verbatim; `kind` names the sub-mode.
struct section_command {
    std::string_view syntax;
    std::string_view kind;
};

constexpr std::array<section_command, 3> section_openers{{
    {"router <rest>", "router"},
    {"vlan <rest>", "vlan"},
    {"line <rest>", "line"},
}};

command_handler open_section(std::string_view kind) {
    return [kind](const invocation& call) {
        auto& session = call.session;
        auto& running = session.device().running();
        const std::string header = call.command.line();
        if (call.command.negated) {
            running.remove_section(header);
            return quiet();
        }
        running.add_section(header);
        const auto detail = split_words(call.command.words.back()).front();
        session.enter_section(cli_mode::section_config, header,
                              session.vendor().mode_tag(kind, detail));
        return quiet();
    };
}

command_output end_config(const invocation& call) {
    call.session.set_mode(cli_mode::privileged);
    return quiet();
}

command_output do_exec(const invocation& call) {
    return call.session.run_exec(call.command.offsets.back(), call.now);
}

} // namespace

command_handler store_global(line_key key) {
    return [key](const invocation& call) {
        auto& running = call.session.device().running();
        if (call.command.negated) {
            running.remove(call.command.line(), key);
        } else {
            running.set(call.command.line(), key);
        }
        return quiet();
    };
}

command_handler store_in_section(line_key key) {
    return [key](const invocation& call) {
        auto& running = call.session.device().running();
        const std::string& header = call.session.section_header();
        if (call.command.negated) {
            running.remove_in(header, call.command.line(), key);
        } else {
            running.set_in(header, call.command.line(), key);
        }
        return quiet();
    };
}

void add_config_navigation(command_tree& tree) {
    tree.add("exit", leave_mode);
    tree.add("end", end_config);
    tree.add("do <rest>", do_exec);
}

const command_tree& global_config_commands() {
    static const command_tree tree = [] {
        command_tree t{true};
        add_config_navigation(t);
        add_interface_command(t);
        for (const auto& command : global_lines) {
            t.add(command.syntax, store_global(command.key));
        }
        for (const auto& opener : section_openers) {
            t.add(opener.syntax, open_section(opener.kind));
        }
        return t;
    }();
    return tree;
}

const command_tree& section_control_commands() {
    static const command_tree tree = [] {
        command_tree t;
        add_config_navigation(t);
        return t;
    }();
    return tree;
}

const command_tree& section_body_commands() {
    static const command_tree tree = [] {
        command_tree t{true};
        t.add("<rest>", store_in_section(whole));
        return t;
    }();
    return tree;
}

} // namespace sim::ios_like
