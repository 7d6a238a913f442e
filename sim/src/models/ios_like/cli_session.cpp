#include "models/ios_like/cli_session.hpp"

#include "models/ios_like/commands.hpp"
#include "models/ios_like/dialect.hpp"
#include "models/ios_like/ios_like_device.hpp"
#include "models/ios_like/output_filters.hpp"

#include <utility>
#include <vector>

namespace sim::ios_like {
namespace {

constexpr std::string_view unconverted = "% This is an unconverted command\n";

// One place a configuration line may belong, tried in order (see run_config).
struct config_step {
    const command_tree* tree; // nullptr: the exec commands, where the dialect allows them
    bool leaves_sub_mode;     // a global command typed in a sub-mode returns to global config
};

std::vector<config_step> config_steps(cli_mode mode, bool exec_in_config) {
    std::vector<config_step> steps;
    if (mode == cli_mode::interface_config) {
        steps.push_back({&interface_config_commands(), false});
    } else if (mode == cli_mode::section_config) {
        steps.push_back({&section_control_commands(), false});
    }
    steps.push_back({&global_config_commands(), mode != cli_mode::global_config});
    if (exec_in_config) {
        steps.push_back({nullptr, false});
    }
    if (mode == cli_mode::section_config) {
        steps.push_back({&section_body_commands(), false});
    }
    return steps;
}

bool worth_another_step(const parse_failure& failure) {
    return failure.status == parse_status::invalid ||
           failure.status == parse_status::privileged_required;
}

} // namespace

cli_session::cli_session(ios_like_device& device, cli_mode mode)
    : device_(device)
    , mode_(mode) {}

const dialect& cli_session::vendor() const noexcept {
    return device_.vendor();
}

std::string cli_session::greeting() {
    const std::string& motd = device_.profile().motd;
    if (motd.empty()) {
        return {};
    }
    return motd + (motd.ends_with('\n') ? "\n" : "\n\n");
}

std::string cli_session::prompt() const {
    switch (question_) {
    case question::enable_secret:
        return "Password: ";
    case question::copy_destination:
        return std::string(vendor().conventions().copy_question);
    case question::none:
        break;
    }
    const std::string host = device_.hostname();
    switch (mode_) {
    case cli_mode::user:
        return host + ">";
    case cli_mode::privileged:
        return host + "#";
    case cli_mode::global_config:
        return host + "(config)#";
    default:
        return host + "(" + section_tag_ + ")#";
    }
}

std::uint32_t cli_session::page_lines(std::uint32_t /*terminal_rows*/) const {
    return terminal_length_; // "terminal length" decides, as on the devices, not the window
}

bool cli_session::echoes(bool /*pty*/) const {
    return question_ != question::enable_secret;
}

void cli_session::enter_section(cli_mode mode, std::string header, std::string tag) {
    mode_ = mode;
    section_header_ = std::move(header);
    section_tag_ = std::move(tag);
}

command_output cli_session::run(std::string_view line, sim_clock::time_point now) {
    prompt_width_ = prompt().size();
    line_ = std::string(line);
    if (question_ != question::none) {
        return answer_question();
    }
    if (tokenize(line_, 0, line_.size()).empty()) {
        return {"", false, false};
    }
    if (mode_ == cli_mode::user || mode_ == cli_mode::privileged) {
        return run_exec(0, now);
    }
    return run_config(now);
}

command_output cli_session::answer_question() {
    const question asked = std::exchange(question_, question::none);
    if (asked == question::enable_secret) {
        if (line_ == device_.profile().enable_secret) {
            enable_failures_ = 0;
            mode_ = cli_mode::privileged;
            return {"", false, false};
        }
        return {vendor().access_denied(++enable_failures_), false, false};
    }
    if (!line_.empty() && line_ != "startup-config") {
        return {"%Error opening " + line_ + " (Permission denied)\n", false, false};
    }
    device_.save();
    return {std::string(vendor().conventions().saved), false, false};
}

command_output cli_session::run_exec(std::size_t from, sim_clock::time_point now) {
    auto result = try_exec(from, now);
    if (const auto* failure = std::get_if<parse_failure>(&result)) {
        return failed(*failure);
    }
    return std::get<command_output>(std::move(result));
}

std::variant<command_output, parse_failure> cli_session::try_exec(std::size_t from,
                                                                  sim_clock::time_point now) {
    const auto pipe = line_.find('|', from);
    const auto tokens = tokenize(line_, from, pipe);
    if (tokens.empty()) {
        return parse_failure{parse_status::invalid, pipe == std::string::npos ? from : pipe};
    }
    const bool privileged = mode_ != cli_mode::user;
    auto parsed = exec_commands().parse(tokens, privileged);
    if (auto* failure = std::get_if<parse_failure>(&parsed)) {
        return *failure;
    }
    output_filter filter;
    if (pipe != std::string::npos) {
        auto parsed_filter = parse_output_filter(line_, pipe, vendor().conventions().json_pipe);
        if (auto* failure = std::get_if<parse_failure>(&parsed_filter)) {
            return *failure;
        }
        filter = std::get<output_filter>(std::move(parsed_filter));
    }
    const auto& command = std::get<parsed_command>(parsed);
    const bool json = filter.kind == filter_kind::json;
    if (json && !command.flags.json) {
        return command_output{std::string(unconverted), false, false};
    }
    command_output answer = (*command.handler)(invocation{*this, command, now, json});
    answer.text = filter.apply(answer.text);
    return answer;
}

command_output cli_session::run_config(sim_clock::time_point now) {
    const auto tokens = tokenize(line_, 0, line_.size());
    std::optional<parse_failure> reported;
    for (const auto& step : config_steps(mode_, vendor().conventions().exec_commands_in_config)) {
        if (step.tree == nullptr) {
            auto result = try_exec(0, now);
            if (auto* answer = std::get_if<command_output>(&result)) {
                return std::move(*answer);
            }
            continue; // the configuration trees' failure says more
        }
        auto parsed = step.tree->parse(tokens, true);
        if (const auto* failure = std::get_if<parse_failure>(&parsed)) {
            // An ambiguous or incomplete command was meant for this mode; otherwise the word
            // that got furthest tells where the line went wrong.
            if (!worth_another_step(*failure)) {
                reported = *failure;
                break;
            }
            if (!reported || failure->offset > reported->offset) {
                reported = *failure;
            }
            continue;
        }
        if (step.leaves_sub_mode) {
            mode_ = cli_mode::global_config;
        }
        const auto& command = std::get<parsed_command>(parsed);
        return (*command.handler)(invocation{*this, command, now, false});
    }
    return failed(*reported);
}

command_output cli_session::invalid_at(std::size_t offset) const {
    return failed(parse_failure{parse_status::invalid, offset});
}

command_output cli_session::failed(const parse_failure& failure) const {
    return {vendor().parse_error(failure, prompt_width_ + failure.offset, line_), true, false};
}

} // namespace sim::ios_like
