#include "command_table.hpp"

#include <sim/text.hpp>

#include <algorithm>

namespace sim::junos {
namespace {

constexpr std::string_view expecting_command = "syntax error, expecting <command>.";

// The live command whose keywords end after `count` words, if any.
const command_spec* complete_after(const std::vector<const command_spec*>& live,
                                   std::size_t count) {
    for (const auto* spec : live)
        if (spec->keywords.size() == count)
            return spec;
    return nullptr;
}

} // namespace

std::variant<command_match, command_error> match_command(std::span<const command_spec> table,
                                                         std::span<const token> words,
                                                         std::size_t line_end) {
    std::vector<const command_spec*> live;
    for (const auto& spec : table)
        live.push_back(&spec);

    for (std::size_t i = 0; i < words.size(); ++i) {
        std::vector<std::string_view> next; // the keywords that may follow, once each
        for (const auto* spec : live)
            if (spec->keywords.size() > i &&
                std::find(next.begin(), next.end(), spec->keywords[i]) == next.end())
                next.push_back(spec->keywords[i]);
        const auto match = match_keyword(words[i].text, next);
        if (match.result == keyword_match::outcome::ambiguous)
            return command_error{words[i].offset, "'" + words[i].text + "' is ambiguous."};
        if (match.result == keyword_match::outcome::none) {
            // Not a keyword: the command ending here may take the rest as its arguments.
            const auto* complete = complete_after(live, i);
            if (complete != nullptr && complete->takes_arguments)
                return command_match{complete, words.subspan(i)};
            return command_error{words[i].offset,
                                 i == 0 ? "unknown command." : std::string(expecting_command)};
        }
        std::erase_if(live, [&](const command_spec* spec) {
            return spec->keywords.size() <= i || spec->keywords[i] != next[match.index];
        });
    }
    if (const auto* complete = complete_after(live, words.size()))
        return command_match{complete, {}};
    return command_error{line_end, std::string(expecting_command)};
}

std::variant<std::uint64_t, junos_reply>
number_argument(const command_call& call, std::optional<std::uint64_t> absent, std::uint64_t max) {
    if (call.args.empty()) {
        if (absent)
            return *absent;
        return caret_error(call.line_end, "missing argument.");
    }
    if (call.args.size() > 1)
        return caret_error(call.args[1].offset, std::string(expecting_command));
    const auto n = text::parse_unsigned(call.args[0].text, max);
    if (!n)
        return caret_error(call.args[0].offset, "syntax error, expecting <number>.");
    return *n;
}

junos_reply run_command(std::span<const command_spec> table, command_call& call,
                        std::span<const token> words) {
    auto matched = match_command(table, words, call.line_end);
    if (const auto* error = std::get_if<command_error>(&matched))
        return caret_error(error->offset, error->message);
    const auto& match = std::get<command_match>(matched);
    call.args = match.args;
    return match.spec->handler(call);
}

} // namespace sim::junos
