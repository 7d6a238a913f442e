// One interactive session on an IOS-shaped device: its mode (user, privileged, config and
// the config sub-modes), the question it is asking (enable secret, copy destination), its
// terminal length, and the dispatch of each line to the command trees of its mode.
#pragma once

#include "models/ios_like/command_tree.hpp"

#include <sim/device_model.hpp>

#include <optional>
#include <string>
#include <variant>

namespace sim::ios_like {

class dialect;
class ios_like_device;

enum class cli_mode { user, privileged, global_config, interface_config, section_config };

class cli_session final : public cli_context {
public:
    cli_session(ios_like_device& device, cli_mode mode);

    std::string greeting() override;
    std::string prompt() const override;
    command_output run(std::string_view line, sim_clock::time_point now) override;
    std::uint32_t page_lines(std::uint32_t terminal_rows) const override;
    std::string_view more_marker() const override { return " --More-- "; }
    bool echoes(bool pty) const override;
    bool crlf(bool /*pty*/) const override { return true; }

    // For the command handlers.
    ios_like_device& device() noexcept { return device_; }
    const dialect& vendor() const noexcept;
    cli_mode mode() const noexcept { return mode_; }
    void set_mode(cli_mode mode) noexcept { mode_ = mode; }
    // Enters a configuration sub-mode for the section `header`; `tag` goes in the prompt.
    void enter_section(cli_mode mode, std::string header, std::string tag);
    const std::string& section_header() const noexcept { return section_header_; }
    void ask_enable_secret() noexcept { question_ = question::enable_secret; }
    void ask_copy_destination() noexcept { question_ = question::copy_destination; }
    void set_terminal_length(unsigned lines) noexcept { terminal_length_ = lines; }

    // The answer to the word at `offset` of the current line being invalid there.
    command_output invalid_at(std::size_t offset) const;
    command_output failed(const parse_failure& failure) const;
    // Runs the exec command that starts at `from` in the current line ("do show ...").
    command_output run_exec(std::size_t from, sim_clock::time_point now);

private:
    enum class question { none, enable_secret, copy_destination };

    command_output answer_question();
    command_output run_config(sim_clock::time_point now);
    std::variant<command_output, parse_failure> try_exec(std::size_t from,
                                                         sim_clock::time_point now);

    ios_like_device& device_;
    cli_mode mode_;
    question question_ = question::none;
    std::string section_header_;
    std::string section_tag_;
    unsigned terminal_length_ = 24;
    unsigned enable_failures_ = 0;
    std::string line_;             // the line being answered
    std::size_t prompt_width_ = 0; // of the prompt it was typed at
};

} // namespace sim::ios_like
