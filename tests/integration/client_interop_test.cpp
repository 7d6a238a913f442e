// Our client against a real OpenSSH sshd (Debian 12's) on 127.0.0.1.
#include "client_support.hpp"

#include <ssh/asio/errc.hpp>
#include <ssh/auth/errc.hpp>
#include <ssh/known_hosts/errc.hpp>
#include <ssh/transport/errc.hpp>
#include <test_common/run_command.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>

using namespace client_support;
using test_common::key_type;
using test_common::sshd_fixture;
using test_common::sshd_options;

namespace {

void require_ok(const exec_outcome& o, const sshd_fixture& sshd) {
    BOOST_REQUIRE_MESSAGE(!o.connect_error, "connect: " << o.connect_error.message << "\n"
                                                        << sshd.log());
    BOOST_REQUIRE_MESSAGE(!o.result.error, "exec: " << o.result.error.message << "\n"
                                                    << sshd.log());
}

} // namespace

BOOST_AUTO_TEST_SUITE(client_interop)

BOOST_AUTO_TEST_CASE(exec_returns_stdout_stderr_and_exit_status) {
    sshd_fixture sshd;
    const auto o = connect_and_exec(options_for(sshd), "echo out; echo err >&2; exit 3");
    require_ok(o, sshd);
    BOOST_TEST(o.result.out == "out\n");
    BOOST_TEST(o.result.err == "err\n");
    BOOST_REQUIRE(o.result.exit_status.has_value());
    BOOST_TEST(*o.result.exit_status == 3u);
}

BOOST_AUTO_TEST_CASE(every_key_exchange) {
    for (const char* kex : {"curve25519-sha256", "curve25519-sha256@libssh.org",
                            "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
                            "diffie-hellman-group-exchange-sha256", "diffie-hellman-group14-sha256",
                            "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512"}) {
        sshd_fixture sshd{sshd_options{.extra_options = {std::string("KexAlgorithms=") + kex}}};
        const auto o = connect_and_exec(options_for(sshd), "echo ok");
        require_ok(o, sshd);
        BOOST_TEST(o.result.out == "ok\n", kex);
        BOOST_TEST(o.algorithms->kex == kex);
    }
}

BOOST_AUTO_TEST_CASE(every_cipher_and_mac) {
    struct suite {
        const char* cipher;
        const char* mac; // empty for AEAD
    };
    const suite suites[] = {{"chacha20-poly1305@openssh.com", ""},
                            {"aes128-gcm@openssh.com", ""},
                            {"aes256-gcm@openssh.com", ""},
                            {"aes128-ctr", "hmac-sha2-256-etm@openssh.com"},
                            {"aes192-ctr", "hmac-sha2-512-etm@openssh.com"},
                            {"aes256-ctr", "hmac-sha2-256"},
                            {"aes128-ctr", "hmac-sha2-512"}};
    for (const auto& s : suites) {
        sshd_options so;
        so.extra_options.push_back(std::string("Ciphers=") + s.cipher);
        if (*s.mac)
            so.extra_options.push_back(std::string("MACs=") + s.mac);
        sshd_fixture sshd{so};
        const auto o = connect_and_exec(options_for(sshd), "echo ok");
        require_ok(o, sshd);
        BOOST_TEST(o.algorithms->cipher_s2c == s.cipher);
        BOOST_TEST(o.algorithms->mac_s2c == s.mac);
        BOOST_TEST(o.result.out == "ok\n", s.cipher << " " << s.mac);
    }
}

BOOST_AUTO_TEST_CASE(every_host_key_algorithm) {
    for (const char* alg : {"ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256"}) {
        sshd_fixture sshd{sshd_options{.extra_options = {std::string("HostKeyAlgorithms=") + alg}}};
        const auto o = connect_and_exec(options_for(sshd), "echo ok");
        require_ok(o, sshd);
        BOOST_TEST(o.algorithms->host_key == alg);
    }
}

BOOST_AUTO_TEST_CASE(every_user_key_type_and_an_encrypted_key) {
    sshd_fixture sshd;
    for (auto type : {key_type::ecdsa, key_type::rsa}) {
        const auto o = connect_and_exec(options_for(sshd, type), "echo ok");
        require_ok(o, sshd);
        BOOST_TEST(o.result.out == "ok\n");
    }
    auto opts = options_for(sshd);
    opts.keys = {load_key(sshd.encrypted_client_key_path(), sshd_fixture::client_passphrase())};
    const auto o = connect_and_exec(opts, "echo ok");
    require_ok(o, sshd);
}

