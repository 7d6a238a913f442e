// The Linux host model: a bash-like login shell and exec channel over a read-only host.
#include "linux_facts.hpp"
#include "models/common/calendar.hpp"
#include "shell_executor.hpp"
#include "virtual_fs.hpp"

#include <sim/device_model.hpp>
#include <sim/text.hpp>

#include <memory>

namespace sim {
namespace {

using namespace linux_host;

// What never changes on a simulated host: shells only read it.
struct host {
    device_profile profile;
    linux_facts facts;
    host_clock clock;
    virtual_fs fs;

    host(const device_profile& p, sim_clock::time_point now)
        : profile(p)
        , facts(make_linux_facts(p))
        , clock{now, facts.wall_at_start}
        , fs(profile, facts, clock) {}

    std::string home() const {
        return profile.username == "root" ? "/root" : "/home/" + profile.username;
    }
};

class login_shell final : public cli_context {
public:
    login_shell(std::shared_ptr<const host> machine, bool interactive)
        : host_(std::move(machine))
        , state_{host_->profile, host_->facts,  host_->fs,  host_->clock,
                 host_->home(),  host_->home(), interactive} {}

    std::string greeting() override {
        std::string motd = host_->profile.motd;
        if (!motd.empty() && motd.back() != '\n')
            motd += '\n';
        return motd + "Last login: " + models::ctime_text(host_->facts.last_login, false) +
               " from " + host_->facts.last_login_from + "\n";
    }

    // "admin@linux-0001:~$ ", "root@linux-0001:/etc# "
    std::string prompt() const override {
        std::string where = state_.cwd;
        if (where == state_.home)
            where = "~";
        else if (where.starts_with(state_.home + "/"))
            where = "~" + where.substr(state_.home.size());
        return host_->profile.username + "@" + host_->profile.hostname + ":" + where +
               (host_->profile.username == "root" ? "# " : "$ ");
    }

    // A terminal shows both streams; "exit" ends the session as a login shell does.
    command_output run(std::string_view line, sim_clock::time_point now) override {
        shell_output output;
        run_shell_line(state_, line, now, output);
        if (state_.exited)
            return {output.merged + "logout\n", false, true};
        return {std::move(output.merged), false, false};
    }

    exec_result run_all(std::string_view script, sim_clock::time_point now) {
        shell_output output;
        for (const auto line : text::split(script, '\n')) {
            run_shell_line(state_, line, now, output);
            if (state_.exited)
                break;
        }
        return {std::move(output.out), std::move(output.err), output.status, output.zero_fill};
    }

    std::uint32_t page_lines(std::uint32_t) const override { return 0; }
    std::string_view more_marker() const override { return ""; }
    // A shell echoes and translates line ends only through a pty's line discipline.
    bool echoes(bool pty) const override { return pty; }
    bool crlf(bool pty) const override { return pty; }

private:
    std::shared_ptr<const host> host_;
    shell_state state_;
};

class linux_device final : public device_model {
public:
    linux_device(const device_profile& profile, sim_clock::time_point now)
        : device_model(profile)
        , host_(std::make_shared<const host>(profile, now)) {}

    std::unique_ptr<cli_context> open_cli(sim_clock::time_point) override {
        return std::make_unique<login_shell>(host_, true);
    }

    // Like "bash -c": the lines run in order in one shell; the last status is the exit status.
    exec_result exec(std::string_view command, sim_clock::time_point now) override {
        return login_shell{host_, false}.run_all(command, now);
    }

private:
    std::shared_ptr<const host> host_;
};

} // namespace

std::unique_ptr<device_model> make_linux_host(const device_profile& profile,
                                              sim_clock::time_point now) {
    return std::make_unique<linux_device>(profile, now);
}

} // namespace sim
