// The command tables of the IOS-shaped platforms, one tree per mode, shared by both vendors:
// handlers ask the session's dialect for whatever differs.
#pragma once

#include "models/ios_like/command_tree.hpp"
#include "models/ios_like/config_store.hpp"

#include <sim/device_model.hpp>

namespace sim::ios_like {

class cli_session;

struct invocation {
    cli_session& session;
    const parsed_command& command;
    sim_clock::time_point now;
    bool json = false; // "| json" asks for eAPI's JSON form
};

// User and privileged exec mode ("show ...", "enable", "configure terminal", ...).
const command_tree& exec_commands();
// Global configuration mode.
const command_tree& global_config_commands();
// Interface configuration mode.
const command_tree& interface_config_commands();
// Other sections ("router ospf 1", "vlan 10", "line vty 0 4"): first the ways out, then any
// line, kept verbatim in the section.
const command_tree& section_control_commands();
const command_tree& section_body_commands();

// Table pieces shared between the files that build the trees.
void add_show_commands(command_tree& tree);
void add_interface_command(command_tree& tree);
// exit, end, do: the ways out of (and around) every configuration mode.
void add_config_navigation(command_tree& tree);
// exit: up one mode; from exec modes it ends the session.
command_output leave_mode(const invocation& call);
// A configuration line kept as typed (keywords in full), globally or in the current section;
// "no <line>" removes it.
command_handler store_global(line_key key);
command_handler store_in_section(line_key key);
// Answers that change nothing and print nothing.
command_output quiet();

} // namespace sim::ios_like
