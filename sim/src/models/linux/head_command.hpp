// head, as GNU coreutils 9.1 has it; listed with the other text commands (text_commands).
#pragma once

#include "shell_command.hpp"

namespace sim::linux_host {

// head [-c [-]N | -n [-]N | -N] [-q | -v] [FILE...]: counts with GNU's multipliers
// (gnu_count.hpp), "-N" counts meaning all but the last N, ==> headers <== for several
// files, "-" for standard input. From /dev/zero, -c N answers N counted zeros (zero_fill.hpp).
command_result head(command_call& c);

} // namespace sim::linux_host
