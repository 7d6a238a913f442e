#pragma once
// Shared by the client integration tests: options for a fixture, and running a coroutine to
// completion with a bound.

#include <ssh/asio/client.hpp>
#include <ssh/asio/known_hosts_verifier.hpp>
#include <test_common/sshd_fixture.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <exception>
#include <optional>

namespace client_support {

namespace net = boost::asio;

// Runs `make()`'s awaitable on a fresh io_context; fails the test if it takes over `bound`.
template <typename Make>
auto run(Make make, std::chrono::seconds bound = std::chrono::seconds(120)) {
    net::io_context io;
    using result_t = typename decltype(make())::value_type;
    std::optional<result_t> result;
    std::exception_ptr failure;
    net::co_spawn(io, make(), [&](std::exception_ptr e, result_t r) {
        failure = e;
        result = std::move(r);
    });
    io.run_for(bound);
    if (failure)
        std::rethrow_exception(failure);
    BOOST_REQUIRE_MESSAGE(result.has_value(), "operation did not finish within the bound");
    io.run_for(std::chrono::seconds(2)); // let the connection's coroutines wind down
    return std::move(*result);
}

inline std::shared_ptr<const ssh::crypto::private_key>
load_key(const std::filesystem::path& path, std::optional<std::string_view> passphrase = {}) {
    boost::system::error_code ec;
    auto key = ssh::crypto::load_private_key_file(path, passphrase, ec);
    BOOST_REQUIRE_MESSAGE(key.has_value(), "cannot load " << path << ": " << ec.message());
    return std::make_shared<const ssh::crypto::private_key>(std::move(*key));
}

// Host keys checked strictly against `known_hosts`, and the deadlines every test uses.
inline void check_host_keys_strictly(ssh::asio::client_options& o,
                                     const std::filesystem::path& known_hosts) {
    ssh::known_hosts::store_options so;
    so.user_file = known_hosts.string();
    auto store = std::make_shared<ssh::known_hosts::store>(so);
    store->load();
    o.verify_host_key =
        ssh::asio::make_known_hosts_verifier(store, ssh::known_hosts::policy::strict);
    o.connect_timeout = std::chrono::seconds(10);
    o.kex_timeout = std::chrono::seconds(20);
    o.auth_timeout = std::chrono::seconds(20);
}

// Strict host key checking against the fixture's own known_hosts, and its ed25519 client key.
inline ssh::asio::client_options
options_for(const test_common::sshd_fixture& sshd,
            test_common::key_type key = test_common::key_type::ed25519) {
    ssh::asio::client_options o;
    o.host = sshd.host();
    o.port = sshd.port();
    o.user = sshd.user();
    o.keys.push_back(load_key(sshd.client_key_path(key)));
    check_host_keys_strictly(o, sshd.known_hosts_path());
    return o;
}

struct exec_outcome {
    ssh::asio::error_info connect_error;
    ssh::asio::exec_result result;
    std::optional<ssh::transport::negotiated_algorithms> algorithms;
};

// Connects, runs one command, closes.
inline exec_outcome connect_and_exec(ssh::asio::client_options options, std::string command) {
    return run([&]() -> net::awaitable<exec_outcome> {
        exec_outcome out;
        auto [c, err] = co_await ssh::asio::client::connect(co_await net::this_coro::executor,
                                                            std::move(options));
        out.connect_error = err;
        if (!c)
            co_return out;
        out.algorithms = c->algorithms();
        out.result = co_await c->exec(command);
        c->close();
        co_return out;
    });
}

} // namespace client_support
