#pragma once
// The coroutine client: connect (TCP, key exchange, host key check, authentication), then
// run commands over exec channels or drive an interactive shell, many at once over one
// connection.
//
// Threading: a client lives on one executor, which must not run its handlers concurrently
// (an io_context run by one thread, or a strand). Every operation has a deadline; every
// operation can also be cancelled through Asio's per-operation cancellation (for example
// `co_await (c->exec(...) || timer.async_wait(...))`).
//
//     auto [c, err] = co_await client::connect(executor, options);
//     if (err) report(err.message);
//     auto r = co_await c->exec("show version", {.timeout = 30s});
//     if (!r.error) print(r.out, r.exit_status);

#include <ssh/asio/client_options.hpp>
#include <ssh/connection/events.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ssh::asio {

// An error a person can act on: the code says what kind, the message the particulars (which
// algorithms, which known_hosts line, which methods were tried).
struct error_info {
    boost::system::error_code code;
    std::string message;
    explicit operator bool() const noexcept { return static_cast<bool>(code); }
};

struct exec_options {
    std::chrono::milliseconds timeout{60'000};
    // Collected output is capped; streaming (on_output) is not, as it is not kept.
    std::size_t max_output = std::size_t{256} << 20;
    // When set, output is passed here as it arrives instead of being collected.
    std::function<void(connection::data_stream, std::string_view)> on_output;
    // Environment variables to set first (RFC 4254 §6.4); servers apply only those they
    // accept (OpenSSH: AcceptEnv) and ignore the rest silently.
    std::vector<std::pair<std::string, std::string>> env;
};

// Where an exec's time went, each measured from the call (zero when the point was never
// reached): the channel confirmed, the first byte of output, the channel closed.
struct exec_timings {
    std::chrono::microseconds opened{0};
    std::chrono::microseconds first_byte{0};
    std::chrono::microseconds closed{0};
};

// The phases of connect(), each its own duration: TCP connection; identification and key
// exchange up to the host key's acceptance; authentication (NEWKEYS included).
struct connect_timings {
    std::chrono::microseconds tcp{0};
    std::chrono::microseconds kex{0};
    std::chrono::microseconds auth{0};
};

struct exec_result {
    error_info error; // set when the command did not run to completion
    std::string out;
    std::string err;
    std::optional<std::uint32_t> exit_status;
    std::optional<std::string> exit_signal; // "TERM", "KILL", ...
    exec_timings timings;
};

struct shell_options {
    std::string term = "vt100";
    std::uint32_t columns = 511; // wide: device output wraps less
    std::uint32_t rows = 24;
    std::chrono::milliseconds timeout{15'000}; // to open the channel and start the shell
};

// Finds where a match ends in the text read so far; nullopt if it is not there yet.
using match_function = std::function<std::optional<std::size_t>(std::string_view text)>;

struct read_result {
    error_info error;
    std::string text; // everything up to the end of the match (or all there was, on error)
};

class client;

// An interactive shell with a PTY. Output is buffered; read_until() takes it.
class shell_channel {
public:
    ~shell_channel();
    boost::asio::awaitable<error_info> send(std::string_view text);
    boost::asio::awaitable<read_result> read_until(match_function match,
                                                   std::chrono::milliseconds timeout);
    boost::asio::awaitable<read_result> read_until(std::string_view literal,
                                                   std::chrono::milliseconds timeout);
    // Output buffered but not yet taken by read_until().
    std::string_view buffered() const noexcept;
    // The terminal changed size (RFC 4254 §6.7).
    error_info resize(std::uint32_t columns, std::uint32_t rows);
    // Delivers a signal to the remote process, e.g. "INT" (RFC 4254 §6.9).
    error_info signal(std::string_view name);
    void close();

private:
    friend class client;
    struct state;
    shell_channel(std::shared_ptr<client> owner, std::shared_ptr<state> st);
    std::shared_ptr<client> owner_;
    std::shared_ptr<state> state_;
};

class client : public std::enable_shared_from_this<client> {
public:
    struct connect_result {
        std::shared_ptr<client> connection;
        error_info error;
    };

    static boost::asio::awaitable<connect_result> connect(boost::asio::any_io_executor executor,
                                                          client_options options);

    ~client();

    // (No default arguments on coroutines: GCC 12 destroys such a default twice.)
    boost::asio::awaitable<exec_result> exec(std::string command, exec_options options);
    boost::asio::awaitable<exec_result> exec(std::string command) {
        return exec(std::move(command), exec_options{});
    }

    struct shell_result {
        std::unique_ptr<shell_channel> shell;
        error_info error;
    };
    boost::asio::awaitable<shell_result> open_shell(shell_options options);
    boost::asio::awaitable<shell_result> open_shell() { return open_shell(shell_options{}); }

    // Sends DISCONNECT, closes the socket and fails every pending operation.
    void close(std::string_view reason = "closed by fleetsh");
    bool is_open() const noexcept;
    // Why the connection ended, once it has.
    const error_info& last_error() const noexcept;
    const std::optional<transport::negotiated_algorithms>& algorithms() const noexcept;
    const std::string& server_identification() const noexcept;
    const connect_timings& timings() const noexcept;

    struct impl;

private:
    friend class shell_channel;
    explicit client(std::unique_ptr<impl> p);
    std::unique_ptr<impl> impl_;
};

} // namespace ssh::asio
