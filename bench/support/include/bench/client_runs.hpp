// Driving fleetsh's own SSH client (ssh::asio::client) from a bench: credentials, strict host
// key checking, and coroutines run on one io_context in this thread, bounded in time.
#pragma once

#include <bench/proc.hpp>
#include <bench/report.hpp>

#include <ssh/asio/client.hpp>
#include <ssh/crypto/private_key.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bench {

std::shared_ptr<const ssh::crypto::private_key> load_key(const std::filesystem::path& path);

// Publickey authentication as `user` with `key`, host keys checked strictly against
// `known_hosts` (loaded once, shared by every copy of the options); host and port are the
// caller's. Connect 20 s, key exchange 30 s, authentication 30 s at most.
ssh::asio::client_options publickey_options(const std::string& user,
                                            const std::filesystem::path& key,
                                            const std::filesystem::path& known_hosts);

ssh::asio::exec_options with_timeout(std::chrono::milliseconds timeout);

// Runs `count` copies of `worker()` on `io` until every one has finished; throws if that
// takes longer than `bound` or a worker threw.
template <typename Worker>
void run_workers(boost::asio::io_context& io, int count, Worker& worker, clk::duration bound) {
    int remaining = count;
    std::exception_ptr failure;
    for (int i = 0; i < count; ++i)
        boost::asio::co_spawn(io, worker(), [&](std::exception_ptr e) {
            if (e && !failure)
                failure = e;
            --remaining;
        });
    const auto deadline = clk::now() + bound;
    while (remaining > 0 && !io.stopped() && clk::now() < deadline)
        io.run_one_for(std::chrono::milliseconds(100));
    if (failure)
        std::rethrow_exception(failure);
    if (remaining > 0)
        throw std::runtime_error("fleetsh: " + std::to_string(remaining) + " of " +
                                 std::to_string(count) + " coroutines still running after " +
                                 number(seconds(bound)) + " s");
}

// Lets closed connections finish (DISCONNECT flushed, sockets closed, coroutines ended), for
// 5 s at most; notes it (report.hpp) when work is left after that.
void drain(boost::asio::io_context& io, std::string_view what);

} // namespace bench
