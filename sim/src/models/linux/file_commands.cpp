#include "models/common/calendar.hpp"
#include "shell_command.hpp"

#include <array>
#include <cstdio>

namespace sim::linux_host {
namespace {

command_result cat(command_call& c) {
    if (c.args.empty())
        return {std::string(c.input)};
    command_result result;
    for (const auto& arg : c.args) {
        if (arg == "-") {
            result.out += c.input;
            continue;
        }
        if (arg.size() > 1 && arg[0] == '-') {
            return failure("cat: invalid option -- '" + arg.substr(1, 1) +
                           "'\nTry 'cat --help' for more information.\n");
        }
        // /dev/zero is refused (read_error says why): cat would never end.
        const auto path = resolve_path(c.shell.cwd, arg);
        if (auto contents = c.shell.fs.read(path, c.now)) {
            result.out += *contents;
        } else {
            result.err += "cat: " + arg + ": " + c.shell.fs.read_error(path) + "\n";
            result.status = 1;
        }
    }
    return result;
}

struct ls_options {
    bool all = false; // -a: with . and ..
    bool long_format = false;
    bool one_per_line = false;
};

// "drwxr-xr-x 2 root root 4096 Mar  1 08:00 etc": files under /proc read as empty, as there;
// a device shows its numbers where the size goes ("crw-rw-rw- 1 root root 1, 5 ... zero").
std::string long_entry(const command_call& c, const std::string& path, const std::string& name) {
    const auto& fs = c.shell.fs;
    const bool directory = fs.is_directory(path);
    std::size_t size = 4096;
    if (!directory)
        size = path.starts_with("/proc/") ? 0 : fs.read(path, c.now).value_or("").size();
    char size_text[32];
    std::snprintf(size_text, sizeof size_text, "%4zu", size);
    const auto device = fs.device(path);
    if (device)
        std::snprintf(size_text, sizeof size_text, "%d, %d", device->major, device->minor);
    const auto stamp =
        models::ctime_text(c.shell.facts.wall_at_start - c.shell.facts.uptime_at_start,
                           false); // "Tue Mar  5 08:00:00 2024"
    char line[160];
    std::snprintf(line, sizeof line, "%s %2d root root %s %.12s %s\n",
                  directory ? "drwxr-xr-x"
                  : device  ? "crw-rw-rw-"
                            : "-rw-r--r--",
                  directory ? 2 : 1, size_text, stamp.c_str() + 4, name.c_str());
    return line;
}

std::string listing(const command_call& c, const ls_options& options, const std::string& path,
                    std::vector<std::string> names) {
    if (options.all)
        names.insert(names.begin(), {".", ".."});
    std::string out;
    if (options.long_format) {
        out = "total " + std::to_string(4 * names.size()) + "\n";
        for (const auto& name : names)
            out += long_entry(c, resolve_path(path, name), name);
        return out;
    }
    const bool columns = c.shell.interactive && !options.one_per_line;
    for (const auto& name : names)
        out += columns ? (out.empty() ? "" : "  ") + name : name + "\n";
    return columns && !out.empty() ? out + "\n" : out;
}

command_result ls(command_call& c) {
    ls_options options;
    std::vector<std::string> operands;
    for (const auto& arg : c.args) {
        if (arg.size() < 2 || arg[0] != '-') {
            operands.push_back(arg);
            continue;
        }
        for (const char flag : std::string_view(arg).substr(1)) {
            if (flag == 'a')
                options.all = true;
            else if (flag == 'l')
                options.long_format = true;
            else if (flag == '1')
                options.one_per_line = true;
            else if (flag != 'A') // -A shows hidden files, and there are none
                return failure(std::string("ls: invalid option -- '") + flag +
                                   "'\nTry 'ls --help' for more information.\n",
                               2);
        }
    }
    if (operands.empty())
        operands.push_back(".");

    command_result result;
    std::vector<std::string> directories;
    for (const auto& operand : operands) {
        const auto path = resolve_path(c.shell.cwd, operand);
        if (!c.shell.fs.exists(path)) {
            result.err += "ls: cannot access '" + operand + "': No such file or directory\n";
            result.status = 2;
        } else if (c.shell.fs.is_directory(path)) {
            directories.push_back(operand);
        } else {
            result.out += listing(c, {false, options.long_format, true}, c.shell.cwd, {operand});
        }
    }
    for (const auto& operand : directories) {
        const auto path = resolve_path(c.shell.cwd, operand);
        if (operands.size() > 1)
            result.out += (result.out.empty() ? "" : "\n") + operand + ":\n";
        result.out += listing(c, options, path, c.shell.fs.list(path));
    }
    return result;
}

constexpr std::array<named_command, 2> commands{{
    {"cat", cat},
    {"ls", ls},
}};

} // namespace

std::span<const named_command> file_commands() {
    return commands;
}

} // namespace sim::linux_host
