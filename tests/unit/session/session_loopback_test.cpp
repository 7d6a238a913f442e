// client_session and server_session pumped into each other in memory: key exchange, host
// key verdict, authentication, a channel with exec, output on both streams, exit status and
// the close handshake, with both roles of every layer written here.
#include <ssh/session/client_session.hpp>
#include <ssh/session/errc.hpp>
#include <ssh/session/server_session.hpp>
#include <ssh/transport/algorithm_preferences.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/test/unit_test.hpp>

using namespace ssh;

namespace {

std::shared_ptr<const crypto::private_key> make_key(crypto::key_type type, std::uint64_t seed) {
    auto rng = crypto::make_deterministic_random(seed);
    boost::system::error_code ec;
    auto key = crypto::private_key::generate(type, *rng, ec, 2048);
    BOOST_REQUIRE_MESSAGE(key.has_value(), ec.message());
    return std::make_shared<const crypto::private_key>(std::move(*key));
}

// The server application: one authorized key, one password, and an exec that echoes.
struct server_app {
    std::shared_ptr<const crypto::private_key> authorized;
    std::string password = "correct horse";
    std::vector<std::string> commands;
    bool user_authenticated = false;

    void handle(session::server_session& s, session::server_session_event& e) {
        boost::system::error_code ec;
        auto& auth = s.authentication();
        auto& ch = s.channels();
        if (auto* a = std::get_if<auth::server_auth_event>(&e)) {
            if (auto* q = std::get_if<auth::publickey_query>(a))
                auth.accept_key_query(q->key == authorized->public_key(), ec);
            else if (auto* p = std::get_if<auth::publickey_attempt>(a))
                auth.accept(p->key == authorized->public_key(), ec);
            else if (auto* pw = std::get_if<auth::password_attempt>(a))
                auth.accept(pw->password.view() == password, ec);
            else if (std::holds_alternative<auth::kbd_start>(*a))
                auth.accept(false, ec); // this server takes passwords by "password" only
            else if (std::holds_alternative<auth::authenticated>(*a))
                user_authenticated = true;
        } else if (auto* c = std::get_if<connection::connection_event>(&e)) {
            if (auto* open = std::get_if<connection::open_request>(c)) {
                ch.accept_open(open->id, ec);
            } else if (auto* req = std::get_if<connection::channel_request>(c)) {
                if (req->name != "exec") {
                    if (req->want_reply)
                        ch.reply_request(req->id, false, ec);
                    return;
                }
                wire::reader r{req->data};
                const auto command = std::string(r.text(1024));
                commands.push_back(command);
                ch.reply_request(req->id, true, ec);
                const std::string out = "you said: " + command + "\n";
                ch.send_data(req->id,
                             {reinterpret_cast<const std::uint8_t*>(out.data()), out.size()},
                             connection::data_stream::out, ec);
                const std::string err = "warning\n";
                ch.send_data(req->id,
                             {reinterpret_cast<const std::uint8_t*>(err.data()), err.size()},
                             connection::data_stream::err, ec);
                ch.send_eof(req->id, ec);
                wire::writer status;
                status.uint32(42);
                ch.request(req->id, "exit-status", false, status.data(), ec);
                ch.close(req->id, ec);
            }
        }
        BOOST_TEST(!ec, ec.message());
    }
};

// The client application: accepts the host key it was told to expect, runs one command.
struct client_app {
    std::vector<std::uint8_t> expected_host_key;
    std::string command = "show version";
    std::string out, err;
    std::optional<std::uint32_t> exit_status;
    bool closed = false;
    std::optional<auth::failure_event> auth_failure;
    bool host_key_seen = false;

    void handle(session::client_session& s, session::session_event& e) {
        boost::system::error_code ec;
        if (auto* hk = std::get_if<session::host_key_check>(&e)) {
            host_key_seen = true;
            if (hk->offer.blob == expected_host_key)
                s.accept_host_key();
            else
                s.reject_host_key();
        } else if (auto* a = std::get_if<auth::auth_event>(&e)) {
            if (std::holds_alternative<auth::success_event>(*a))
                s.channels().open_session(ec);
            else if (auto* f = std::get_if<auth::failure_event>(a))
                auth_failure = *f;
        } else if (auto* c = std::get_if<connection::connection_event>(&e)) {
            if (auto* ok = std::get_if<connection::open_confirmed>(c)) {
                s.channels().exec(ok->id, command, ec);
            } else if (auto* d = std::get_if<connection::channel_data>(c)) {
                auto& sink = d->stream == connection::data_stream::out ? out : err;
                sink.append(reinterpret_cast<const char*>(d->bytes.data()), d->bytes.size());
                s.channels().consumed(d->id, d->bytes.size(), ec);
            } else if (auto* st = std::get_if<connection::exit_status>(c)) {
                exit_status = st->code;
            } else if (std::holds_alternative<connection::channel_closed>(*c)) {
                closed = true;
            }
        }
        BOOST_TEST(!ec, ec.message());
    }
};

struct loopback {
    std::unique_ptr<crypto::random_source> rng_c = crypto::make_deterministic_random(11);
    std::unique_ptr<crypto::random_source> rng_s = crypto::make_deterministic_random(12);
    session::client_session client;
    session::server_session server;
    client_app capp;
    server_app sapp;
    boost::system::error_code client_ec, server_ec;

