// What the simulated shell's commands receive and answer, and where they are found.
#pragma once

#include "linux_facts.hpp"
#include "virtual_fs.hpp"

#include <sim/device_model.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sim::linux_host {

// One shell's state: the host it runs on, its directory and the last exit status.
struct shell_state {
    const device_profile& profile;
    const linux_facts& facts;
    const virtual_fs& fs;
    host_clock clock;
    std::string home;
    std::string cwd;
    bool interactive = true; // a login shell; an exec channel's is not (ls lists one per line)
    std::uint32_t last_status = 0;
    bool exited = false; // "exit" ran: nothing after it runs
};

struct command_call {
    shell_state& shell;
    std::vector<std::string> args; // after the command name
    std::string_view input;        // standard input: the previous pipeline stage's output
    sim_clock::time_point now;
};

struct command_result {
    std::string out{};
    std::string err{};
    std::uint32_t status = 0;
    std::uint64_t zero_fill = 0; // after out: zero bytes counted, not built (zero_fill.hpp)
};

inline command_result failure(std::string err, std::uint32_t status = 1) {
    return {"", std::move(err), status};
}

using command_function = command_result (*)(command_call&);

struct named_command {
    std::string_view name;
    command_function run;
};

// The commands, by concern; each file that defines some lists them.
std::span<const named_command> builtin_commands();  // cd, echo, exit, pwd, true, false, sleep
std::span<const named_command> system_commands();   // uname, hostname, whoami, id, uptime, date
std::span<const named_command> file_commands();     // cat, ls
std::span<const named_command> network_commands();  // ip, ss
std::span<const named_command> resource_commands(); // df, free
std::span<const named_command> text_commands();     // grep, head, tail, wc

// nullptr when the shell has no such command.
command_function find_command(std::string_view name);

} // namespace sim::linux_host
