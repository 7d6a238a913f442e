// Our server role over TCP on 127.0.0.1, driven by OpenSSH's ssh client and by our own.
#include "client_support.hpp"
#include "test_server.hpp"

#include <ssh/asio/server.hpp>
#include <test_common/run_command.hpp>
#include <test_common/temp_dir.hpp>

using namespace client_support;
using test_common::key_type;

namespace {

// A tiny device: accepts one user key, runs "exec" by echoing the command back.
struct echo_server {
    std::shared_ptr<const ssh::crypto::private_key> authorized;
    // Last: it stops serving before `authorized` goes.
    test_server::background_server listener;

    explicit echo_server(std::shared_ptr<const ssh::crypto::private_key> user_key)
        : authorized(std::move(user_key))
        , listener(
              {}, [this](auto& c, auto& e) { on_event(c, e); }, std::chrono::seconds(120)) {}
    std::uint16_t port() const { return listener.port(); }

    std::string known_hosts_line() const {
        return "[127.0.0.1]:" + std::to_string(port()) + " " +
               listener.host_key().public_key().to_line();
    }

    void on_event(ssh::asio::server_connection& c, ssh::session::server_session_event& e) {
        boost::system::error_code ec;
        auto& s = c.session();
        if (auto* a = std::get_if<ssh::auth::server_auth_event>(&e)) {
            if (auto* q = std::get_if<ssh::auth::publickey_query>(a))
                s.authentication().accept_key_query(q->key == authorized->public_key(), ec);
            else if (auto* p = std::get_if<ssh::auth::publickey_attempt>(a))
                s.authentication().accept(p->key == authorized->public_key(), ec);
            else if (std::holds_alternative<ssh::auth::password_attempt>(*a) ||
                     std::holds_alternative<ssh::auth::kbd_start>(*a))
                s.authentication().accept(false, ec);
            return;
        }
        test_server::serve_echo_channels(
            s.channels(), std::get<ssh::connection::connection_event>(e),
            {.max_command = 4096, .exit_status = 3, .also_accepted = "env"});
    }
};

std::shared_ptr<const ssh::crypto::private_key> fixture_user_key() {
    return load_key(test_common::cached_client_key(key_type::ed25519).private_key);
}

// OpenSSH's ssh against `server`, checking its key against a known_hosts with only it.
std::vector<std::string> openssh_argv(const echo_server& server, const std::string& known_hosts,
                                      std::vector<std::string> options, std::string command) {
    std::vector<std::string> argv = {"ssh",
                                     "-F",
                                     "/dev/null",
                                     "-o",
                                     "BatchMode=yes",
                                     "-o",
                                     "StrictHostKeyChecking=yes",
                                     "-o",
                                     "UserKnownHostsFile=" + known_hosts,
                                     "-o",
                                     "IdentitiesOnly=yes"};
    for (auto& o : options) {
        argv.push_back("-o");
        argv.push_back(std::move(o));
    }
    argv.insert(argv.end(),
                {"-i", test_common::cached_client_key(key_type::ed25519).private_key.string(), "-p",
                 std::to_string(server.port()), "netops@127.0.0.1", std::move(command)});
    return argv;
}

} // namespace

BOOST_AUTO_TEST_SUITE(server_interop)

BOOST_AUTO_TEST_CASE(openssh_client_runs_a_command_on_our_server) {
    echo_server server{fixture_user_key()};
    test_common::temp_dir dir;
    test_common::write_file(dir / "known_hosts", server.known_hosts_line() + "\n");
    for (const char* kex :
         {"curve25519-sha256", "ecdh-sha2-nistp256", "diffie-hellman-group-exchange-sha256",
          "diffie-hellman-group14-sha256"}) {
        const auto argv = openssh_argv(server, (dir / "known_hosts").string(),
                                       {std::string("KexAlgorithms=") + kex}, "show version");
        const auto r = test_common::run_command(argv, std::nullopt, std::chrono::seconds(30));
        BOOST_TEST(r.exit_code == 3, kex << ": " << test_common::describe(argv, r));
        BOOST_TEST(r.out == "you said: show version\n", kex);
    }
}

BOOST_AUTO_TEST_CASE(openssh_client_with_each_cipher) {
    echo_server server{fixture_user_key()};
    test_common::temp_dir dir;
    test_common::write_file(dir / "known_hosts", server.known_hosts_line() + "\n");
    for (const char* cipher : {"chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com",
                               "aes256-gcm@openssh.com", "aes128-ctr", "aes256-ctr"}) {
        const auto argv = openssh_argv(
            server, (dir / "known_hosts").string(),
            {std::string("Ciphers=") + cipher, "MACs=hmac-sha2-256-etm@openssh.com"}, "uptime");
        const auto r = test_common::run_command(argv, std::nullopt, std::chrono::seconds(30));
        BOOST_TEST(r.exit_code == 3, cipher << ": " << test_common::describe(argv, r));
        BOOST_TEST(r.out == "you said: uptime\n", cipher);
    }
}

BOOST_AUTO_TEST_CASE(our_client_against_our_server_over_tcp) {
    echo_server server{fixture_user_key()};
    ssh::asio::client_options o;
    o.host = "127.0.0.1";
    o.port = server.port();
    o.user = "netops";
    o.keys = {fixture_user_key()};
    o.verify_host_key = test_server::accept_only(server.listener);
    const auto out = connect_and_exec(o, "show clock");
    BOOST_REQUIRE_MESSAGE(!out.connect_error, out.connect_error.message);
    BOOST_TEST(out.result.out == "you said: show clock\n");
    BOOST_TEST(out.result.exit_status.value_or(0) == 3u);
}

BOOST_AUTO_TEST_CASE(unauthorized_key_is_refused) {
    boost::system::error_code ec;
    auto other = ssh::crypto::private_key::generate(ssh::crypto::key_type::ed25519,
                                                    ssh::crypto::system_random(), ec);
    echo_server server{std::make_shared<const ssh::crypto::private_key>(std::move(*other))};
    test_common::temp_dir dir;
    test_common::write_file(dir / "known_hosts", server.known_hosts_line() + "\n");
    const auto argv = openssh_argv(server, (dir / "known_hosts").string(), {}, "true");
    const auto r = test_common::run_command(argv, std::nullopt, std::chrono::seconds(30));
    BOOST_TEST(r.exit_code == 255, test_common::describe(argv, r));
    BOOST_TEST(r.err.find("Permission denied") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
