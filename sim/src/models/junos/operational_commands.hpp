// Junos operational mode: "show ...", "set cli ...", "configure", "exit".
#pragma once

#include "junos_session.hpp"
#include "tokens.hpp"

#include <span>

namespace sim::junos {

// Also what "run <command>" runs in configuration mode.
junos_reply run_operational(command_call& call, std::span<const token> words);

} // namespace sim::junos
