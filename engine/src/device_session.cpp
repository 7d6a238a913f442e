#include <engine/device_error.hpp>
#include <engine/device_session.hpp>
#include <engine/shell_text.hpp>
#include <ssh/asio/errc.hpp>

#include <boost/asio/this_coro.hpp>

namespace engine {
namespace net = boost::asio;
using clock = std::chrono::steady_clock;

namespace {

std::int64_t ms_since(clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start).count();
}

struct read_outcome {
    ssh::asio::error_info error;
    shell_answer answer;
};

// Reads until the shell text processor sees the prompt, answering the pager on the way.
net::awaitable<read_outcome> read_answer(ssh::asio::shell_channel& shell, shell_text& text,
                                         std::chrono::milliseconds timeout) {
    const auto deadline = clock::now() + timeout;
    read_outcome out;
    // Each pass takes what arrived (at least one byte) or ends on an error: bounded by the
    // output and the deadline.
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
        if (left.count() <= 0) {
            out.error = {make_error_code(ssh::asio::errc::command_timeout), "no prompt in time"};
            co_return out;
        }
        auto signal = shell_signal::need_more;
        auto r = co_await shell.read_until(
            [&](std::string_view arrived) -> std::optional<std::size_t> {
                if (arrived.empty())
                    return std::nullopt;
                signal = text.feed(arrived); // each byte is fed once: all of it is taken
                return arrived.size();
            },
            left);
        if (r.error) {
            if (!r.text.empty())
                text.feed(r.text);
            out.error = r.error;
            co_return out;
        }
        if (signal == shell_signal::prompt) {
            out.answer = text.take_answer();
            co_return out;
        }
        if (signal == shell_signal::send_space)
            if (auto e = co_await shell.send(" "))
                co_return read_outcome{e, {}};
    }
}

struct shell_session {
    ssh::asio::shell_channel& shell;
    shell_text text;
    const device_plan& plan;

    net::awaitable<read_outcome> run(std::string_view line, bool echoed,
                                     std::chrono::milliseconds timeout) {
        text.begin_command(line, echoed);
        if (auto e = co_await shell.send(std::string(line) + plan.driver->line_ending))
            co_return read_outcome{e, {}};
        co_return co_await read_answer(shell, text, timeout);
    }

    // Enable (when the prompt shows user mode and there is a secret), then paging off.
    net::awaitable<ssh::asio::error_info> prepare() {
        auto greeting = co_await read_answer(shell, text, plan.command_timeout);
        if (greeting.error)
            co_return greeting.error;
        const auto& d = *plan.driver;
        if (text.mode() == cli_mode::user && !d.enable_command.empty() && plan.enable_secret) {
            auto asked = co_await run(d.enable_command, true, plan.command_timeout);
            if (asked.error)
                co_return asked.error;
            if (text.mode() == cli_mode::password) {
                auto r = co_await run(*plan.enable_secret, false, plan.command_timeout);
                if (r.error)
                    co_return r.error;
            }
            if (text.mode() != cli_mode::privileged)
                co_return ssh::asio::error_info{
                    make_error_code(device_errc::device_error),
                    "enable failed: the prompt shows no privileged mode"};
        }
        for (const auto& command : d.paging_off) {
            auto r = co_await run(command, true, plan.command_timeout);
            if (r.error)
                co_return r.error;
        }
        co_return ssh::asio::error_info{};
    }
};

command_result from_shell(std::size_t index, const std::string& command, read_outcome r,
                          clock::time_point start) {
    command_result out{index,
                       command,
                       std::move(r.answer.output),
                       !r.error,
                       r.error.code,
                       r.error.message,
                       std::chrono::milliseconds(ms_since(start))};
    if (!r.error && r.answer.device_error) {
        out.error = make_error_code(device_errc::device_error);
        out.message = "the device reported an error (matched " + *r.answer.device_error + ")";
    }
    return out;
}

command_result from_exec(std::size_t index, const std::string& command, ssh::asio::exec_result r,
                         clock::time_point start) {
    command_result out{index,
                       command,
                       std::move(r.out) + r.err,
                       !r.error,
                       r.error.code,
                       r.error.message,
                       std::chrono::milliseconds(ms_since(start))};
    if (!r.error && r.exit_status.value_or(0) != 0) {
        out.error = make_error_code(device_errc::device_error);
        out.message = "exit status " + std::to_string(*r.exit_status);
    }
    return out;
}

} // namespace

net::awaitable<device_report>
run_device_session(const device_plan& plan, std::function<void(const command_result&)> on_command) {
    device_report report;
    const auto start = clock::now();
    const auto fail = [&](boost::system::error_code ec, std::string message) {
        if (!report.error) {
            report.error = ec;
            report.message = std::move(message);
        }
    };
    auto [client, err] =
        co_await ssh::asio::client::connect(co_await net::this_coro::executor, plan.connection);
    report.timings_ms["connect"] = ms_since(start);
    if (!client) {
        fail(err.code, err.message);
        report.timings_ms["total"] = ms_since(start);
        co_return report;
    }
    const auto commands_start = clock::now();
    if (plan.driver->exec_channels) {
        for (std::size_t i = 0; i < plan.commands.size() && !report.error; ++i) {
            ssh::asio::exec_options o;
            o.timeout = plan.command_timeout;
            const auto t = clock::now();
            auto result =
                from_exec(i, plan.commands[i], co_await client->exec(plan.commands[i], o), t);
            on_command(result);
            if (result.error)
                fail(result.error, plan.commands[i] + ": " + result.message);
        }
    } else {
        auto opened = co_await client->open_shell();
        if (!opened.shell) {
            fail(opened.error.code, opened.error.message);
        } else {
            shell_session session{*opened.shell, shell_text(*plan.driver), plan};
            if (auto e = co_await session.prepare())
                fail(e.code, "preparing the shell: " + e.message);
            report.timings_ms["prepare"] = ms_since(commands_start);
            for (std::size_t i = 0; i < plan.commands.size() && !report.error; ++i) {
                const auto t = clock::now();
                auto result = from_shell(
                    i, plan.commands[i],
                    co_await session.run(plan.commands[i], true, plan.command_timeout), t);
                on_command(result);
                if (result.error)
                    fail(result.error, plan.commands[i] + ": " + result.message);
            }
        }
    }
    report.timings_ms["commands"] = ms_since(commands_start);
    client->close();
    report.timings_ms["total"] = ms_since(start);
    co_return report;
}

} // namespace engine
