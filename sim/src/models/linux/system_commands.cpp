#include "models/common/calendar.hpp"
#include "shell_command.hpp"

#include <array>
#include <cstdio>

namespace sim::linux_host {
namespace {

constexpr std::uint32_t user_id = 1000;

bool is_root(const command_call& c) {
    return c.shell.profile.username == "root";
}

// uname's fields in the order it prints them, with their option letters.
std::string uname_field(char option, const command_call& c) {
    const auto& facts = c.shell.facts;
    switch (option) {
    case 's':
        return "Linux";
    case 'n':
        return c.shell.profile.hostname;
    case 'r':
        return facts.kernel_release;
    case 'v':
        return facts.kernel_version;
    case 'm':
        return facts.machine;
    default:
        return "GNU/Linux"; // 'o'
    }
}

command_result uname(command_call& c) {
    constexpr std::string_view order = "snrvmo";
    std::string wanted;
    for (const auto& arg : c.args) {
        if (arg == "--all" || arg == "-a") {
            wanted = std::string(order);
            continue;
        }
        if (arg.size() < 2 || arg[0] != '-')
            return failure("uname: extra operand '" + arg +
                           "'\nTry 'uname --help' for more information.\n");
        for (const char option : std::string_view(arg).substr(1)) {
            if (order.find(option) == std::string_view::npos && option != 'a')
                return failure(std::string("uname: invalid option -- '") + option +
                               "'\nTry 'uname --help' for more information.\n");
            wanted += option == 'a' ? std::string(order) : std::string(1, option);
        }
    }
    if (wanted.empty())
        wanted = "s";
    std::string out;
    for (const char option : order)
        if (wanted.find(option) != std::string::npos)
            out += (out.empty() ? "" : " ") + uname_field(option, c);
    return {out + "\n"};
}

command_result hostname(command_call& c) {
    return {c.shell.profile.hostname + "\n"};
}

command_result whoami(command_call& c) {
    return {c.shell.profile.username + "\n"};
}

command_result id(command_call& c) {
    const auto& user = c.shell.profile.username;
    const std::string uid = is_root(c) ? "0" : std::to_string(user_id);
    if (c.args.empty()) {
        const std::string self = uid + "(" + user + ")";
        return {"uid=" + self + " gid=" + self + " groups=" + self +
                (is_root(c) ? "" : ",27(sudo)") + "\n"};
    }
    if (c.args.size() == 1 && (c.args[0] == "-u" || c.args[0] == "-g"))
        return {uid + "\n"};
    if (c.args.size() == 1 && (c.args[0] == "-un" || c.args[0] == "-nu"))
        return {user + "\n"};
    return failure("id: '" + c.args[0] + "': no such user\n");
}

// procps's uptime line: " 10:15:30 up 11 days,  2:15,  1 user,  load average: ..."
command_result uptime(command_call& c) {
    const auto& facts = c.shell.facts;
    const auto now = c.shell.clock.wall(c.now);
    const auto up = (now - (facts.wall_at_start - facts.uptime_at_start)).count();
    const long long days = up / 86400, hours = up % 86400 / 3600, minutes = up % 3600 / 60;
    std::string out = " " + models::time_of_day(models::to_civil(now)) + " up ";
    if (days > 0)
        out += std::to_string(days) + (days == 1 ? " day, " : " days, ");
    char clock[32];
    if (hours > 0)
        std::snprintf(clock, sizeof clock, "%2lld:%02lld,  ", hours, minutes);
    else
        std::snprintf(clock, sizeof clock, "%lld min,  ", minutes);
    out += clock;
    out += "1 user,  load average: " + facts.load_averages[0] + ", " + facts.load_averages[1] +
           ", " + facts.load_averages[2] + "\n";
    return {out};
}

command_result date(command_call& c) {
    return {models::ctime_text(c.shell.clock.wall(c.now), true) + "\n"};
}

constexpr std::array<named_command, 6> commands{{
    {"date", date},
    {"hostname", hostname},
    {"id", id},
    {"uname", uname},
    {"uptime", uptime},
    {"whoami", whoami},
}};

} // namespace

std::span<const named_command> system_commands() {
    return commands;
}

} // namespace sim::linux_host
