// Junos configuration mode: editing the candidate (set, delete, edit, up, top), showing and
// comparing it, commit (check / confirmed / and-quit), rollback, run and exit.
#pragma once

#include "junos_session.hpp"
#include "tokens.hpp"

#include <span>

namespace sim::junos {

// `call.s.config` is set: the session is in configuration mode.
junos_reply run_configuration(command_call& call, std::span<const token> words);

} // namespace sim::junos
