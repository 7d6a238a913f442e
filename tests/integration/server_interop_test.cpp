// Our server role over TCP on 127.0.0.1, driven by OpenSSH's ssh client and by our own.
#include "client_support.hpp"

#include <ssh/asio/server.hpp>
#include <ssh/wire/writer.hpp>
#include <test_common/run_command.hpp>
#include <test_common/temp_dir.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <atomic>
#include <thread>

using namespace client_support;
using test_common::key_type;

namespace {

// A tiny device: accepts one user key, runs "exec" by echoing the command back.
struct echo_server {
    net::io_context io;
    net::ip::tcp::acceptor acceptor{io, {net::ip::make_address("127.0.0.1"), 0}};
    std::shared_ptr<const ssh::crypto::private_key> host_key;
    std::shared_ptr<const ssh::crypto::private_key> authorized;
    std::thread thread;

    explicit echo_server(std::shared_ptr<const ssh::crypto::private_key> user_key)
        : authorized(std::move(user_key)) {
        boost::system::error_code ec;
        auto key = ssh::crypto::private_key::generate(ssh::crypto::key_type::ed25519,
                                                      ssh::crypto::system_random(), ec);
        BOOST_REQUIRE(key.has_value());
        host_key = std::make_shared<const ssh::crypto::private_key>(std::move(*key));
        ssh::asio::server_options options;
        options.host_keys = {host_key};
        net::co_spawn(
            io, ssh::asio::serve(acceptor, options, [this](auto& c, auto& e) { on_event(c, e); }),
            net::detached);
        thread = std::thread([this] { io.run_for(std::chrono::seconds(120)); });
    }
    ~echo_server() {
        net::post(io, [this] {
            acceptor.close();
            io.stop();
        });
        thread.join();
    }
    std::uint16_t port() const { return acceptor.local_endpoint().port(); }

    std::string known_hosts_line() const {
        return "[127.0.0.1]:" + std::to_string(port()) + " " + host_key->public_key().to_line();
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
        auto& ev = std::get<ssh::connection::connection_event>(e);
        auto& ch = s.channels();
        if (auto* open = std::get_if<ssh::connection::open_request>(&ev)) {
            ch.accept_open(open->id, ec);
        } else if (auto* req = std::get_if<ssh::connection::channel_request>(&ev)) {
            if (req->name != "exec") {
                if (req->want_reply)
                    ch.reply_request(req->id, req->name == "env", ec);
                return;
            }
            ssh::wire::reader r{req->data};
            const std::string out = "you said: " + std::string(r.text(4096)) + "\n";
            ch.reply_request(req->id, true, ec);
            ch.send_data(req->id, {reinterpret_cast<const std::uint8_t*>(out.data()), out.size()},
                         ssh::connection::data_stream::out, ec);
            ch.send_eof(req->id, ec);
            ssh::wire::writer status;
            status.uint32(3);
            ch.request(req->id, "exit-status", false, status.data(), ec);
            ch.close(req->id, ec);
        }
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
    const auto expected = server.host_key->public_key();
    o.verify_host_key = [expected](std::string_view, std::uint16_t,
                                   const ssh::transport::host_key_offer& offer) {
        const bool same =
            offer.blob == std::vector<std::uint8_t>(expected.blob().begin(), expected.blob().end());
        return ssh::asio::host_key_verdict{same, {}, same ? "" : "unexpected host key"};
    };
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
