// "show | compare": the differences between two configurations in Junos's format.
#pragma once

#include "config_tree.hpp"

#include <string>

namespace sim::junos {

// A "[edit <path>]" banner before each run of changes at one hierarchy level, then the
// removed ("-") and added ("+") statements in curly-brace form; "" when they are equal.
std::string render_compare(const config_node& before, const config_node& after);

} // namespace sim::junos
