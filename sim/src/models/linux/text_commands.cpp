#include "head_command.hpp"
#include "shell_command.hpp"

#include <sim/text.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <variant>

namespace sim::linux_host {
namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        const auto stop = end == std::string_view::npos ? text.size() : end + 1;
        lines.push_back(text.substr(start, stop - start));
        start = stop;
    }
    return lines;
}

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

// The text a filter reads: its file operands, or standard input.
std::variant<std::string, command_result> filter_input(const command_call& c,
                                                       const std::vector<std::string>& files,
                                                       std::string_view program) {
    if (files.empty())
        return std::string(c.input);
    std::string text;
    for (const auto& file : files) {
        const auto path = resolve_path(c.shell.cwd, file);
        auto contents = c.shell.fs.read(path, c.now);
        if (!contents)
            return failure(std::string(program) + ": " + file + ": " + c.shell.fs.read_error(path) +
                               "\n",
                           program == "grep" ? 2 : 1);
        text += *contents;
    }
    return text;
}

// grep [-v] [-i] [-c] PATTERN [FILE...]: fixed strings, "a\|b" alternatives.
command_result grep(command_call& c) {
    bool invert = false, ignore_case = false, count = false;
    std::vector<std::string> operands;
    for (const auto& arg : c.args) {
        if (arg.size() > 1 && arg[0] == '-' && operands.empty()) {
            for (const char flag : std::string_view(arg).substr(1)) {
                invert = invert || flag == 'v';
                ignore_case = ignore_case || flag == 'i';
                count = count || flag == 'c';
                if (std::string_view("vicFE").find(flag) == std::string_view::npos)
                    return failure(std::string("grep: invalid option -- '") + flag +
                                       "'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n",
                                   2);
            }
        } else {
            operands.push_back(arg);
        }
    }
    if (operands.empty())
        return failure("Usage: grep [OPTION]... PATTERNS [FILE]...\n", 2);
    std::vector<std::string> patterns;
    std::string pattern = ignore_case ? lowered(operands[0]) : operands[0];
    std::size_t start = 0;
    for (auto bar = pattern.find("\\|"); bar != std::string::npos;
         bar = pattern.find("\\|", start)) {
        patterns.push_back(pattern.substr(start, bar - start));
        start = bar + 2;
    }
    patterns.push_back(pattern.substr(start));

    auto input = filter_input(c, {operands.begin() + 1, operands.end()}, "grep");
    if (auto* error = std::get_if<command_result>(&input))
        return *error;
    command_result result;
    std::size_t matched = 0;
    for (const auto line : lines_of(std::get<std::string>(input))) {
        const std::string haystack = ignore_case ? lowered(line) : std::string(line);
        const bool hit = std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
            return haystack.find(p) != std::string::npos;
        });
        if (hit == invert)
            continue;
        ++matched;
        if (!count)
            result.out += std::string(line) + (line.ends_with('\n') ? "" : "\n");
    }
    if (count)
        result.out = std::to_string(matched) + "\n";
    result.status = matched > 0 ? 0 : 1;
    return result;
}

// tail [-n N | -N] [FILE...]
command_result tail(command_call& c) {
    std::size_t count = 10;
    std::vector<std::string> files;
    for (std::size_t i = 0; i < c.args.size(); ++i) {
        const auto& arg = c.args[i];
        std::string_view number;
        if (arg == "-n" && i + 1 < c.args.size())
            number = c.args[++i];
        else if (arg.size() > 1 && arg[0] == '-')
            number = std::string_view(arg).substr(arg.starts_with("-n") ? 2 : 1);
        else {
            files.push_back(arg);
            continue;
        }
        const auto n = text::parse_unsigned(number, UINT32_MAX);
        if (!n)
            return failure("tail: invalid number of lines: '" + std::string(number) + "'\n");
        count = std::size_t(*n);
    }
    auto input = filter_input(c, files, "tail");
    if (auto* error = std::get_if<command_result>(&input))
        return *error;
    const auto lines = lines_of(std::get<std::string>(input));
    std::string out;
    for (std::size_t i = lines.size() - std::min(count, lines.size()); i < lines.size(); ++i)
        out += lines[i];
    return {out};
}

// wc [-l|-w|-c]: one count when asked for one, else lines, words and bytes.
command_result wc(command_call& c) {
    std::string wanted;
    std::vector<std::string> files;
    for (const auto& arg : c.args) {
        if (arg == "-l" || arg == "-w" || arg == "-c")
            wanted += arg[1];
        else
            files.push_back(arg);
    }
    auto input = filter_input(c, files, "wc");
    if (auto* error = std::get_if<command_result>(&input))
        return *error;
    const auto& text = std::get<std::string>(input);
    const auto newlines = std::count(text.begin(), text.end(), '\n');
    std::size_t words = 0;
    bool in_word = false;
    for (const unsigned char ch : text) {
        const bool blank = std::isspace(ch) != 0;
        words += !blank && !in_word ? 1 : 0;
        in_word = !blank;
    }
    if (wanted.size() == 1) {
        const auto value = wanted == "l"   ? std::size_t(newlines)
                           : wanted == "w" ? words
                                           : text.size();
        return {std::to_string(value) + "\n"};
    }
    char counts[80];
    std::snprintf(counts, sizeof counts, "%7zu %7zu %7zu\n", std::size_t(newlines), words,
                  text.size());
    return {counts};
}

constexpr std::array<named_command, 4> commands{{
    {"grep", grep},
    {"head", head},
    {"tail", tail},
    {"wc", wc},
}};

} // namespace

std::span<const named_command> text_commands() {
    return commands;
}

} // namespace sim::linux_host
