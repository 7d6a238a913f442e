// The client under real workloads against OpenSSH's sshd: bulk output, many channels, a PTY
// shell, re-keying mid-transfer, and keepalive noticing a server that stopped.
#include "client_support.hpp"

#include <ssh/asio/errc.hpp>
#include <ssh/crypto/hash.hpp>
#include <ssh/session/errc.hpp>
#include <test_common/run_command.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>

using namespace client_support;
using namespace std::chrono_literals;
using test_common::sshd_fixture;
using test_common::sshd_options;

namespace {

std::string sha256_hex(std::string_view data) {
    const auto d =
        ssh::crypto::digest(ssh::crypto::hash_alg::sha256,
                            {reinterpret_cast<const std::uint8_t*>(data.data()), data.size()});
    std::string hex;
    for (auto b : d)
        hex += "0123456789abcdef"[b >> 4], hex += "0123456789abcdef"[b & 15];
    return hex;
}

// A file of pseudo-random bytes on the server side (same machine), and its SHA-256.
std::pair<std::filesystem::path, std::string> make_payload(const test_common::temp_dir& dir,
                                                           std::size_t mib) {
    const auto path = dir / "payload.bin";
    const auto r =
        test_common::run_command({"sh", "-c",
                                  "head -c " + std::to_string(mib) + "M /dev/urandom > " +
                                      path.string() + " && sha256sum " + path.string()});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return {path, r.out.substr(0, 64)};
}

} // namespace

BOOST_AUTO_TEST_SUITE(client_workloads)

BOOST_AUTO_TEST_CASE(sixty_four_mib_through_one_channel_arrive_intact) {
    sshd_fixture sshd;
    test_common::temp_dir dir;
    const auto [path, expected] = make_payload(dir, 64);
    ssh::asio::exec_options eo;
    eo.timeout = 120s;
    const auto o = run([&]() -> net::awaitable<exec_outcome> {
        exec_outcome out;
        auto [c, err] = co_await ssh::asio::client::connect(co_await net::this_coro::executor,
                                                            options_for(sshd));
        out.connect_error = err;
        if (!c)
            co_return out;
        out.result = co_await c->exec("cat " + path.string(), eo);
        c->close();
        co_return out;
    });
    BOOST_REQUIRE_MESSAGE(!o.connect_error && !o.result.error,
                          o.connect_error.message << o.result.error.message << sshd.log());
    BOOST_TEST(o.result.out.size() == 64u << 20);
    BOOST_TEST(sha256_hex(o.result.out) == expected);
    BOOST_TEST(*o.result.exit_status == 0u);
}

BOOST_AUTO_TEST_CASE(hundred_exec_channels_at_once_over_one_connection) {
    sshd_fixture sshd{sshd_options{.extra_options = {"MaxSessions=200"}}};
    constexpr int channels = 100;
    const auto results = run([&]() -> net::awaitable<std::vector<ssh::asio::exec_result>> {
        std::vector<ssh::asio::exec_result> out(channels);
        auto ex = co_await net::this_coro::executor;
        auto [c, err] = co_await ssh::asio::client::connect(ex, options_for(sshd));
        BOOST_REQUIRE_MESSAGE(c, err.message);
        int finished = 0;
        net::steady_timer done(ex, std::chrono::steady_clock::time_point::max());
        for (int i = 0; i < channels; ++i)
            net::co_spawn(
                ex,
                [&, i]() -> net::awaitable<void> {
                    out[i] = co_await c->exec("echo " + std::to_string(i) + "; exit " +
                                              std::to_string(i % 7));
                    if (++finished == channels)
                        done.cancel();
                },
                net::detached);
        co_await done.async_wait(net::as_tuple(net::use_awaitable));
        c->close();
        co_return out;
    });
    for (int i = 0; i < channels; ++i) {
        BOOST_TEST(!results[i].error, i << ": " << results[i].error.message);
        BOOST_TEST(results[i].out == std::to_string(i) + "\n");
        BOOST_TEST(results[i].exit_status.value_or(999) == static_cast<unsigned>(i % 7));
    }
}