    loopback(session::client_session_config c, session::server_session_config s)
        : client(std::move(c), *rng_c)
        , server(std::move(s), *rng_s) {}

    template <typename From, typename To, typename App>
    static bool move(From& from, To& to, App& app, boost::system::error_code& ec) {
        std::vector<std::uint8_t> bytes;
        from.take_output(bytes);
        std::size_t used = 0;
        for (int guard = 0; !ec && used < bytes.size() && guard < 100000; ++guard) {
            used += to.feed({bytes.data() + used, bytes.size() - used}, ec);
            while (auto e = to.next_event())
                app.handle(to, *e);
        }
        return !bytes.empty();
    }

    void pump() {
        for (int round = 0; round < 200; ++round) {
            const bool a = move(client, server, sapp, server_ec);
            const bool b = move(server, client, capp, client_ec);
            if ((!a && !b) || client_ec || server_ec)
                return;
        }
        BOOST_FAIL("pump did not settle");
    }
};

struct keys {
    std::shared_ptr<const crypto::private_key> host = make_key(crypto::key_type::ed25519, 1);
    std::shared_ptr<const crypto::private_key> user = make_key(crypto::key_type::ed25519, 2);
};

session::client_session_config client_config(const keys& k) {
    session::client_session_config c;
    c.transport.offer = transport::default_client_offer();
    c.auth.user = "alice";
    c.auth.keys = {k.user};
    return c;
}

session::server_session_config server_config(const keys& k) {
    session::server_session_config s;
    s.transport.side = transport::role::server;
    s.transport.offer = transport::default_client_offer();
    s.transport.host_keys = {k.host};
    s.transport.server_signature_algorithms = auth::default_server_signature_algorithms();
    s.connection.side = connection::role::server;
    return s;
}

} // namespace

BOOST_AUTO_TEST_SUITE(session_loopback)

BOOST_AUTO_TEST_CASE(exec_end_to_end_with_publickey) {
    keys k;
    loopback lb{client_config(k), server_config(k)};
    lb.sapp.authorized = k.user;
    const auto blob = k.host->public_key().blob();
    lb.capp.expected_host_key.assign(blob.begin(), blob.end());
    lb.pump();
    BOOST_REQUIRE_MESSAGE(!lb.client_ec && !lb.server_ec, lb.client_ec.message()
                                                              << " / " << lb.server_ec.message());
    BOOST_TEST(lb.capp.host_key_seen);
    BOOST_TEST(lb.sapp.user_authenticated);
    BOOST_TEST(lb.sapp.commands == std::vector<std::string>{"show version"});
    BOOST_TEST(lb.capp.out == "you said: show version\n");
    BOOST_TEST(lb.capp.err == "warning\n");
    BOOST_TEST(lb.capp.exit_status.value_or(0) == 42u);
    BOOST_TEST(lb.capp.closed);
}

BOOST_AUTO_TEST_CASE(password_when_the_key_is_not_authorized) {
    keys k;
    auto c = client_config(k);
    c.auth.password = auth::secret("correct horse");
    loopback lb{c, server_config(k)};
    lb.sapp.authorized = make_key(crypto::key_type::ed25519, 3); // not the client's
    const auto blob = k.host->public_key().blob();
    lb.capp.expected_host_key.assign(blob.begin(), blob.end());
    lb.pump();
    BOOST_TEST(lb.sapp.user_authenticated);
    BOOST_TEST(lb.capp.exit_status.value_or(0) == 42u);
}

BOOST_AUTO_TEST_CASE(rejected_host_key_sends_no_credentials) {
    keys k;
    auto c = client_config(k);
    c.auth.password = auth::secret("correct horse");
    loopback lb{c, server_config(k)};
    lb.sapp.authorized = k.user;
    lb.capp.expected_host_key = {1, 2, 3}; // not the server's key
    lb.pump();
    BOOST_TEST(lb.capp.host_key_seen);
    BOOST_TEST(!lb.sapp.user_authenticated);
    BOOST_TEST(!lb.server.authentication().started()); // no SERVICE_REQUEST ever arrived
}

BOOST_AUTO_TEST_CASE(login_grace_time_ends_an_idle_client) {
    keys k;
    auto s = server_config(k);
    s.login_grace = std::chrono::seconds(5);
    auto rng = crypto::make_deterministic_random(5);
    session::server_session server{s, *rng};
    const auto t0 = transport::clock::now();
    boost::system::error_code ec;
    server.on_timer(t0, ec);
    BOOST_TEST(!ec);
    BOOST_REQUIRE(server.next_deadline().has_value());
    BOOST_TEST((*server.next_deadline() <= t0 + std::chrono::seconds(5)));
    server.on_timer(t0 + std::chrono::seconds(6), ec);
    BOOST_TEST((ec == session::errc::login_timeout));
    BOOST_TEST(server.finished());
}

BOOST_AUTO_TEST_SUITE_END()
