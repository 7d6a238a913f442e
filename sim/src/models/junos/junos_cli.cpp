#include "junos_cli.hpp"

#include "configuration_commands.hpp"
#include "operational_commands.hpp"
#include "output_pipes.hpp"

#include <algorithm>

namespace sim::junos {

junos_cli::junos_cli(std::shared_ptr<junos_state> device, bool interactive)
    : device_(std::move(device))
    , session_{*device_, std::nullopt, std::nullopt, 80}
    , interactive_(interactive) {}

std::string junos_cli::greeting() {
    std::string motd = device_->profile().motd;
    if (!motd.empty() && motd.back() != '\n')
        motd += '\n';
    const auto& facts = device_->facts();
    return motd + "--- JUNOS " + facts.version + " built " + facts.build_date + "\n";
}

std::string junos_cli::prompt() const {
    return device_->profile().username + "@" + device_->hostname() +
           (session_.config ? "# " : "> ");
}

std::uint32_t junos_cli::page_lines(std::uint32_t terminal_rows) const {
    return session_.screen_length.value_or(terminal_rows);
}

command_output junos_cli::run(std::string_view line, sim_clock::time_point now) {
    device_->settle(now);
    const std::size_t prompt_width = prompt().size();
    auto reply = answer(line, now);
    std::string text = std::move(reply.text);
    if (reply.caret)
        text = std::string(prompt_width + *reply.caret, ' ') + "^\n" + text;
    if (interactive_ && !reply.end_session) {
        // Junos separates an answer from the next prompt with a blank line, and shows the
        // edit level above every configuration-mode prompt.
        const bool answered = !reply.caret && line.find_first_not_of(" \t") != line.npos;
        if (session_.config)
            text += "\n" + banner_before_prompt();
        else if (answered)
            text += "\n";
    }
    return {std::move(text), reply.pageable, reply.end_session};
}

junos_reply junos_cli::answer(std::string_view line, sim_clock::time_point now) {
    const auto words = tokenize(line);
    if (words.empty())
        return {};
    const auto first_pipe = std::find_if(words.begin(), words.end(), is_pipe);
    const std::span<const token> command(words.begin(), first_pipe);
    auto pipes = parse_pipes(std::span<const token>(first_pipe, words.end()), line.size());
    if (const auto* error = std::get_if<command_error>(&pipes))
        return caret_error(error->offset, error->message);
    const auto& wanted = std::get<output_pipes>(pipes);

    command_call call{session_, {}, now, wanted.display, line.size()};
    auto reply =
        session_.config ? run_configuration(call, command) : run_operational(call, command);
    if (!reply.caret)
        reply.text = apply_filters(std::move(reply.text), wanted.filters);
    reply.pageable = !wanted.no_more;
    return reply;
}

std::string junos_cli::banner_before_prompt() const {
    const auto& level = session_.config->level;
    return level.empty() ? "[edit]\n" : "[edit " + path_text(level) + "]\n";
}

} // namespace sim::junos
