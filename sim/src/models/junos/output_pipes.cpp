#include "output_pipes.hpp"

#include <sim/text.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace sim::junos {
namespace {

constexpr std::array<std::string_view, 7> pipe_names{"compare", "count", "display", "except",
                                                     "last",    "match", "no-more"};

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end + 1;
        lines.push_back(text.substr(start, stop - start));
        start = stop;
    }
    return lines;
}

bool matches_any(std::string_view line, const std::vector<std::string>& patterns) {
    return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
        return line.find(p) != std::string_view::npos;
    });
}

std::string apply_filter(std::string_view text, const text_filter& filter) {
    const auto lines = lines_of(text);
    std::string out;
    switch (filter.what) {
    case text_filter::kind::match:
    case text_filter::kind::except:
        for (const auto line : lines)
            if (matches_any(line, filter.patterns) == (filter.what == text_filter::kind::match))
                out += line;
        return out;
    case text_filter::kind::count:
        return "Count: " + std::to_string(lines.size()) + " lines\n";
    case text_filter::kind::last:
        for (std::size_t i = lines.size() > filter.lines ? lines.size() - filter.lines : 0;
             i < lines.size(); ++i)
            out += lines[i];
        return out;
    }
    return out;
}

// The words of one pipe stage joined back, as a pattern: "| match foo bar".
std::string joined(std::span<const token> words) {
    std::string text;
    for (const auto& word : words)
        text += (text.empty() ? "" : " ") + word.text;
    return text;
}

} // namespace

std::variant<output_pipes, command_error> parse_pipes(std::span<const token> words,
                                                      std::size_t line_end) {
    output_pipes pipes;
    std::size_t i = 0;
    while (i < words.size()) {
        const std::size_t stage_start = ++i; // past the "|"
        while (i < words.size() && !is_pipe(words[i]))
            ++i;
        const auto stage = words.subspan(stage_start, i - stage_start);
        if (stage.empty())
            return command_error{i < words.size() ? words[i].offset : line_end,
                                 "syntax error, expecting <command>."};
        const auto name = match_keyword(stage[0].text, pipe_names);
        if (name.result != keyword_match::outcome::unique)
            return command_error{stage[0].offset, "syntax error, expecting <command>."};
        const auto args = stage.subspan(1);
        const auto which = pipe_names[name.index];
        if (which == "compare") {
            pipes.display.compare = true;
        } else if (which == "count") {
            pipes.filters.push_back({text_filter::kind::count, {}, 0});
        } else if (which == "display") {
            if (args.empty() ||
                match_keyword(args[0].text, std::array<std::string_view, 1>{"set"}).result !=
                    keyword_match::outcome::unique)
                return command_error{args.empty() ? line_end : args[0].offset,
                                     "syntax error, expecting <command>."};
            pipes.display.set_commands = true;
        } else if (which == "last") {
            const auto n = args.empty() ? std::optional<std::uint64_t>{}
                                        : text::parse_unsigned(args[0].text, 100000);
            if (!n)
                return command_error{args.empty() ? line_end : args[0].offset,
                                     "syntax error, expecting <number>."};
            pipes.filters.push_back({text_filter::kind::last, {}, std::size_t(*n)});
        } else if (which == "no-more") {
            pipes.no_more = true;
        } else {
            if (args.empty())
                return command_error{line_end, "missing argument."};
            const std::string pattern = joined(args);
            std::vector<std::string> patterns;
            for (const auto alternative : text::split(pattern, '|'))
                patterns.emplace_back(alternative);
            pipes.filters.push_back(
                {which == "match" ? text_filter::kind::match : text_filter::kind::except,
                 std::move(patterns), 0});
        }
    }
    return pipes;
}

std::string apply_filters(std::string text, const std::vector<text_filter>& filters) {
    for (const auto& filter : filters)
        text = apply_filter(text, filter);
    return text;
}

} // namespace sim::junos