BOOST_AUTO_TEST_CASE(unknown_host_key_is_refused_before_authentication) {
    sshd_fixture sshd;
    auto opts = options_for(sshd);
    test_common::temp_dir empty;
    ssh::known_hosts::store_options so;
    so.user_file = (empty / "known_hosts").string();
    auto store = std::make_shared<ssh::known_hosts::store>(so);
    store->load();
    opts.verify_host_key =
        ssh::asio::make_known_hosts_verifier(store, ssh::known_hosts::policy::strict);
    const auto o = connect_and_exec(opts, "true");
    BOOST_TEST((o.connect_error.code == ssh::known_hosts::errc::host_key_unknown),
               o.connect_error.message);
    // No authentication was attempted after the refusal (sshd logs every attempt at VERBOSE).
    const auto log = sshd.log();
    for (const char* attempt : {"Accepted", "Failed", "Postponed"})
        BOOST_TEST(log.find(attempt) == std::string::npos, log);
}

BOOST_AUTO_TEST_CASE(changed_host_key_names_the_line_and_both_fingerprints) {
    sshd_fixture sshd;
    auto opts = options_for(sshd);
    test_common::temp_dir dir;
    // A known_hosts that has another key for this host.
    const auto other = test_common::cached_client_key(key_type::ed25519).public_line;
    const auto line = "[127.0.0.1]:" + std::to_string(sshd.port()) + " " + other + "\n";
    test_common::write_file(dir / "known_hosts", line);
    ssh::known_hosts::store_options so;
    so.user_file = (dir / "known_hosts").string();
    auto store = std::make_shared<ssh::known_hosts::store>(so);
    store->load();
    opts.verify_host_key =
        ssh::asio::make_known_hosts_verifier(store, ssh::known_hosts::policy::accept_new);
    const auto o = connect_and_exec(opts, "true");
    BOOST_TEST((o.connect_error.code == ssh::known_hosts::errc::host_key_mismatch),
               o.connect_error.message);
    BOOST_TEST(o.connect_error.message.find("known_hosts:1") != std::string::npos,
               o.connect_error.message);
    BOOST_TEST(o.connect_error.message.find(
                   test_common::cached_client_key(key_type::ed25519).fingerprint) !=
                   std::string::npos,
               o.connect_error.message);
}

BOOST_AUTO_TEST_CASE(wrong_key_is_authentication_failed) {
    sshd_fixture sshd;
    auto opts = options_for(sshd);
    ssh::crypto::random_source& rng = ssh::crypto::system_random();
    boost::system::error_code ec;
    auto stranger = ssh::crypto::private_key::generate(ssh::crypto::key_type::ed25519, rng, ec);
    BOOST_REQUIRE(stranger.has_value());
    opts.keys = {std::make_shared<const ssh::crypto::private_key>(std::move(*stranger))};
    const auto o = connect_and_exec(opts, "true");
    BOOST_TEST((o.connect_error.code.category() == ssh::auth::auth_category()),
               o.connect_error.code.message() << ": " << o.connect_error.message);
    BOOST_TEST(o.connect_error.message.find("publickey") != std::string::npos,
               o.connect_error.message);
}

BOOST_AUTO_TEST_CASE(password_and_wrong_password) {
    test_common::ensure_password_user(); // fails loudly when not root and the user is missing
    sshd_fixture sshd{sshd_options{.password_authentication = true}};
    auto opts = options_for(sshd);
    opts.user = test_common::password_user().name;
    opts.keys.clear();
    opts.password = test_common::password_user().password;
    auto o = connect_and_exec(opts, "id -un");
    require_ok(o, sshd);
    BOOST_TEST(o.result.out == opts.user + "\n");

    opts.password = "wrong";
    o = connect_and_exec(opts, "true");
    BOOST_TEST((o.connect_error.code.category() == ssh::auth::auth_category()),
               o.connect_error.message);
}

BOOST_AUTO_TEST_CASE(keyboard_interactive_with_the_password) {
    test_common::ensure_password_user();
    sshd_fixture sshd{
        sshd_options{.kbd_interactive_authentication = true, .extra_options = {"UsePAM=yes"}}};
    auto opts = options_for(sshd);
    opts.user = test_common::password_user().name;
    opts.keys.clear();
    opts.preferred_authentications = {"keyboard-interactive"};
    opts.password = test_common::password_user().password;
    const auto o = connect_and_exec(opts, "echo kbd");
    require_ok(o, sshd);
    BOOST_TEST(o.result.out == "kbd\n");
}

