#include "shell_command.hpp"

#include <sim/text.hpp>

#include <array>

namespace sim::linux_host {
namespace {

command_result echo(command_call& c) {
    bool newline = true;
    std::size_t first = 0;
    if (!c.args.empty() && c.args[0] == "-n") {
        newline = false;
        first = 1;
    }
    std::string out;
    for (std::size_t i = first; i < c.args.size(); ++i)
        out += (i > first ? " " : "") + c.args[i];
    return {newline ? out + "\n" : out};
}

command_result succeed(command_call&) {
    return {};
}

command_result fail(command_call&) {
    return {"", "", 1};
}

command_result pwd(command_call& c) {
    return {c.shell.cwd + "\n"};
}

command_result cd(command_call& c) {
    if (c.args.size() > 1)
        return failure("bash: cd: too many arguments\n");
    const std::string target = c.args.empty() ? c.shell.home : resolve_path(c.shell.cwd, c.args[0]);
    if (!c.shell.fs.exists(target))
        return failure("bash: cd: " + c.args[0] + ": No such file or directory\n");
    if (!c.shell.fs.is_directory(target))
        return failure("bash: cd: " + c.args[0] + ": Not a directory\n");
    c.shell.cwd = target;
    return {};
}

// The simulator has no time to wait: sleep only checks its argument.
command_result sleep_command(command_call& c) {
    if (c.args.empty())
        return failure("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    for (const auto& arg : c.args) {
        const auto number = std::string_view(arg).substr(0, arg.find('.'));
        if (!text::parse_unsigned(number, UINT32_MAX))
            return failure("sleep: invalid time interval '" + arg +
                           "'\nTry 'sleep --help' for more information.\n");
    }
    return {};
}

command_result exit_shell(command_call& c) {
    c.shell.exited = true;
    if (c.args.empty())
        return {"", "", c.shell.last_status};
    const auto status = text::parse_unsigned(c.args[0], UINT64_MAX);
    if (!status)
        return failure("bash: exit: " + c.args[0] + ": numeric argument required\n", 2);
    return {"", "", std::uint32_t(*status % 256)};
}

constexpr std::array<named_command, 8> commands{{
    {"cd", cd},
    {"echo", echo},
    {"exit", exit_shell},
    {"false", fail},
    {"pwd", pwd},
    {"sleep", sleep_command},
    {"true", succeed},
    {":", succeed},
}};

} // namespace

std::span<const named_command> builtin_commands() {
    return commands;
}

command_function find_command(std::string_view name) {
    for (const auto group : {builtin_commands(), system_commands(), file_commands(),
                             network_commands(), resource_commands(), text_commands()})
        for (const auto& command : group)
            if (command.name == name)
                return command.run;
    return nullptr;
}

} // namespace sim::linux_host
