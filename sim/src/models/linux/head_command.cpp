#include "head_command.hpp"

#include "gnu_count.hpp"
#include "zero_fill.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <variant>

namespace sim::linux_host {
namespace {

constexpr std::string_view try_help = "Try 'head --help' for more information.\n";

struct head_options {
    bool bytes = false;        // -c: count bytes, else lines
    bool all_but_last = false; // the count was written "-N"
    std::uint64_t count = 10;
    int headers = 0; // -1 never (-q), 1 always (-v), 0 when there are several files
    std::vector<std::string> files;
};

// -c/-n's argument: the last one given decides both what is counted and how many.
std::optional<command_result> set_count(head_options& o, bool bytes, std::string_view value) {
    o.bytes = bytes;
    o.all_but_last = value.starts_with('-');
    if (o.all_but_last)
        value.remove_prefix(1);
    const auto parsed = parse_gnu_count(value);
    if (const auto* error = std::get_if<count_error>(&parsed))
        return failure(count_error_message("head", bytes ? "bytes" : "lines", value, *error));
    o.count = std::get<std::uint64_t>(parsed);
    return std::nullopt;
}

// --bytes=N, --lines N, --quiet, --silent, --verbose.
std::optional<command_result> long_option(head_options& o, const std::vector<std::string>& args,
                                          std::size_t& i) {
    const std::string_view arg = args[i];
    const auto equals = arg.find('=');
    const auto name = arg.substr(2, equals == std::string_view::npos ? arg.npos : equals - 2);
    if (name == "bytes" || name == "lines") {
        if (equals != std::string_view::npos)
            return set_count(o, name == "bytes", arg.substr(equals + 1));
        if (i + 1 < args.size())
            return set_count(o, name == "bytes", args[++i]);
        return failure("head: option '--" + std::string(name) + "' requires an argument\n" +
                       std::string(try_help));
    }
    if ((name == "quiet" || name == "silent" || name == "verbose") &&
        equals == std::string_view::npos) {
        o.headers = name == "verbose" ? 1 : -1;
        return std::nullopt;
    }
    return failure("head: unrecognized option '" + std::string(arg) + "'\n" +
                   std::string(try_help));
}

// Options anywhere among the files, as getopt permutes them; "--" ends them.
std::variant<head_options, command_result> parse(const std::vector<std::string>& args) {
    head_options o;
    bool options_ended = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        std::optional<command_result> error;
        if (options_ended || arg.size() < 2 || arg[0] != '-') {
            o.files.push_back(args[i]);
        } else if (arg == "--") {
            options_ended = true;
        } else if (arg.starts_with("--")) {
            error = long_option(o, args, i);
        } else if (arg[1] >= '0' && arg[1] <= '9') {
            error = set_count(o, false, arg.substr(1)); // the old "head -5"
        } else {
            for (std::size_t j = 1; j < arg.size() && !error; ++j) {
                const char flag = arg[j];
                if (flag == 'q' || flag == 'v') {
                    o.headers = flag == 'v' ? 1 : -1;
                } else if (flag == 'c' || flag == 'n') {
                    if (j + 1 < arg.size())
                        error = set_count(o, flag == 'c', arg.substr(j + 1));
                    else if (i + 1 < args.size())
                        error = set_count(o, flag == 'c', args[++i]);
                    else
                        error = failure(std::string("head: option requires an argument -- '") +
                                        flag + "'\n" + std::string(try_help));
                    break;
                } else {
                    error = failure(std::string("head: invalid option -- '") + flag + "'\n" +
                                    std::string(try_help));
                }
            }
        }
        if (error)
            return *error;
    }
    return o;
}

// How many bytes the first `lines` lines of `text` take.
std::size_t lines_length(std::string_view text, std::uint64_t lines) {
    std::size_t end = 0;
    for (std::uint64_t n = 0; n < lines && end < text.size(); ++n) {
        const auto newline = text.find('\n', end);
        end = newline == std::string_view::npos ? text.size() : newline + 1;
    }
    return end;
}

// What head prints of one file's contents.
std::string_view select(const head_options& o, std::string_view text) {
    if (o.bytes) {
        const auto kept = o.all_but_last
                              ? text.size() - std::min<std::uint64_t>(o.count, text.size())
                              : std::min<std::uint64_t>(o.count, text.size());
        return text.substr(0, static_cast<std::size_t>(kept));
    }
    if (!o.all_but_last)
        return text.substr(0, lines_length(text, o.count));
    // A last line without its newline still counts as a line.
    const auto lines = static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n')) +
                       (!text.empty() && !text.ends_with('\n') ? 1 : 0);
    return text.substr(0, lines_length(text, lines - std::min(o.count, lines)));
}

} // namespace

command_result head(command_call& c) {
    auto parsed = parse(c.args);
    if (auto* error = std::get_if<command_result>(&parsed))
        return *error;
    auto& o = std::get<head_options>(parsed);
    if (o.files.empty())
        o.files.push_back("-");
    const bool headers = o.headers > 0 || (o.headers == 0 && o.files.size() > 1);
    const auto& fs = c.shell.fs;
    command_result result;
    bool first = true;
    // Text after counted zeros builds them (zero_fill.hpp); when they are too many, head fails.
    const auto print = [&](std::string_view text) {
        return append_after_zeros(result.out, result.zero_fill, text);
    };
    for (const auto& file : o.files) {
        const bool standard_input = file == "-";
        const auto path = resolve_path(c.shell.cwd, file);
        if (!standard_input && (file.empty() || !fs.exists(path))) {
            result.err +=
                "head: cannot open '" + file + "' for reading: No such file or directory\n";
            result.status = 1;
            continue;
        }
        if (headers && !print(std::string(first ? "" : "\n") + "==> " +
                              (standard_input ? "standard input" : file) + " <==\n"))
            return failure(result.err + too_many_zeros("head", result.zero_fill));
        first = false;
        if (!standard_input && fs.endless(path) && o.bytes && !o.all_but_last) {
            if (o.count > max_streamed_zeros - result.zero_fill) {
                result.err += "head: " + file + ": the simulated host streams at most " +
                              std::to_string(max_streamed_zeros) + " bytes\n";
                result.status = 1;
                continue;
            }
            result.zero_fill += o.count; // counted, after the text printed so far
            continue;
        }
        const auto contents =
            standard_input ? std::optional<std::string>(c.input) : fs.read(path, c.now);
        if (!contents) {
            result.err += "head: error reading '" + file + "': " + fs.read_error(path) + "\n";
            result.status = 1;
        } else if (!print(select(o, *contents))) {
            return failure(result.err + too_many_zeros("head", result.zero_fill));
        }
    }
    return result;
}

} // namespace sim::linux_host
