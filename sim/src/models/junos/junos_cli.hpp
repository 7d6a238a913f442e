// A Junos CLI session: "user@host> " operational mode and "user@host# " configuration mode.
#pragma once

#include "junos_session.hpp"
#include "junos_state.hpp"

#include <sim/device_model.hpp>

#include <memory>

namespace sim::junos {

class junos_cli final : public cli_context {
public:
    // `interactive`: a login session, whose answers end in the blank line and "[edit]" banner
    // Junos prints before its prompt; an exec channel gets the bare answers.
    junos_cli(std::shared_ptr<junos_state> device, bool interactive);

    std::string greeting() override;
    std::string prompt() const override;
    command_output run(std::string_view line, sim_clock::time_point now) override;

    std::uint32_t page_lines(std::uint32_t terminal_rows) const override;
    std::string_view more_marker() const override { return "---(more)---"; }
    bool echoes(bool) const override { return true; }
    bool crlf(bool) const override { return true; }

private:
    junos_reply answer(std::string_view line, sim_clock::time_point now);
    std::string banner_before_prompt() const;

    std::shared_ptr<junos_state> device_;
    session session_;
    bool interactive_;
};

} // namespace sim::junos
