#include "shell_executor.hpp"

#include "shell_parser.hpp"
#include "zero_fill.hpp"

#include <optional>

namespace sim::linux_host {
namespace {

std::string variable_value(const shell_state& shell, std::string_view name) {
    if (name == "?")
        return std::to_string(shell.last_status);
    if (name == "$")
        return std::to_string(shell.facts.last_pid + 1);
    if (name == "HOME")
        return shell.home;
    if (name == "USER" || name == "LOGNAME")
        return shell.profile.username;
    if (name == "HOSTNAME")
        return shell.profile.hostname;
    if (name == "PWD")
        return shell.cwd;
    if (name == "SHELL")
        return "/bin/bash";
    if (name == "PATH")
        return "/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games";
    if (name == "LANG")
        return "C.UTF-8";
    return "";
}

// Words after expansion; an unquoted word that expands to nothing disappears, as in bash.
std::vector<std::string> expand(const shell_state& shell, const std::vector<shell_word>& words) {
    std::vector<std::string> expanded;
    for (const auto& word : words) {
        std::string text;
        for (const auto& part : word.parts)
            text += part.variable ? variable_value(shell, part.text) : part.text;
        if (!text.empty() || word.quoted)
            expanded.push_back(std::move(text));
    }
    return expanded;
}

// "/usr/bin/uname" runs uname; any other directory holds nothing.
std::optional<std::string> program_name(const std::string& word) {
    const auto slash = word.find_last_of('/');
    if (slash == std::string::npos)
        return word;
    const auto directory = word.substr(0, slash);
    if (directory == "/bin" || directory == "/usr/bin" || directory == "/sbin" ||
        directory == "/usr/sbin")
        return word.substr(slash + 1);
    return std::nullopt;
}

enum class sink { out, err, discard };

struct stage_output {
    std::string out; // what goes down the pipe, or to the terminal from the last stage
    std::string err;
    std::uint32_t status = 0;
    std::uint64_t zero_fill = 0; // after out, when `streams` (run_simple)
    bool unbuilt = false;        // its zeros were too many to build: the pipeline stops
};

// Runs one command with its redirections applied. `streams`: its standard output is the exec
// channel's, so counted zeros may stay counted; anywhere else they are built, or it fails.
stage_output run_simple(shell_state& shell, const simple_command& command, std::string_view input,
                        sim_clock::time_point now, bool streams) {
    sink stdout_to = sink::out, stderr_to = sink::err;
    std::string redirected_input;
    bool input_redirected = false;
    for (const auto& r : command.redirections) {
        sink& target = r.fd == 2 ? stderr_to : stdout_to;
        if (r.target == "&1" || r.target == "&2") {
            target = r.target == "&1" ? stdout_to : stderr_to;
        } else if (r.fd == 0) {
            const auto path = resolve_path(shell.cwd, r.target);
            auto contents = shell.fs.read(path, now); // "< /dev/zero" is refused, as by cat
            if (!contents)
                return {"", "bash: " + r.target + ": " + shell.fs.read_error(path) + "\n", 1};
            redirected_input = std::move(*contents);
            input_redirected = true;
        } else if (r.target == "/dev/null") {
            target = sink::discard;
        } else {
            return {"", "bash: " + r.target + ": Read-only file system\n", 1};
        }
    }

    const auto words = expand(shell, command.words);
    if (words.empty())
        return {};
    command_result result;
    const auto name = program_name(words[0]);
    const command_function run = name ? find_command(*name) : nullptr;
    if (run == nullptr) {
        result = failure("bash: " + words[0] +
                             (name ? ": command not found\n" : ": No such file or directory\n"),
                         127);
    } else {
        command_call call{shell,
                          {words.begin() + 1, words.end()},
                          input_redirected ? std::string_view(redirected_input) : input,
                          now};
        result = run(call);
    }
    if (stdout_to == sink::discard)
        result.zero_fill = 0;
    const bool unbuilt = result.zero_fill > 0 && !(streams && stdout_to == sink::out) &&
                         !build_zeros(result.out, result.zero_fill);
    if (unbuilt)
        result = failure(result.err + too_many_zeros(words[0], result.zero_fill));
    stage_output routed{"", "", result.status, result.zero_fill, unbuilt};
    const auto route = [&](std::string text, sink to) {
        if (to == sink::out)
            routed.out += text;
        else if (to == sink::err)
            routed.err += text;
    };
    route(std::move(result.out), stdout_to);
    route(std::move(result.err), stderr_to);
    return routed;
}

// The stages run in order, each one's output the next one's input.
void run_pipeline(shell_state& shell, const pipeline& stages, sim_clock::time_point now,
                  shell_output& output) {
    std::string piped;
    stage_output last;
    // A stage whose zeros could not be built ends the pipeline, failed: the next stage would
    // answer for input it never had (wc -c: 0).
    for (std::size_t i = 0; i < stages.size() && !last.unbuilt; ++i) {
        last =
            run_simple(shell, stages[i], piped, now, i + 1 == stages.size() && !shell.interactive);
        output.err += last.err;
        output.merged += last.err;
        piped = std::move(last.out);
    }
    // Output after counted zeros builds them: too many, and this pipeline fails instead.
    if (!append_after_zeros(output.out, output.zero_fill, piped)) {
        const auto message = too_many_zeros("bash", output.zero_fill);
        output.err += message;
        output.merged += message;
        last.status = 1;
    } else {
        output.merged += piped;
        output.zero_fill += last.zero_fill;
    }
    shell.last_status = last.status;
}

} // namespace

void run_shell_line(shell_state& shell, std::string_view line, sim_clock::time_point now,
                    shell_output& output) {
    auto parsed = parse_shell(line);
    if (const auto* error = std::get_if<syntax_error>(&parsed)) {
        const auto message = "bash: " + error->message + "\n";
        output.err += message;
        output.merged += message;
        shell.last_status = 2;
    } else {
        for (const auto& item : std::get<std::vector<list_item>>(parsed)) {
            const bool succeeded = shell.last_status == 0;
            if ((item.condition == run_condition::if_succeeded && !succeeded) ||
                (item.condition == run_condition::if_failed && succeeded))
                continue;
            run_pipeline(shell, item.commands, now, output);
            if (shell.exited)
                break;
        }
    }
    output.status = shell.last_status;
}

} // namespace sim::linux_host
