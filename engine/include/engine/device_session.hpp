// One device's session for a job: connect, prepare the platform, run commands in order, and
// hand each result over as soon as it is there (so it can be written before the next runs).
//
//   auto report = co_await engine::run_device_session(plan, [&](const command_result& r) {
//       store.write_output(name, r.command, r.output, r.complete, r.duration);
//   });
//
// How commands run follows the platform driver: on exec channels where the platform allows
// them, else in one interactive shell (pty) driven by engine::shell_text: enable with the
// secret when the prompt shows user mode and a secret is given, the driver's paging-off
// commands, then each command, its answer taken at the next prompt.
//
// Errors are typed (engine::classify works on every one): connection and authentication
// errors in the report; device_timeout when the plan's whole-session deadline passed; per
// command: command_timeout, device_error (an error pattern matched, or a non-zero exit status
// on an exec channel), or the connection's error. After a failed command nothing more runs on
// the device; what arrived of it is kept (complete=false).
#pragma once

#include <engine/platform_driver.hpp>
#include <engine/session_log.hpp>
#include <ssh/asio/client.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace engine {

struct device_plan {
    ssh::asio::client_options connection;    // host, port, user, credentials, host keys, deadlines
    const platform_driver* driver = nullptr; // required
    std::optional<std::string> enable_secret;
    std::vector<std::string> commands;
    std::chrono::milliseconds command_timeout{60'000};
    // The whole session (connect to close, one attempt); 0: none. When it passes, what runs is
    // cancelled, the results so far are kept and the report says device_timeout.
    std::chrono::milliseconds device_timeout{0};
};

struct command_result {
    std::size_t index = 0;
    std::string command;
    std::string output; // exec: stdout then stderr; shell: cleaned, "\n" line ends
    bool complete = false;
    boost::system::error_code error;
    std::string message;
    std::chrono::milliseconds duration{0};
};

struct device_report {
    boost::system::error_code error; // the first failure: connection, preparation or command
    std::string message;
    std::map<std::string, std::int64_t> timings_ms; // "connect", "prepare", "commands", "total"
};

// `log`, when given, receives the session as it happens (engine/session_log.hpp).
boost::asio::awaitable<device_report>
run_device_session(const device_plan& plan, std::function<void(const command_result&)> on_command,
                   session_log* log);

} // namespace engine