BOOST_AUTO_TEST_CASE(pty_shell_driven_by_read_until) {
    sshd_fixture sshd;
    struct outcome {
        std::string first, second;
        ssh::asio::error_info error;
        ssh::asio::error_info timeout;
    };
    const auto o = run([&]() -> net::awaitable<outcome> {
        outcome out;
        auto [c, err] = co_await ssh::asio::client::connect(co_await net::this_coro::executor,
                                                            options_for(sshd));
        BOOST_REQUIRE_MESSAGE(c, err.message);
        auto [shell, shell_err] = co_await c->open_shell();
        out.error = shell_err;
        if (!shell)
            co_return out;
        // A prompt we control, so matching does not depend on the account's shell setup.
        co_await shell->send("PS1='fleetsh> '; export PS1\n");
        co_await shell->send("echo marker-$((6*7))\n");
        auto r = co_await shell->read_until("marker-42", 10s);
        out.first = r.text;
        out.error = r.error;
        BOOST_TEST(!shell->resize(511, 24));
        co_await shell->send("stty size\n");
        r = co_await shell->read_until(
            [](std::string_view text) -> std::optional<std::size_t> {
                const auto pos = text.find("24 511");
                return pos == std::string_view::npos ? std::nullopt : std::optional(pos + 6);
            },
            10s);
        out.second = r.text;
        if (!out.error)
            out.error = r.error;
        // Nothing matches: the deadline ends the wait, and what was read is kept.
        out.timeout = (co_await shell->read_until("never-printed", 300ms)).error;
        shell->close();
        c->close();
        co_return out;
    });
    BOOST_REQUIRE_MESSAGE(!o.error, o.error.message << sshd.log());
    BOOST_TEST(o.first.find("marker-42") != std::string::npos, o.first);
    BOOST_TEST(o.second.find("24 511") != std::string::npos, o.second);
    BOOST_TEST((o.timeout.code == ssh::asio::errc::command_timeout), o.timeout.message);
}

BOOST_AUTO_TEST_CASE(rekeying_during_a_256_mib_transfer_keeps_every_byte) {
    // The server re-keys every 16 MiB; we re-key every 32 MiB of our own accord as well.
    sshd_fixture sshd{sshd_options{.extra_options = {"RekeyLimit=16M"}}};
    test_common::temp_dir dir;
    const auto [path, expected] = make_payload(dir, 256);
    auto opts = options_for(sshd);
    opts.rekey.bytes = 32u << 20;
    std::string digest;
    std::size_t received = 0;
    const auto o = run(
        [&]() -> net::awaitable<exec_outcome> {
            exec_outcome out;
            auto [c, err] =
                co_await ssh::asio::client::connect(co_await net::this_coro::executor, opts);
            out.connect_error = err;
            if (!c)
                co_return out;
            ssh::crypto::hasher h(ssh::crypto::hash_alg::sha256);
            ssh::asio::exec_options eo;
            eo.timeout = 300s;
            eo.on_output = [&](ssh::connection::data_stream, std::string_view text) {
                h.update({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
                received += text.size();
            };
            out.result = co_await c->exec("cat " + path.string(), eo);
            for (auto b : h.final())
                digest += "0123456789abcdef"[b >> 4], digest += "0123456789abcdef"[b & 15];
            c->close();
            co_return out;
        },
        600s);
    BOOST_REQUIRE_MESSAGE(!o.connect_error && !o.result.error,
                          o.connect_error.message << o.result.error.message << sshd.log());
    BOOST_TEST(received == 256u << 20);
    BOOST_TEST(digest == expected);
}

BOOST_AUTO_TEST_CASE(keepalive_notices_a_stopped_server) {
    sshd_fixture sshd;
    auto opts = options_for(sshd);
    opts.keepalive_interval = 1s;
    opts.keepalive_count_max = 2;
    struct outcome {
        ssh::asio::error_info before, after;
        std::chrono::milliseconds took{};
    };
    const auto o = run([&]() -> net::awaitable<outcome> {
        outcome out;
        auto ex = co_await net::this_coro::executor;
        auto [c, err] = co_await ssh::asio::client::connect(ex, opts);
        BOOST_REQUIRE_MESSAGE(c, err.message);
        // Alive: keepalives are answered while we wait.
        net::steady_timer t(ex, 3s);
        co_await t.async_wait(net::use_awaitable);
        out.before = c->last_error();
        sshd.pause_all(); // the server stops answering, the TCP connection stays up
        const auto start = std::chrono::steady_clock::now();
        while (c->is_open() && std::chrono::steady_clock::now() - start < 20s) {
            t.expires_after(100ms);
            co_await t.async_wait(net::use_awaitable);
        }
        out.took = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start);
        out.after = c->last_error();
        sshd.resume_all();
        co_return out;
    });
    BOOST_TEST(!o.before, o.before.message);
    BOOST_TEST((o.after.code == ssh::session::errc::keepalive_timeout), o.after.message);
    // interval x (count + 1), give or take a tick.
    BOOST_TEST(o.took.count() >= 2000);
    BOOST_TEST(o.took.count() <= 6000);
}

BOOST_AUTO_TEST_SUITE_END()
