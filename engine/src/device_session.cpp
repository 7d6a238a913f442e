#include <engine/device_error.hpp>
#include <engine/device_session.hpp>
#include <engine/error_patterns.hpp>
#include <engine/shell_text.hpp>
#include <ssh/asio/errc.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

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
                                         std::chrono::milliseconds timeout, session_log* log) {
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
                if (log)
                    log->received(arrived);
                return arrived.size();
            },
            left);
        if (r.error) {
            if (!r.text.empty()) {
                text.feed(r.text);
                if (log)
                    log->received(r.text);
            }
            out.error = r.error;
            co_return out;
        }
        if (signal == shell_signal::prompt) {
            out.answer = text.take_answer();
            co_return out;
        }
        if (signal == shell_signal::send_space) {
            if (log)
                log->sent(" ");
            if (auto e = co_await shell.send(" "))
                co_return read_outcome{e, {}};
        }
    }
}

struct shell_session {
    ssh::asio::shell_channel& shell;
    shell_text text;
    const device_plan& plan;
    session_log* log;

    net::awaitable<read_outcome> run(std::string_view line, bool echoed,
                                     std::chrono::milliseconds timeout) {
        text.begin_command(line, echoed);
        if (log && echoed)
            log->sent(line);
        else if (log)
            log->secret_sent(); // what is typed without echo is a secret
        if (auto e = co_await shell.send(std::string(line) + plan.driver->line_ending))
            co_return read_outcome{e, {}};
        co_return co_await read_answer(shell, text, timeout, log);
    }

    // Enable (when the prompt shows user mode and there is a secret), then paging off.
    net::awaitable<ssh::asio::error_info> prepare() {
        auto greeting = co_await read_answer(shell, text, plan.command_timeout, log);
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
                         clock::time_point start, const error_patterns& errors) {
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
    } else if (!r.error) {
        // Network OSes answer a bad command on an exec channel with exit status 0 and their
        // usual error text.
        if (auto matched = errors.first_match(out.output)) {
            out.error = make_error_code(device_errc::device_error);
            out.message = "the device reported an error (matched " + *matched + ")";
        }
    }
    return out;
}

net::awaitable<device_report> run_session(const device_plan& plan,
                                          std::function<void(const command_result&)> on_command,
                                          session_log* log) {
    device_report report;
    const auto start = clock::now();
    const auto fail = [&](boost::system::error_code ec, std::string message) {
        if (log)
            log->event("error: " + message);
        if (!report.error) {
            report.error = ec;
            report.message = std::move(message);
        }
    };
    if (log)
        log->event("connecting to " + plan.connection.host + " port " +
                   std::to_string(plan.connection.port) + " as " + plan.connection.user);
    auto [client, err] =
        co_await ssh::asio::client::connect(co_await net::this_coro::executor, plan.connection);
    report.timings_ms["connect"] = ms_since(start);
    if (!client) {
        fail(err.code, err.message);
        report.timings_ms["total"] = ms_since(start);
        co_return report;
    }
    if (log)
        log->event("connected and authenticated in " +
                   std::to_string(report.timings_ms["connect"]) + " ms");
    const auto commands_start = clock::now();
    if (plan.driver->exec_channels) {
        const auto errors = error_patterns::shared(plan.driver->error_patterns);
        for (std::size_t i = 0; i < plan.commands.size() && !report.error; ++i) {
            ssh::asio::exec_options o;
            o.timeout = plan.command_timeout;
            const auto t = clock::now();
            if (log)
                log->event("exec: " + plan.commands[i]);
            auto exec = co_await client->exec(plan.commands[i], o);
            if (log) {
                log->received(exec.out);
                log->received(exec.err);
                if (exec.exit_status)
                    log->event("exit status " + std::to_string(*exec.exit_status));
            }
            auto result = from_exec(i, plan.commands[i], std::move(exec), t, *errors);
            on_command(result);
            if (result.error)
                fail(result.error, plan.commands[i] + ": " + result.message);
        }
    } else {
        auto opened = co_await client->open_shell();
        if (!opened.shell) {
            fail(opened.error.code, opened.error.message);
        } else {
            if (log)
                log->event("shell opened");
            shell_session session{*opened.shell, shell_text(*plan.driver), plan, log};
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
    if (log)
        log->event("closed after " + std::to_string(report.timings_ms["total"]) + " ms");
    co_return report;
}

} // namespace

net::awaitable<device_report>
run_device_session(const device_plan& plan, std::function<void(const command_result&)> on_command,
                   session_log* log) {
    if (plan.device_timeout.count() <= 0)
        co_return co_await run_session(plan, std::move(on_command), log);
    // The session runs as a child whose cancellation slot we own: the deadline cancels it, and
    // so does a cancellation of our caller (the fleet runner's stop), forwarded below.
    const auto ex = co_await net::this_coro::executor;
    auto cancel = std::make_shared<net::cancellation_signal>();
    auto expired = std::make_shared<bool>(false);
    net::steady_timer deadline(ex, plan.device_timeout);
    deadline.async_wait([cancel, expired](boost::system::error_code ec) {
        if (ec)
            return;
        *expired = true;
        cancel->emit(net::cancellation_type::terminal);
    });
    auto outer = co_await net::this_coro::cancellation_state;
    const bool forwarded = outer.slot().is_connected(); // the caller may cancel us at all
    if (forwarded)
        outer.slot().assign([cancel](net::cancellation_type type) { cancel->emit(type); });
    auto [failure, report] = co_await net::co_spawn(
        ex, run_session(plan, std::move(on_command), log),
        net::bind_cancellation_slot(cancel->slot(), net::as_tuple(net::use_awaitable)));
    if (forwarded)
        outer.slot().clear();
    deadline.cancel();
    if (failure)
        std::rethrow_exception(failure);
    if (*expired) {
        if (log)
            log->event("the whole-device deadline passed");
        report.error = make_error_code(device_errc::device_timeout);
        report.message = "the whole-device deadline (" +
                         std::to_string(plan.device_timeout.count()) + " ms) passed" +
                         (report.message.empty() ? "" : "; " + report.message);
    }
    co_return report;
}

} // namespace engine
