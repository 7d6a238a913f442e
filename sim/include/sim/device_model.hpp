// What a simulated device does, with no I/O: its command line, its exec channel and the state
// that commands change. The SSH side (sim/src/device_server) feeds it; tests call it directly
// to compute the exact bytes a device sends.
//
//   auto model = sim::make_device_model(profile, now);      // one per device, shared
//   auto cli = model->open_cli();                           // one per interactive session
//   auto out = cli->run("show version", now);               // text with "\n" line ends
//   auto r = model->exec("show ip interface brief", now);   // an exec channel
//
// Determinism: every byte follows from the profile (seed, name, platform, ...), the commands
// run so far on the device, and `now` — which only "show clock"-style output and timers
// (Junos commit confirmed) read. Facts (serial, addresses, uptime) come from
// sim::stable_random{profile.seed, profile.name, purpose}.
//
// State: configuration lives in the device_model and is shared by all its sessions: a change
// committed in one session shows in later show output of every session and exec channel.
// Modes (user / privileged / config, pager settings) belong to one cli_context.
//
// Threading: a model and its contexts are used from one thread (the fleet's io_context).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sim {

using sim_clock = std::chrono::steady_clock;

struct device_profile {
    std::string name;     // inventory name, e.g. "ios-0001"
    std::string platform; // "cisco_ios", "arista_eos", "juniper_junos", "linux"
    std::uint64_t seed = 0;
    std::string hostname; // shown in prompts and configs; may hold unusual characters (quirk)
    std::string username = "admin";
    std::string enable_secret = "enable"; // cisco_ios / arista_eos "enable"
    std::string motd;                     // shown when an interactive session starts; may be ""
};

// One command's answer in an interactive session.
struct command_output {
    std::string text;         // lines end in "\n"; the terminal converts line ends
    bool pageable = true;     // the pager applies when the context's paging is on
    bool end_session = false; // exit/logout/quit at the top level: the session ends after text
};

// One exec channel's answer (RFC 4254 §6.5).
struct exec_result {
    std::string out;
    std::string err;
    std::uint32_t exit_status = 0;
    // After out: this many zero bytes, produced as they are sent (a Linux host's
    // `head -c N /dev/zero`), so that large output costs no memory.
    std::uint64_t zero_fill = 0;
};

// One interactive session's state: mode, pager settings, the line being answered.
class cli_context {
public:
    virtual ~cli_context() = default;

    // Printed once when the session starts, before the first prompt (MOTD, last login, ...).
    virtual std::string greeting() = 0;
    // The prompt to show now, e.g. "ios-0001>", "ios-0001(config-if)#", "admin@junos-0001> ",
    // or "Password: " while the enable secret is asked for.
    virtual std::string prompt() const = 0;
    // One line as typed (no line terminator, backspaces already applied). May be empty.
    virtual command_output run(std::string_view line, sim_clock::time_point now) = 0;

    // Lines per page given the client's terminal rows (pty-req / window-change); 0 = no pager.
    virtual std::uint32_t page_lines(std::uint32_t terminal_rows) const = 0;
    // The pager's prompt, e.g. " --More-- " or "---(more)---".
    virtual std::string_view more_marker() const = 0;
    // Whether typed characters are echoed (not at a "Password:" prompt, and for a Linux shell
    // only with a pty), and whether "\n" is sent as "\r\n" (network devices always; Linux with
    // a pty, as the tty's onlcr does).
    virtual bool echoes(bool pty) const = 0;
    virtual bool crlf(bool pty) const = 0;
};

class device_model {
public:
    virtual ~device_model() = default;

    const device_profile& profile() const noexcept { return profile_; }

    virtual std::unique_ptr<cli_context> open_cli(sim_clock::time_point now) = 0;
    // An exec channel's command, run with full privileges and no pager or prompt. Several
    // lines (separated by "\n") run in order in one fresh context, outputs concatenated.
    virtual exec_result exec(std::string_view command, sim_clock::time_point now) = 0;

protected:
    explicit device_model(device_profile profile)
        : profile_(std::move(profile)) {}

private:
    device_profile profile_;
};

// The model for profile.platform; nullptr for a platform without one (cisco_nxos).
// `now` is the device's boot time for its clock.
std::unique_ptr<device_model> make_device_model(const device_profile& profile,
                                                sim_clock::time_point now);

bool has_device_model(std::string_view platform) noexcept;

// Per platform; make_device_model dispatches to these.
std::unique_ptr<device_model> make_cisco_ios(const device_profile& profile,
                                             sim_clock::time_point now);
std::unique_ptr<device_model> make_arista_eos(const device_profile& profile,
                                              sim_clock::time_point now);
std::unique_ptr<device_model> make_juniper_junos(const device_profile& profile,
                                                 sim_clock::time_point now);
std::unique_ptr<device_model> make_linux_host(const device_profile& profile,
                                              sim_clock::time_point now);

} // namespace sim
