#include "operational_commands.hpp"

#include "command_table.hpp"
#include "config_schema.hpp"
#include "views.hpp"

#include <array>

namespace sim::junos {
namespace {

junos_reply extra_word(const command_call& c, std::size_t index) {
    return caret_error(c.args[index].offset, "syntax error, expecting <command>.");
}

// The interface name argument of "show interfaces [terse] <name>", "" for all.
std::variant<std::string_view, junos_reply> interface_argument(const command_call& c) {
    if (c.args.size() > 1)
        return extra_word(c, 1);
    return c.args.empty() ? std::string_view() : std::string_view(c.args[0].text);
}

junos_reply version(command_call& c) {
    return {show_version(c.s.device)};
}

junos_reply interfaces_terse(command_call& c) {
    auto name = interface_argument(c);
    if (auto* error = std::get_if<junos_reply>(&name))
        return *error;
    return {show_interfaces_terse(c.s.device, std::get<std::string_view>(name))};
}

junos_reply interfaces(command_call& c) {
    auto name = interface_argument(c);
    if (auto* error = std::get_if<junos_reply>(&name))
        return *error;
    const auto wanted = std::get<std::string_view>(name);
    auto text = show_interfaces(c.s.device, wanted, c.now);
    if (!text)
        return {"error: device " + std::string(wanted) + " not found\n"};
    return {std::move(*text)};
}

junos_reply configuration(command_call& c) {
    auto parsed = parse_config_path(c.args, true, value_rule::optional, c.line_end);
    if (const auto* error = std::get_if<path_error>(&parsed))
        return caret_error(error->offset, error->message);
    const auto& path = std::get<config_path>(parsed);
    const auto& device = c.s.device;
    if (c.display.set_commands)
        return {render_at(device.active(), path, config_form::set_commands)};
    std::string header;
    if (path.empty()) {
        const auto& last = device.history().front();
        header = "## Last commit: " + format_timestamp(last.when) + " by " + last.user + "\n";
    }
    return {header + render_at(device.active(), path, config_form::braces)};
}

junos_reply system_uptime(command_call& c) {
    return {show_system_uptime(c.s.device, c.now)};
}

junos_reply system_commit(command_call& c) {
    return {show_system_commit(c.s.device)};
}

junos_reply system_information(command_call& c) {
    return {show_system_information(c.s.device)};
}

junos_reply chassis_hardware(command_call& c) {
    return {show_chassis_hardware(c.s.device)};
}

junos_reply route_summary(command_call& c) {
    return {show_route_summary(c.s.device)};
}

junos_reply screen_length(command_call& c) {
    auto n = number_argument(c, std::nullopt, 100000);
    if (auto* error = std::get_if<junos_reply>(&n))
        return *error;
    c.s.screen_length = std::uint32_t(std::get<std::uint64_t>(n));
    return {"Screen length set to " + std::to_string(*c.s.screen_length) + "\n"};
}

junos_reply screen_width(command_call& c) {
    auto n = number_argument(c, std::nullopt, 100000);
    if (auto* error = std::get_if<junos_reply>(&n))
        return *error;
    c.s.screen_width = std::uint32_t(std::get<std::uint64_t>(n));
    return {"Screen width set to " + std::to_string(c.s.screen_width) + "\n"};
}

junos_reply enter_configuration(command_call& c) {
    c.s.config = config_session{c.s.device.active(), {}};
    return {"Entering configuration mode\n"};
}

junos_reply enter_private_configuration(command_call& c) {
    return {"warning: uncommitted changes will be discarded on exit\n" +
            enter_configuration(c).text};
}

junos_reply leave(command_call&) {
    return session_end();
}

const std::array<command_spec, 16> operational_table{{
    {{"show", "version"}, false, version},
    {{"show", "interfaces", "terse"}, true, interfaces_terse},
    {{"show", "interfaces"}, true, interfaces},
    {{"show", "configuration"}, true, configuration},
    {{"show", "system", "uptime"}, false, system_uptime},
    {{"show", "system", "commit"}, false, system_commit},
    {{"show", "system", "information"}, false, system_information},
    {{"show", "chassis", "hardware"}, false, chassis_hardware},
    {{"show", "route", "summary"}, false, route_summary},
    {{"set", "cli", "screen-length"}, true, screen_length},
    {{"set", "cli", "screen-width"}, true, screen_width},
    {{"configure"}, false, enter_configuration},
    {{"configure", "private"}, false, enter_private_configuration},
    {{"configure", "exclusive"}, false, enter_configuration},
    {{"exit"}, false, leave},
    {{"quit"}, false, leave},
}};

} // namespace

junos_reply run_operational(command_call& call, std::span<const token> words) {
    return run_command(operational_table, call, words);
}

} // namespace sim::junos
