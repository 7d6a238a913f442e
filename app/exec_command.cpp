#include "exec_command.hpp"

#include "terminal_prompt.hpp"
#include <pwd.h>
#include <unistd.h>

#include <ssh/asio/client.hpp>
#include <ssh/asio/openssh_options.hpp>
#include <ssh/crypto/errc.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

namespace app {
namespace {

namespace net = boost::asio;

// ssh's exit code for a connection or authentication failure.
constexpr int connection_failed = 255;

struct exec_args {
    std::string destination;
    std::vector<std::string> command;
    std::uint16_t port = 0;
    std::vector<std::string> identity_files;
    std::vector<std::string> options;
};

std::string current_user() {
    if (const passwd* pw = ::getpwuid(::geteuid()))
        return pw->pw_name;
    return "root";
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

// Loads each key, asking for a passphrase (FLEETSH_PASSPHRASE or the terminal) when needed.
// Default keys that are missing are skipped silently, as ssh does.
bool load_keys(const std::vector<std::string>& files, bool explicit_files,
               ssh::asio::client_options& options) {
    for (const auto& file : files) {
        if (!explicit_files && !std::filesystem::exists(file))
            continue;
        boost::system::error_code ec;
        std::string hint;
        auto key = ssh::crypto::load_private_key_file(file, std::nullopt, ec, &hint);
        if (ec == ssh::crypto::errc::passphrase_required) {
            std::optional<std::string> pass;
            if (const char* env = std::getenv("FLEETSH_PASSPHRASE"))
                pass = env;
            else
                pass = ask_terminal("Enter passphrase for key '" + file + "': ", true);
            if (pass) {
                ec = {};
                key = ssh::crypto::load_private_key_file(file, std::string_view(*pass), ec, &hint);
            }
        }
        if (!key) {
            fmt::print(stderr, "fleetsh: cannot load key {}: {}{}\n", file, ec.message(),
                       hint.empty() ? "" : " (" + hint + ")");
            if (explicit_files)
                return false;
            continue;
        }
        options.keys.push_back(std::make_shared<const ssh::crypto::private_key>(std::move(*key)));
    }
    return true;
}

int run_exec(const exec_args& args) {
    ssh::asio::client_options options;
    ssh::asio::openssh_settings settings;
    for (const auto& o : args.options) {
        std::string error;
        if (!ssh::asio::apply_openssh_option(options, settings, o, error)) {
            fmt::print(stderr, "fleetsh: -o {}: {}\n", o, error);
            return 2;
        }
    }
    // [user@]host; an explicit -p wins over -o Port, as in ssh.
    const auto at = args.destination.rfind('@');
    options.host = at == std::string::npos ? args.destination : args.destination.substr(at + 1);
    if (at != std::string::npos)
        options.user = args.destination.substr(0, at);
    if (options.user.empty())
        options.user = current_user();
    if (args.port != 0)
        options.port = args.port;

    const bool explicit_keys = !args.identity_files.empty() || !settings.identity_files.empty();
    auto files = args.identity_files;
    files.insert(files.end(), settings.identity_files.begin(), settings.identity_files.end());
    if (!explicit_keys)
        for (const char* name : {"id_ed25519", "id_ecdsa", "id_rsa"})
            files.push_back(ssh::asio::expand_home(std::string("~/.ssh/") + name));
    if (!load_keys(files, explicit_keys, options))
        return connection_failed;

    if (const char* pw = std::getenv("FLEETSH_PASSWORD")) {
        options.password = pw;
    } else if (!settings.batch_mode && options.keys.empty()) {
        options.password = ask_terminal(options.user + "@" + options.host + "'s password: ", true);
    }
    options.on_banner = [](std::string_view text) { fmt::print(stderr, "{}", text); };
    options.verify_host_key = ssh::asio::make_verifier(settings, [](std::string_view question) {
        const auto answer = ask_terminal(std::string(question) + " (yes/no) ", false);
        return answer && *answer == "yes";
    });

    net::io_context io;
    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int) {
        if (!ec)
            io.stop(); // Ctrl-C: stop at once, as ssh does
    });
    int status = connection_failed;
    const std::string command = join(args.command);
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
            auto [client, err] = co_await ssh::asio::client::connect(io.get_executor(), options);
            if (!client) {
                fmt::print(stderr, "fleetsh: {}\n", err.message);
                signals.cancel();
                co_return;
            }
            ssh::asio::exec_options eo;
            eo.timeout = std::chrono::hours(24 * 365); // a person stops it with Ctrl-C
            eo.on_output = [](ssh::connection::data_stream s, std::string_view text) {
                std::FILE* f = s == ssh::connection::data_stream::out ? stdout : stderr;
                std::fwrite(text.data(), 1, text.size(), f);
                std::fflush(f);
            };
            const auto r = co_await client->exec(command, eo);
            client->close();
            signals.cancel();
            if (r.error) {
                fmt::print(stderr, "fleetsh: {}\n", r.error.message);
            } else if (r.exit_signal) {
                fmt::print(stderr, "fleetsh: remote command killed by signal {}\n", *r.exit_signal);
            } else if (r.exit_status) {
                status = static_cast<int>(*r.exit_status);
            }
        },
        net::detached);
    io.run();
    return status;
}

} // namespace

void add_exec_command(CLI::App& root, int& exit_code) {
    auto args = std::make_shared<exec_args>();
    auto* cmd = root.add_subcommand("exec", "Run one command on one host over SSH, like ssh(1)");
    cmd->add_option("-p,--port", args->port, "Port to connect to")->check(CLI::Range(1, 65535));
    cmd->add_option("-i,--identity", args->identity_files, "Private key file (repeatable)");
    cmd->add_option("-o", args->options,
                    "OpenSSH option, e.g. -o StrictHostKeyChecking=accept-new (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("destination", args->destination, "[user@]host")->required();
    cmd->add_option("command", args->command, "Command to run")->required();
    cmd->footer("Put -- before a command whose words start with a dash. The password comes from "
                "FLEETSH_PASSWORD or the terminal. Exit status: the "
                "remote command's, or 255 when the connection or authentication failed.");
    cmd->callback([args, &exit_code] { exit_code = run_exec(*args); });
}

} // namespace app