BOOST_AUTO_TEST_CASE(environment_reaches_the_command_when_the_server_accepts_it) {
    sshd_fixture sshd{sshd_options{.extra_options = {"AcceptEnv=FLEETSH_*"}}};
    const auto r = run([&]() -> net::awaitable<ssh::asio::exec_result> {
        auto [c, err] = co_await ssh::asio::client::connect(co_await net::this_coro::executor,
                                                            options_for(sshd));
        BOOST_REQUIRE_MESSAGE(c, err.message);
        ssh::asio::exec_options eo;
        eo.env = {{"FLEETSH_SITE", "lab-1"}, {"NOT_ACCEPTED", "x"}};
        auto out = co_await c->exec("echo $FLEETSH_SITE/${NOT_ACCEPTED:-unset}", eo);
        c->close();
        co_return out;
    });
    BOOST_TEST(!r.error, r.error.message);
    BOOST_TEST(r.out == "lab-1/unset\n");
}

BOOST_AUTO_TEST_CASE(no_common_cipher_names_both_lists) {
    sshd_fixture sshd{sshd_options{.extra_options = {"Ciphers=aes128-ctr"}}};
    auto opts = options_for(sshd);
    opts.algorithms.cipher_c2s = opts.algorithms.cipher_s2c = {"aes256-gcm@openssh.com"};
    const auto o = connect_and_exec(opts, "true");
    BOOST_TEST((o.connect_error.code == ssh::transport::errc::no_common_algorithm),
               o.connect_error.message);
    BOOST_TEST(o.connect_error.message.find("aes256-gcm@openssh.com") != std::string::npos,
               o.connect_error.message);
    BOOST_TEST(o.connect_error.message.find("aes128-ctr") != std::string::npos,
               o.connect_error.message);
}

BOOST_AUTO_TEST_CASE(server_disconnect_carries_its_reason) {
    // Two wrong keys against MaxAuthTries=1: sshd disconnects with "Too many
    // authentication failures" (reason 2) instead of answering the second attempt.
    sshd_fixture sshd{sshd_options{.extra_options = {"MaxAuthTries=1"}}};
    auto opts = options_for(sshd);
    ssh::crypto::random_source& rng = ssh::crypto::system_random();
    opts.keys.clear();
    for (int i = 0; i < 3; ++i) {
        boost::system::error_code ec;
        auto k = ssh::crypto::private_key::generate(ssh::crypto::key_type::ed25519, rng, ec);
        BOOST_REQUIRE(k.has_value());
        opts.keys.push_back(std::make_shared<const ssh::crypto::private_key>(std::move(*k)));
    }
    const auto o = connect_and_exec(opts, "true");
    BOOST_TEST((o.connect_error.code == ssh::transport::errc::peer_disconnected),
               o.connect_error.code.message() << ": " << o.connect_error.message);
    BOOST_TEST(o.connect_error.message.find("Too many authentication failures") !=
                   std::string::npos,
               o.connect_error.message);
}

BOOST_AUTO_TEST_CASE(any_operation_can_be_cancelled) {
    sshd_fixture sshd;
    struct outcome {
        bool timer_won = false;
        ssh::asio::exec_result after;
        std::chrono::milliseconds took{};
    };
    const auto o = run([&]() -> net::awaitable<outcome> {
        using namespace boost::asio::experimental::awaitable_operators;
        outcome out;
        auto ex = co_await net::this_coro::executor;
        auto [c, err] = co_await ssh::asio::client::connect(ex, options_for(sshd));
        BOOST_REQUIRE_MESSAGE(c, err.message);
        net::steady_timer stop(ex, std::chrono::milliseconds(300));
        const auto start = std::chrono::steady_clock::now();
        auto first =
            co_await (c->exec("sleep 30") || stop.async_wait(net::as_tuple(net::use_awaitable)));
        out.took = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start);
        out.timer_won = first.index() == 1; // the exec was cancelled, not completed
        // The connection is still usable afterwards.
        out.after = co_await c->exec("echo still-here");
        c->close();
        co_return out;
    });
    BOOST_TEST(o.timer_won);
    BOOST_TEST(o.took.count() < 5000);
    BOOST_TEST(!o.after.error, o.after.error.message);
    BOOST_TEST(o.after.out == "still-here\n");
}

BOOST_AUTO_TEST_SUITE_END()
