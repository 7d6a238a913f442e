#include "configuration_commands.hpp"

#include "command_table.hpp"
#include "config_compare.hpp"
#include "config_schema.hpp"
#include "operational_commands.hpp"

#include <array>

namespace sim::junos {
namespace {

constexpr std::chrono::minutes default_confirm_window{10};

// The path the words name, starting from the edit level.
std::variant<config_path, junos_reply> path_from_level(const command_call& c, value_rule values) {
    const auto& level = c.s.config->level;
    auto parsed = parse_config_path(c.args, level.empty(), values, c.line_end);
    if (const auto* error = std::get_if<path_error>(&parsed))
        return caret_error(error->offset, error->message);
    config_path path = level;
    for (auto& step : std::get<config_path>(parsed))
        path.push_back(std::move(step));
    return path;
}

std::optional<junos_reply> require_arguments(const command_call& c) {
    if (c.args.empty())
        return caret_error(c.line_end, "missing argument.");
    return std::nullopt;
}

junos_reply leave_configuration(session& s) {
    std::string text;
    if (s.config->candidate != s.device.active())
        text = "The configuration has been changed but not committed\n";
    s.config.reset();
    return {text + "Exiting configuration mode\n"};
}

junos_reply set_path(command_call& c) {
    if (auto missing = require_arguments(c))
        return *missing;
    auto path = path_from_level(c, value_rule::required);
    if (auto* error = std::get_if<junos_reply>(&path))
        return *error;
    set_statement(c.s.config->candidate, std::get<config_path>(path));
    return {};
}

junos_reply delete_path(command_call& c) {
    if (auto missing = require_arguments(c))
        return *missing;
    auto path = path_from_level(c, value_rule::optional);
    if (auto* error = std::get_if<junos_reply>(&path))
        return *error;
    if (!delete_statement(c.s.config->candidate, std::get<config_path>(path)))
        return {"warning: statement not found\n"};
    return {};
}

junos_reply edit_level(command_call& c) {
    if (auto missing = require_arguments(c))
        return *missing;
    auto path = path_from_level(c, value_rule::optional);
    if (auto* error = std::get_if<junos_reply>(&path))
        return *error;
    auto& level = std::get<config_path>(path);
    if (level.back().value) // a value leaf is no hierarchy level
        return caret_error(c.args.back().offset, "syntax error.");
    c.s.config->level = std::move(level);
    return {};
}

junos_reply up(command_call& c) {
    auto count = number_argument(c, 1, 1000);
    if (auto* error = std::get_if<junos_reply>(&count))
        return *error;
    auto& level = c.s.config->level;
    level.resize(level.size() -
                 std::min<std::size_t>(level.size(), std::get<std::uint64_t>(count)));
    return {};
}

junos_reply top(command_call& c) {
    c.s.config->level.clear();
    return {};
}

junos_reply show_candidate(command_call& c) {
    const auto& candidate = c.s.config->candidate;
    if (c.display.compare)
        return {render_compare(c.s.device.active(), candidate)};
    auto path = path_from_level(c, value_rule::optional);
    if (auto* error = std::get_if<junos_reply>(&path))
        return *error;
    const auto form = c.display.set_commands ? config_form::set_commands : config_form::braces;
    return {render_at(candidate, std::get<config_path>(path), form)};
}

junos_reply commit(command_call& c) {
    c.s.device.commit(c.s.config->candidate, c.now, std::nullopt);
    return {"commit complete\n"};
}

junos_reply commit_check(command_call& c) {
    c.s.device.confirm();
    return {"configuration check succeeds\n"};
}

junos_reply commit_confirmed(command_call& c) {
    auto minutes = number_argument(c, default_confirm_window.count(), 65535);
    if (auto* error = std::get_if<junos_reply>(&minutes))
        return *error;
    const std::chrono::minutes window{std::max<std::uint64_t>(1, std::get<std::uint64_t>(minutes))};
    c.s.device.commit(c.s.config->candidate, c.now, window);
    return {"commit confirmed will be automatically rolled back in " +
            std::to_string(window.count()) + " minutes unless confirmed\ncommit complete\n"};
}

junos_reply commit_and_quit(command_call& c) {
    const auto committed = commit(c).text;
    return {committed + leave_configuration(c.s).text};
}

junos_reply rollback(command_call& c) {
    auto index = number_argument(c, 0, 1000);
    if (auto* error = std::get_if<junos_reply>(&index))
        return *error;
    const auto n = std::get<std::uint64_t>(index);
    const auto& history = c.s.device.history();
    if (n >= history.size())
        return {"error: rollback " + std::to_string(n) + ": no such file\n"};
    c.s.config->candidate = history[n].config;
    return {"load complete\n"};
}

junos_reply run_operational_command(command_call& c) {
    if (auto missing = require_arguments(c))
        return *missing;
    return run_operational(c, c.args);
}

// "exit" leaves an edit level first; at the top (or with "configuration-mode") the mode.
junos_reply exit_level(command_call& c) {
    constexpr std::array<std::string_view, 1> whole_mode{"configuration-mode"};
    if (!c.args.empty() && (c.args.size() > 1 || match_keyword(c.args[0].text, whole_mode).result !=
                                                     keyword_match::outcome::unique))
        return caret_error(c.args.back().offset, "syntax error.");
    if (c.args.empty() && !c.s.config->level.empty()) {
        c.s.config->level.clear();
        return {};
    }
    return leave_configuration(c.s);
}

const std::array<command_spec, 14> configuration_table{{
    {{"set"}, true, set_path},
    {{"delete"}, true, delete_path},
    {{"edit"}, true, edit_level},
    {{"up"}, true, up},
    {{"top"}, false, top},
    {{"show"}, true, show_candidate},
    {{"commit"}, false, commit},
    {{"commit", "check"}, false, commit_check},
    {{"commit", "confirmed"}, true, commit_confirmed},
    {{"commit", "and-quit"}, false, commit_and_quit},
    {{"rollback"}, true, rollback},
    {{"run"}, true, run_operational_command},
    {{"exit"}, true, exit_level},
    {{"quit"}, true, exit_level},
}};

} // namespace

junos_reply run_configuration(command_call& call, std::span<const token> words) {
    return run_command(configuration_table, call, words);
}

} // namespace sim::junos
