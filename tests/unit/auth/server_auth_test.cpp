// The server side of user authentication (RFC 4252, RFC 4256): driven by our client_auth
// through an in-memory pump for the normal flows, and by crafted client messages for the
// hostile ones (bad-input.md E40, E43, E45, E47).
#include "auth_test_support.hpp"

#include <ssh/auth/client_auth.hpp>
#include <ssh/auth/errc.hpp>
#include <ssh/auth/server_auth.hpp>
#include <ssh/wire/reader.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <variant>

using namespace auth_test;
using ssh::auth::errc;
using ssh::auth::method;
using ssh::auth::server_auth;
using ssh::auth::server_auth_config;
using ssh::auth::server_auth_event;
using ssh::wire::writer;

namespace {

using key_ptr = std::shared_ptr<const ssh::crypto::private_key>;

// ---- Client messages, built independently of the code under test ----

bytes service_request(std::string_view service = "ssh-userauth") {
    writer w;
    w.byte(5);
    w.string(service);
    return w.take();
}

void header(writer& w, std::string_view user, std::string_view method,
            std::string_view service = "ssh-connection") {
    w.byte(50);
    w.string(user);
    w.string(service);
    w.string(method);
}

bytes none_request(std::string_view user = "netops", std::string_view service = "ssh-connection") {
    writer w;
    header(w, user, "none", service);
    return w.take();
}

bytes publickey_unsigned(std::string_view user, std::string_view alg, ssh::wire::bytes_view blob,
                         bool flag = false) {
    writer w;
    header(w, user, "publickey");
    w.boolean(flag);
    w.string(alg);
    w.string(blob);
    return w.take();
}

// The signed form: `signer` signs as `sig_alg` over session || the request (RFC 4252 §7);
// the request itself names `alg` and `blob`.
bytes publickey_signed(std::string_view user, std::string_view alg, ssh::wire::bytes_view blob,
                       const ssh::crypto::private_key& signer, std::string_view sig_alg,
                       const bytes& session = session_id()) {
    auto request = publickey_unsigned(user, alg, blob, true);
    writer d;
    d.string(session);
    d.raw(request);
    auto rng = ssh::crypto::make_deterministic_random(11);
    boost::system::error_code ec;
    const auto sig = signer.sign(sig_alg, d.data(), *rng, ec);
    BOOST_REQUIRE(sig);
    writer w{std::move(request)};
    w.string(*sig);
    return w.take();
}

bytes password_request(std::string_view user, std::string_view password, bool change = false) {
    writer w;
    header(w, user, "password");
    w.boolean(change);
    w.string(password);
    if (change)
        w.string("new-secret");
    return w.take();
}

bytes kbd_request(std::string_view user = "netops") {
    writer w;
    header(w, user, "keyboard-interactive");
    w.string(std::string_view{});
    w.string(std::string_view{});
    return w.take();
}

bytes info_response(const std::vector<std::string>& answers) {
    writer w;
    w.byte(61);
    w.uint32(static_cast<std::uint32_t>(answers.size()));
    for (const auto& a : answers)
        w.string(a);
    return w.take();
}

// ---- Server messages, read back ----

struct failure_reply {
    std::vector<std::string> methods;
    bool partial = false;
};

failure_reply read_failure(const bytes& payload) {
    ssh::wire::reader r{payload};
    BOOST_REQUIRE_EQUAL(r.byte(), 51);
    failure_reply f;
    for (const auto n : r.name_list(4096))
        f.methods.emplace_back(n);
    f.partial = r.boolean();
    r.expect_end();
    BOOST_REQUIRE(!r.failed());
    return f;
}

std::size_t count_type(const std::vector<bytes>& sent, std::uint8_t type) {
    return static_cast<std::size_t>(
        std::count_if(sent.begin(), sent.end(), [&](const bytes& p) { return p[0] == type; }));
}

// ---- A server driven directly ----

server_auth_config default_server_config() {
    return server_auth_config{};
}

struct server_harness {
    explicit server_harness(server_auth_config c = default_server_config())
        : auth{sink, std::move(c)} {}

    // start() and SERVICE_REQUEST: SERVICE_ACCEPT is then the last thing sent.
    void begin() {
        boost::system::error_code ec;
        auth.start(session_id(), ec);
        BOOST_REQUIRE(!ec);
        BOOST_REQUIRE(!feed(service_request()));
        BOOST_REQUIRE_EQUAL(sink.sent.size(), 1u);
        BOOST_REQUIRE_EQUAL(sink.sent[0][0], 6);
    }
    boost::system::error_code feed(const bytes& payload) {
        boost::system::error_code ec;
        auth.handle(payload, ec);
        return ec;
    }
    std::vector<server_auth_event> events() {
        std::vector<server_auth_event> out;
        while (auto e = auth.next_event())
            out.push_back(std::move(*e));
        return out;
    }
    const bytes& last_sent() const {
        BOOST_REQUIRE(!sink.sent.empty());
        return sink.sent.back();
    }

    recording_sink sink;
    server_auth auth;
};

template <typename T>
T only_event(const std::vector<server_auth_event>& events) {
    BOOST_REQUIRE_EQUAL(events.size(), 1u);
    const auto* e = std::get_if<T>(&events[0]);
    BOOST_REQUIRE(e != nullptr);
    return *e;
}

// ---- The application behind the server: accounts and a method policy ----

struct server_app {
    std::string user = "netops";
    std::vector<ssh::crypto::public_key> authorized;
    std::string password = "hunter2";
    std::vector<method> required; // all must pass; empty: any one suffices
    bool kbd_zero_prompt_round = false;

    std::vector<std::string> seen; // event kinds, in order
    std::vector<method> passed;
    std::size_t kbd_rounds = 0;

    bool key_ok(const std::string& u, const ssh::crypto::public_key& k) const {
        return u == user && std::find(authorized.begin(), authorized.end(), k) != authorized.end();
    }

    void finish(server_auth& s, bool ok, method m, boost::system::error_code& ec) {
        if (!ok)
            return s.accept(false, ec);
        passed.push_back(m);
        const bool all = std::all_of(required.begin(), required.end(), [&](method r) {
            return std::find(passed.begin(), passed.end(), r) != passed.end();
        });
        if (all)
            s.accept(true, ec);
        else
            s.accept_partial(ec);
    }

    void on_event(server_auth& s, const server_auth_event& e, boost::system::error_code& ec) {
        if (const auto* q = std::get_if<ssh::auth::publickey_query>(&e)) {
            seen.push_back("query " + q->algorithm);
            s.accept_key_query(key_ok(q->user, q->key), ec);
        } else if (const auto* a = std::get_if<ssh::auth::publickey_attempt>(&e)) {
            seen.push_back("attempt " + a->algorithm);
            finish(s, key_ok(a->user, a->key), method::publickey, ec);
        } else if (const auto* p = std::get_if<ssh::auth::password_attempt>(&e)) {
            seen.push_back("password");
            finish(s, p->user == user && p->password.view() == password, method::password, ec);
        } else if (std::get_if<ssh::auth::kbd_start>(&e)) {
            seen.push_back("kbd_start");
            if (kbd_zero_prompt_round)
                s.send_prompts("", "Welcome to the lab", {}, ec);
            else
                s.send_prompts("", "", {{"Password: ", false}}, ec);
        } else if (const auto* k = std::get_if<ssh::auth::kbd_answers>(&e)) {
            seen.push_back("kbd_answers " + std::to_string(k->answers.size()));
            if (k->answers.empty() && kbd_rounds++ == 0)
                s.send_prompts("", "", {{"Password: ", false}}, ec);
            else
                finish(s, k->answers.size() == 1 && k->answers[0].view() == password,
                       method::keyboard_interactive, ec);
        } else if (const auto* done = std::get_if<ssh::auth::authenticated>(&e)) {
            seen.push_back("authenticated " + std::string{method_name(done->used)});
        } else if (std::get_if<ssh::auth::too_many_attempts>(&e)) {
            seen.push_back("too_many_attempts");
        }
    }
};

// Our client_auth against our server_auth, payloads moved both ways in memory.
struct pump {
    pump(ssh::auth::client_auth_config cc, server_auth_config sc, server_app a)
        : server_sig_algs{sc.signature_algorithms}
        , rng{ssh::crypto::make_deterministic_random(7)}
        , client{to_server, std::move(cc), *rng}
        , server{to_client, std::move(sc)}
        , app{std::move(a)} {}

    void run() {
        boost::system::error_code ec;
        client.start(session_id(), server_sig_algs, ec); // as if from EXT_INFO
        BOOST_REQUIRE(!ec);
        server.start(session_id(), ec);
        BOOST_REQUIRE(!ec);
        for (int guard = 0; guard < 1000; ++guard) {
            bool progress = false;
            while (cs < to_server.sent.size()) {
                const bytes p = to_server.sent[cs++];
                server.handle(p, ec);
                note(server_ec, ec);
                serve_events();
                progress = true;
            }
            while (sc < to_client.sent.size()) {
                const bytes p = to_client.sent[sc++];
                client.handle(p, ec);
                note(client_ec, ec);
                while (auto e = client.next_event())
                    client_events.push_back(std::move(*e));
                progress = true;
            }
            if (!progress)
                return;
        }
        BOOST_FAIL("the exchange does not end");
    }

    void serve_events() {
        boost::system::error_code ec;
        while (auto e = server.next_event()) {
            app.on_event(server, *e, ec);
            note(server_ec, ec);
            server_events.push_back(std::move(*e));
        }
    }

    static void note(boost::system::error_code& first, const boost::system::error_code& ec) {
        if (ec && !first)
            first = ec;
    }

    std::vector<std::string> server_sig_algs;
    recording_sink to_server;
    recording_sink to_client;
    std::unique_ptr<ssh::crypto::random_source> rng;
    ssh::auth::client_auth client;
    server_auth server;
    server_app app;
    std::vector<ssh::auth::auth_event> client_events;
    std::vector<server_auth_event> server_events;
    boost::system::error_code client_ec;
    boost::system::error_code server_ec;
    std::size_t cs = 0;
    std::size_t sc = 0;
};

ssh::auth::client_auth_config client_with(std::vector<key_ptr> keys,
                                          std::vector<method> methods = {method::publickey}) {
    ssh::auth::client_auth_config c;
    c.user = "netops";
    c.keys = std::move(keys);
    c.methods = std::move(methods);
    return c;
}

ssh::auth::client_auth_config client_with_password(std::string_view password,
                                                   std::vector<method> methods) {
    auto c = client_with({}, std::move(methods));
    c.password = ssh::auth::secret{password};
    return c;
}

server_app app_with_keys(std::vector<key_ptr> keys) {
    server_app a;
    for (const auto& k : keys)
        a.authorized.push_back(k->public_key());
    return a;
}

void check_both_succeeded(pump& p, method m) {
    BOOST_TEST(!p.client_ec);
    BOOST_TEST(!p.server_ec);
    BOOST_TEST(p.client.succeeded());
    BOOST_TEST(p.server.succeeded());
    BOOST_TEST((p.server.succeeded_method() == m));
    BOOST_TEST((p.client.succeeded_method() == m));
    BOOST_REQUIRE(p.server.user().has_value());
    BOOST_TEST(*p.server.user() == "netops");
    BOOST_TEST(count_type(p.to_client.sent, 52) == 1u);
    BOOST_REQUIRE(!p.server_events.empty());
    const auto* done = std::get_if<ssh::auth::authenticated>(&p.server_events.back());
    BOOST_REQUIRE(done != nullptr);
    BOOST_TEST(done->user == "netops");
    BOOST_TEST((done->used == m));
}

void check_key_login(
    const key_ptr& key, std::string_view alg,
    std::vector<std::string> sig_algs = ssh::auth::default_server_signature_algorithms()) {
    server_auth_config sc;
    sc.signature_algorithms = std::move(sig_algs);
    pump p{client_with({key}), std::move(sc), app_with_keys({key})};
    p.run();
    check_both_succeeded(p, method::publickey);
    const std::vector<std::string> expected{
        "query " + std::string{alg}, "attempt " + std::string{alg}, "authenticated publickey"};
    BOOST_TEST(p.app.seen == expected, boost::test_tools::per_element());
    BOOST_TEST(p.server.failures() == 0u);
}

} // namespace

BOOST_AUTO_TEST_SUITE(server_auth_with_our_client)

BOOST_AUTO_TEST_CASE(default_signature_algorithms_leave_out_sha1) {
    const auto algs = ssh::auth::default_server_signature_algorithms();
    BOOST_TEST((std::find(algs.begin(), algs.end(), "rsa-sha2-512") != algs.end()));
    BOOST_TEST((std::find(algs.begin(), algs.end(), "rsa-sha2-256") != algs.end()));
    BOOST_TEST((std::find(algs.begin(), algs.end(), "ssh-ed25519") != algs.end()));
    BOOST_TEST((std::find(algs.begin(), algs.end(), "ssh-rsa") == algs.end()));
}

BOOST_AUTO_TEST_CASE(publickey_ed25519) {
    check_key_login(keys().ed25519, "ssh-ed25519");
}

BOOST_AUTO_TEST_CASE(publickey_ecdsa) {
    check_key_login(keys().ecdsa, "ecdsa-sha2-nistp256");
}

BOOST_AUTO_TEST_CASE(publickey_rsa_sha2_512) {
    check_key_login(keys().rsa, "rsa-sha2-512");
}

BOOST_AUTO_TEST_CASE(publickey_rsa_sha2_256_when_server_sig_algs_says_so) {
    check_key_login(keys().rsa, "rsa-sha2-256", {"ssh-ed25519", "rsa-sha2-256"});
}

BOOST_AUTO_TEST_CASE(unknown_key_is_refused_then_the_next_one_passes) {
    pump p{client_with({keys().ed25519_b, keys().ed25519}), {}, app_with_keys({keys().ed25519})};
    p.run();
    check_both_succeeded(p, method::publickey);
    const std::vector<std::string> expected{"query ssh-ed25519", "query ssh-ed25519",
                                            "attempt ssh-ed25519", "authenticated publickey"};
    BOOST_TEST(p.app.seen == expected, boost::test_tools::per_element());
    BOOST_TEST(p.server.failures() == 1u); // the refused query counts, as in OpenSSH
}

BOOST_AUTO_TEST_CASE(password_right) {
    pump p{client_with_password("hunter2", {method::password}), {}, server_app{}};
    p.run();
    check_both_succeeded(p, method::password);
    // "none" first: its FAILURE lists what we offer, in order.
    const auto none_reply = read_failure(p.to_client.sent[1]);
    const std::vector<std::string> offered{"publickey", "keyboard-interactive", "password"};
    BOOST_TEST(none_reply.methods == offered, boost::test_tools::per_element());
    BOOST_TEST(!none_reply.partial);
}

BOOST_AUTO_TEST_CASE(password_wrong) {
    pump p{client_with_password("wrong", {method::password}), {}, server_app{}};
    p.run();
    BOOST_TEST(p.client.done());
    BOOST_TEST(!p.client.succeeded());
    BOOST_TEST(p.client_ec == errc::auth_failed);
    BOOST_TEST(!p.server_ec);
    BOOST_TEST(!p.server.done()); // still waiting for the next request
    BOOST_TEST(p.server.failures() == 1u);
    BOOST_TEST(count_type(p.to_client.sent, 52) == 0u);
}

BOOST_AUTO_TEST_CASE(keyboard_interactive_answered_with_the_password) {
    pump p{client_with_password("hunter2", {method::keyboard_interactive}), {}, server_app{}};
    p.run();
    check_both_succeeded(p, method::keyboard_interactive);
    const std::vector<std::string> expected{"kbd_start", "kbd_answers 1",
                                            "authenticated keyboard-interactive"};
    BOOST_TEST(p.app.seen == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(keyboard_interactive_with_a_zero_prompt_round) {
    auto app = server_app{};
    app.kbd_zero_prompt_round = true;
    pump p{client_with_password("hunter2", {method::keyboard_interactive}), {}, std::move(app)};
    p.run();
    check_both_succeeded(p, method::keyboard_interactive);
    const std::vector<std::string> expected{"kbd_start", "kbd_answers 0", "kbd_answers 1",
                                            "authenticated keyboard-interactive"};
    BOOST_TEST(p.app.seen == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(keyboard_interactive_wrong_password) {
    pump p{client_with_password("wrong", {method::keyboard_interactive}), {}, server_app{}};
    p.run();
    BOOST_TEST(!p.client.succeeded());
    BOOST_TEST(p.client_ec == errc::auth_failed);
    BOOST_TEST(!p.server.succeeded());
    BOOST_TEST(p.server.failures() == 1u);
}

BOOST_AUTO_TEST_CASE(partial_success_publickey_then_password) {
    auto app = app_with_keys({keys().ed25519});
    app.required = {method::publickey, method::password};
    auto cc = client_with({keys().ed25519}, {method::publickey, method::password});
    cc.password = ssh::auth::secret{"hunter2"};
    pump p{std::move(cc), {}, std::move(app)};
    p.run();
    check_both_succeeded(p, method::password);
    // The FAILURE after the key: partial, and publickey no longer offered.
    const auto& sent = p.to_client.sent;
    const auto it = std::find_if(sent.begin(), sent.end(), [](const bytes& m) {
        return m[0] == 51 && read_failure(m).partial;
    });
    BOOST_REQUIRE(it != sent.end());
    const std::vector<std::string> left{"keyboard-interactive", "password"};
    BOOST_TEST(read_failure(*it).methods == left, boost::test_tools::per_element());
    const std::vector<std::string> expected{"query ssh-ed25519", "attempt ssh-ed25519", "password",
                                            "authenticated password"};
    BOOST_TEST(p.app.seen == expected, boost::test_tools::per_element());
    BOOST_TEST(p.server.failures() == 0u);
}

BOOST_AUTO_TEST_CASE(banner_goes_before_the_first_reply) {
    server_auth_config sc;
    sc.banner = "Authorized use only\r\n";
    sc.banner_language = "en";
    pump p{client_with_password("hunter2", {method::password}), std::move(sc), server_app{}};
    p.run();
    check_both_succeeded(p, method::password);
    BOOST_REQUIRE_GE(p.to_client.sent.size(), 2u);
    BOOST_TEST(p.to_client.sent[0][0] == 6);  // SERVICE_ACCEPT
    BOOST_TEST(p.to_client.sent[1][0] == 53); // BANNER, before the FAILURE to "none"
    BOOST_TEST(count_type(p.to_client.sent, 53) == 1u);
    BOOST_REQUIRE(!p.client_events.empty());
    const auto* b = std::get_if<ssh::auth::banner_event>(&p.client_events[0]);
    BOOST_REQUIRE(b != nullptr);
    BOOST_TEST(b->message == "Authorized use only\n");
    BOOST_TEST(b->language == "en");
}

BOOST_AUTO_TEST_CASE(attempts_are_capped) {
    server_auth_config sc;
    sc.max_attempts = 3;
    auto cc = client_with({keys().ed25519_b, keys().ecdsa, keys().rsa, keys().ed25519},
                          {method::publickey, method::password});
    cc.password = ssh::auth::secret{"wrong"};
    pump p{std::move(cc), std::move(sc), app_with_keys({})};
    p.run();
    BOOST_TEST(p.server_ec == errc::auth_failed);
    BOOST_TEST(p.server.done());
    BOOST_TEST(!p.server.succeeded());
    BOOST_TEST(p.server.failures() == 3u);
    BOOST_TEST(p.server.disconnect_reason() == 14u); // NO_MORE_AUTH_METHODS_AVAILABLE
    BOOST_TEST(p.server.error_message() == "too many authentication failures");
    // "none" (not counted) and the first two refusals are answered; the third is not.
    BOOST_TEST(count_type(p.to_client.sent, 51) == 3u);
    BOOST_REQUIRE(!p.app.seen.empty());
    BOOST_TEST(p.app.seen.back() == "too_many_attempts");
    BOOST_TEST(!p.client.done()); // waits; the session's DISCONNECT ends it
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(server_auth_direct)

BOOST_AUTO_TEST_CASE(service_request_and_start) {
    server_harness h;
    boost::system::error_code ec;
    BOOST_TEST(h.feed(none_request()) == errc::unexpected_message); // before start()
    server_harness g;
    g.begin();
    ssh::wire::reader r{g.sink.sent[0]};
    r.byte();
    BOOST_TEST(r.text(64) == "ssh-userauth");
    g.auth.start(session_id(), ec);
    BOOST_TEST(ec == errc::invalid_call);
    BOOST_TEST(g.feed(service_request()) == errc::unexpected_message); // a second one
}

BOOST_AUTO_TEST_CASE(service_other_than_userauth_is_refused) {
    server_harness h;
    boost::system::error_code ec;
    h.auth.start(session_id(), ec);
    BOOST_TEST(h.feed(service_request("ssh-connection")) == errc::unexpected_message);
    BOOST_TEST(h.auth.disconnect_reason() == 7u); // SERVICE_NOT_AVAILABLE
    BOOST_TEST(h.sink.sent.empty());
}

BOOST_AUTO_TEST_CASE(request_before_service_request) {
    server_harness h;
    boost::system::error_code ec;
    h.auth.start(session_id(), ec);
    BOOST_TEST(h.feed(password_request("netops", "hunter2")) == errc::unexpected_message);
    BOOST_TEST(h.sink.sent.empty());
    BOOST_TEST(h.events().empty());
}

BOOST_AUTO_TEST_CASE(request_for_another_service_than_connection) {
    server_harness h;
    h.begin();
    BOOST_TEST(h.feed(none_request("netops", "ssh-foo")) == errc::unexpected_message);
    BOOST_TEST(h.auth.disconnect_reason() == 7u);
}

BOOST_AUTO_TEST_CASE(none_is_never_accepted_and_repeats_count) {
    server_harness h;
    h.begin();
    BOOST_TEST(!h.feed(none_request()));
    BOOST_TEST(read_failure(h.last_sent()).methods.size() == 3u);
    BOOST_TEST(h.auth.failures() == 0u);
    BOOST_TEST(!h.feed(none_request()));
    BOOST_TEST(h.last_sent()[0] == 51);
    BOOST_TEST(h.auth.failures() == 1u);
    BOOST_TEST(h.events().empty());
}

BOOST_AUTO_TEST_CASE(methods_not_offered_fail_without_an_event) {
    server_auth_config c;
    c.methods = {method::publickey, method::none, method::publickey};
    server_harness h{c};
    h.begin();
    BOOST_TEST(!h.feed(password_request("netops", "hunter2")));
    const std::vector<std::string> only_pk{"publickey"};
    BOOST_TEST(read_failure(h.last_sent()).methods == only_pk, boost::test_tools::per_element());
    BOOST_TEST(!h.feed(kbd_request()));
    writer w;
    header(w, "netops", "hostbased");
    w.string("whatever");
    BOOST_TEST(!h.feed(w.take()));
    BOOST_TEST(h.last_sent()[0] == 51);
    BOOST_TEST(h.events().empty());
    BOOST_TEST(h.auth.failures() == 3u);
}

BOOST_AUTO_TEST_CASE(password_event_and_change_request) {
    server_harness h;
    h.begin();
    BOOST_TEST(!h.feed(password_request("netops", "old", true))); // RFC 4252 §8 change
    BOOST_TEST(h.last_sent()[0] == 51);
    BOOST_TEST(h.events().empty());
    BOOST_TEST(!h.feed(password_request("netops", "hunter2")));
    const auto e = only_event<ssh::auth::password_attempt>(h.events());
    BOOST_TEST(e.user == "netops");
    BOOST_TEST(e.password.view() == "hunter2");
    BOOST_TEST(h.auth.awaiting_decision());
    boost::system::error_code ec;
    h.auth.accept(true, ec);
    BOOST_TEST(!ec);
    BOOST_TEST(h.last_sent() == bytes{52}, boost::test_tools::per_element());
    const auto done = only_event<ssh::auth::authenticated>(h.events());
    BOOST_TEST((done.used == method::password));
}

BOOST_AUTO_TEST_CASE(publickey_query_answers) {
    server_harness h;
    h.begin();
    const auto blob = keys().ed25519->public_key().blob();
    BOOST_TEST(!h.feed(publickey_unsigned("netops", "ssh-ed25519", blob)));
    const auto q = only_event<ssh::auth::publickey_query>(h.events());
    BOOST_TEST(q.algorithm == "ssh-ed25519");
    BOOST_TEST((q.key == keys().ed25519->public_key()));
    BOOST_TEST(h.sink.sent.size() == 1u); // nothing until the application answers
    boost::system::error_code ec;
    h.auth.accept(true, ec); // the wrong answer call for a query
    BOOST_TEST(ec == errc::invalid_call);
    h.auth.accept_key_query(true, ec);
    BOOST_TEST(!ec);
    ssh::wire::reader r{h.last_sent()};
    BOOST_TEST(r.byte() == 60); // PK_OK repeats the algorithm and blob
    BOOST_TEST(r.text(64) == "ssh-ed25519");
    const auto echoed = r.string(4096);
    BOOST_TEST(bytes(echoed.begin(), echoed.end()) == bytes(blob.begin(), blob.end()),
               boost::test_tools::per_element());
    r.expect_end();
    BOOST_TEST(!r.failed());
    BOOST_TEST(!h.feed(publickey_unsigned("netops", "ssh-ed25519", blob)));
    h.auth.accept_key_query(false, ec);
    BOOST_TEST(!ec);
    BOOST_TEST(h.last_sent()[0] == 51);
    BOOST_TEST(h.auth.failures() == 1u);
}

BOOST_AUTO_TEST_CASE(valid_signature_becomes_an_attempt) {
    server_harness h;
    h.begin();
    const auto& k = *keys().ecdsa;
    BOOST_TEST(!h.feed(publickey_signed("netops", "ecdsa-sha2-nistp256", k.public_key().blob(), k,
                                        "ecdsa-sha2-nistp256")));
    const auto a = only_event<ssh::auth::publickey_attempt>(h.events());
    BOOST_TEST(a.algorithm == "ecdsa-sha2-nistp256");
    BOOST_TEST((a.key == k.public_key()));
    boost::system::error_code ec;
    h.auth.accept_key_query(true, ec);
    BOOST_TEST(ec == errc::invalid_call);
    h.auth.accept(false, ec);
    BOOST_TEST(!ec);
    BOOST_TEST(h.last_sent()[0] == 51);
}

BOOST_AUTO_TEST_CASE(bad_signatures_fail_without_asking) {
    const auto& a = *keys().ed25519;
    const auto& b = *keys().ed25519_b;
    const auto& rsa = *keys().rsa;
    bytes other_session = session_id();
    other_session[0] ^= 1;
    std::vector<bytes> cases{
        // signed by another key than the one in the request
        publickey_signed("netops", "ssh-ed25519", a.public_key().blob(), b, "ssh-ed25519"),
        // over another session id
        publickey_signed("netops", "ssh-ed25519", a.public_key().blob(), a, "ssh-ed25519",
                         other_session),
        // for another user than the request's
        [&] {
            auto m =
                publickey_signed("admin", "ssh-ed25519", a.public_key().blob(), a, "ssh-ed25519");
            auto good =
                publickey_signed("netops", "ssh-ed25519", a.public_key().blob(), a, "ssh-ed25519");
            // netops's request carrying admin's signature: the same length, last 83 bytes
            std::copy(m.end() - 83, m.end(), good.end() - 83);
            return good;
        }(),
        // the signature blob names rsa-sha2-256, the request rsa-sha2-512
        publickey_signed("netops", "rsa-sha2-512", rsa.public_key().blob(), rsa, "rsa-sha2-256"),
    };
    // A flipped bit in the signature itself.
    auto flipped =
        publickey_signed("netops", "ssh-ed25519", a.public_key().blob(), a, "ssh-ed25519");
    flipped.back() ^= 0x01;
    cases.push_back(flipped);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        BOOST_TEST_CONTEXT("case " << i) {
            server_harness h;
            h.begin();
            BOOST_TEST(!h.feed(cases[i]));
            BOOST_TEST(h.last_sent()[0] == 51);
            BOOST_TEST(h.events().empty());
            BOOST_TEST(h.auth.failures() == 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(algorithm_must_fit_the_key_and_be_configured) {
    const auto ed = keys().ed25519->public_key().blob();
    const auto rsa = keys().rsa->public_key().blob();
    const bytes garbage{0, 0, 0, 7, 's', 's', 'h', '-', 'd', 's', 's'};
    std::vector<bytes> cases{
        publickey_unsigned("netops", "ssh-ed25519", rsa),
        publickey_unsigned("netops", "rsa-sha2-512", ed),
        publickey_unsigned("netops", "ssh-rsa", rsa), // SHA-1: not configured by default
        publickey_unsigned("netops", "ssh-dss", garbage),
        publickey_unsigned("netops", "ssh-ed25519", garbage),
        publickey_unsigned("netops", "no-such-alg", ed),
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        BOOST_TEST_CONTEXT("case " << i) {
            server_harness h;
            h.begin();
            BOOST_TEST(!h.feed(cases[i]));
            BOOST_TEST(h.last_sent()[0] == 51);
            BOOST_TEST(h.events().empty());
        }
    }
    // ssh-rsa once configured (legacy devices).
    server_auth_config c;
    c.signature_algorithms.push_back("ssh-rsa");
    server_harness h{c};
    h.begin();
    BOOST_TEST(!h.feed(publickey_unsigned("netops", "ssh-rsa", rsa)));
    BOOST_TEST(only_event<ssh::auth::publickey_query>(h.events()).algorithm == "ssh-rsa");
}

BOOST_AUTO_TEST_CASE(keyboard_interactive_rounds) {
    server_harness h;
    h.begin();
    BOOST_TEST(!h.feed(kbd_request()));
    BOOST_TEST(only_event<ssh::auth::kbd_start>(h.events()).user == "netops");
    boost::system::error_code ec;
    h.auth.send_prompts("Login", "Two prompts", {{"User: ", true}, {"Token: ", false}}, ec);
    BOOST_TEST(!ec);
    ssh::wire::reader r{h.last_sent()};
    BOOST_TEST(r.byte() == 60);
    BOOST_TEST(r.text(64) == "Login");
    BOOST_TEST(r.text(64) == "Two prompts");
    BOOST_TEST(r.text(64) == "");
    BOOST_TEST(r.uint32() == 2u);
    BOOST_TEST(r.text(64) == "User: ");
    BOOST_TEST(r.boolean());
    BOOST_TEST(r.text(64) == "Token: ");
    BOOST_TEST(!r.boolean());
    r.expect_end();
    BOOST_TEST(!r.failed());
    h.auth.accept(true, ec); // nothing to decide while the INFO_RESPONSE is outstanding
    BOOST_TEST(ec == errc::invalid_call);
    BOOST_TEST(!h.feed(info_response({"netops", "123456"})));
    const auto answers = only_event<ssh::auth::kbd_answers>(h.events());
    BOOST_REQUIRE_EQUAL(answers.answers.size(), 2u);
    BOOST_TEST(answers.answers[1].view() == "123456");
    h.auth.accept(true, ec);
    BOOST_TEST(!ec);
    BOOST_TEST(h.auth.succeeded());
}

BOOST_AUTO_TEST_CASE(new_request_abandons_keyboard_interactive) {
    server_harness h;
    h.begin();
    BOOST_TEST(!h.feed(kbd_request()));
    h.events();
    boost::system::error_code ec;
    h.auth.send_prompts("", "", {{"Password: ", false}}, ec);
    BOOST_TEST(!h.feed(password_request("netops", "hunter2"))); // RFC 4252 §5
    BOOST_TEST(only_event<ssh::auth::password_attempt>(h.events()).password.view() == "hunter2");
    h.auth.accept(false, ec);
    BOOST_TEST(h.feed(info_response({"late"})) == errc::unexpected_message);
}

BOOST_AUTO_TEST_CASE(after_success_requests_are_ignored) {
    server_harness h;
    h.begin();
    BOOST_TEST(!h.feed(password_request("netops", "hunter2")));
    boost::system::error_code ec;
    h.auth.accept(true, ec);
    const auto sent = h.sink.sent.size();
    BOOST_TEST(!h.feed(password_request("netops", "hunter2")));
    BOOST_TEST(!h.feed(none_request("someone-else")));
    BOOST_TEST(h.sink.sent.size() == sent);
    h.events();
    BOOST_TEST(h.events().empty());
    BOOST_TEST(h.feed(bytes{52}) == errc::unexpected_message);
    BOOST_TEST(h.auth.succeeded());
    h.auth.accept(true, ec);
    BOOST_TEST(ec == errc::invalid_call);
}

BOOST_AUTO_TEST_CASE(partial_needs_another_method_left) {
    server_auth_config c;
    c.methods = {method::password};
    server_harness h{c};
    h.begin();
    BOOST_TEST(!h.feed(password_request("netops", "hunter2")));
    boost::system::error_code ec;
    h.auth.accept_partial(ec);
    BOOST_TEST(ec == errc::invalid_call);
    BOOST_TEST(h.auth.awaiting_decision());
    h.auth.accept(true, ec);
    BOOST_TEST(h.auth.succeeded());
}

BOOST_AUTO_TEST_CASE(pipelined_requests_wait_their_turn) {
    server_harness h;
    h.begin();
    BOOST_TEST(!h.feed(password_request("netops", "first")));
    BOOST_TEST(!h.feed(password_request("netops", "second"))); // queued
    BOOST_TEST(!h.feed(none_request()));                       // queued
    auto events = h.events();
    BOOST_TEST(only_event<ssh::auth::password_attempt>(events).password.view() == "first");
    boost::system::error_code ec;
    h.auth.accept(false, ec);
    BOOST_TEST(!ec);
    BOOST_TEST(only_event<ssh::auth::password_attempt>(h.events()).password.view() == "second");
    const auto before = h.sink.sent.size();
    h.auth.accept(false, ec); // FAILURE, then the queued "none" gets its FAILURE
    BOOST_TEST(!ec);
    BOOST_TEST(h.sink.sent.size() == before + 2);
    BOOST_TEST(h.auth.failures() == 3u);
}

BOOST_AUTO_TEST_CASE(pipelining_is_bounded) {
    server_harness h;
    h.begin();
    BOOST_TEST(!h.feed(password_request("netops", "first")));
    for (int i = 0; i < 8; ++i)
        BOOST_TEST(!h.feed(none_request()));
    BOOST_TEST(h.feed(none_request()) == errc::unexpected_message);
    BOOST_TEST(h.auth.done());

    server_harness big;
    big.begin();
    BOOST_TEST(!big.feed(password_request("netops", "first")));
    BOOST_TEST(!big.feed(password_request("netops", std::string(200 * 1024, 'x'))));
    BOOST_TEST(big.feed(password_request("netops", std::string(60 * 1024, 'x'))) ==
               errc::unexpected_message);
}

BOOST_AUTO_TEST_CASE(queued_error_surfaces_from_the_answer_call) {
    server_harness h;
    h.begin();
    BOOST_TEST(!h.feed(password_request("netops", "first")));
    BOOST_TEST(!h.feed(none_request("other-user"))); // queued
    boost::system::error_code ec;
    h.auth.accept(false, ec);
    BOOST_TEST(ec == errc::unexpected_message); // the user name changed
    BOOST_TEST(h.auth.done());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(server_auth_bad_input)

// E40: a client claiming success, or sending any server-only message, is never
// authenticated by it.
BOOST_AUTO_TEST_CASE(server_messages_from_the_client) {
    for (int type = 51; type <= 79; ++type) {
        if (type == 61)
            continue;
        BOOST_TEST_CONTEXT("message " << type) {
            server_harness h;
            h.begin();
            BOOST_TEST(h.feed(bytes{static_cast<std::uint8_t>(type)}) == errc::unexpected_message);
            BOOST_TEST(h.auth.done());
            BOOST_TEST(!h.auth.succeeded());
            BOOST_TEST(h.auth.disconnect_reason() == 2u);
            BOOST_TEST(h.events().empty());
            BOOST_TEST(count_type(h.sink.sent, 52) == 0u);
            // and nothing revives it
            BOOST_TEST(h.feed(password_request("netops", "hunter2")) == errc::unexpected_message);
        }
    }
    // 52 while a decision is pending, and before the service request.
    server_harness h;
    h.begin();
    BOOST_TEST(!h.feed(password_request("netops", "hunter2")));
    BOOST_TEST(h.feed(bytes{52}) == errc::unexpected_message);
    boost::system::error_code ec;
    h.auth.accept(true, ec);
    BOOST_TEST(ec == errc::invalid_call);
    BOOST_TEST(!h.auth.succeeded());
    server_harness early;
    early.auth.start(session_id(), ec);
    BOOST_TEST(early.feed(bytes{52}) == errc::unexpected_message);
    BOOST_TEST(early.feed(bytes{}) == errc::unexpected_message); // sticky
}

BOOST_AUTO_TEST_CASE(empty_and_foreign_messages) {
    server_harness h;
    h.begin();
    BOOST_TEST(h.feed(bytes{}) == errc::bad_message);
    server_harness g;
    g.begin();
    BOOST_TEST(g.feed(bytes{94, 0, 0, 0, 0}) == errc::unexpected_message);
}

// Every proper prefix of every message kind is malformed, and so is any trailing byte.
BOOST_AUTO_TEST_CASE(truncated_and_extended_messages) {
    const auto& k = *keys().ed25519;
    const auto blob = k.public_key().blob();
    struct message_case {
        std::string name;
        bytes message;
        int setup; // 0: after start, 1: after SERVICE_ACCEPT, 2: with one prompt outstanding
    };
    const std::vector<message_case> cases{
        {"service request", service_request(), 0},
        {"none", none_request(), 1},
        {"publickey query", publickey_unsigned("netops", "ssh-ed25519", blob), 1},
        {"publickey signed", publickey_signed("netops", "ssh-ed25519", blob, k, "ssh-ed25519"), 1},
        {"password", password_request("netops", "hunter2"), 1},
        {"password change", password_request("netops", "hunter2", true), 1},
        {"keyboard-interactive", kbd_request(), 1},
        {"info response", info_response({"hunter2"}), 2},
    };
    auto prepare = [&](server_harness& h, int setup) {
        boost::system::error_code ec;
        if (setup == 0) {
            h.auth.start(session_id(), ec);
            return;
        }
        h.begin();
        if (setup == 2) {
            BOOST_REQUIRE(!h.feed(kbd_request()));
            h.events();
            h.auth.send_prompts("", "", {{"Password: ", false}}, ec);
            BOOST_REQUIRE(!ec);
        }
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.name) {
            {
                server_harness h;
                prepare(h, c.setup);
                BOOST_TEST(!h.feed(c.message)); // the whole message is fine
            }
            for (std::size_t n = 1; n < c.message.size(); ++n) {
                server_harness h;
                prepare(h, c.setup);
                const bytes prefix(c.message.begin(),
                                   c.message.begin() + static_cast<std::ptrdiff_t>(n));
                const auto ec = h.feed(prefix);
                BOOST_TEST(ec == errc::bad_message, "prefix of " << n << " bytes");
                BOOST_TEST(h.events().empty());
            }
            server_harness h;
            prepare(h, c.setup);
            auto extended = c.message;
            extended.push_back(0);
            BOOST_TEST(h.feed(extended) == errc::bad_message);
        }
    }
}

// E43: a response count that is not the number of prompts is refused before anything is
// allocated for it.
BOOST_AUTO_TEST_CASE(keyboard_interactive_response_count) {
    auto with_prompt = [](server_harness& h) {
        h.begin();
        BOOST_REQUIRE(!h.feed(kbd_request()));
        h.events();
        boost::system::error_code ec;
        h.auth.send_prompts("", "", {{"Password: ", false}}, ec);
    };
    {
        server_harness h;
        with_prompt(h);
        writer w;
        w.byte(61);
        w.uint32(1'000'000);
        const bytes huge_count = w.take();
        BOOST_TEST(h.feed(huge_count) == errc::bad_message);
        BOOST_TEST(h.events().empty());
    }
    {
        // A million empty answers actually present (4 MB).
        server_harness h;
        with_prompt(h);
        writer w;
        w.byte(61);
        w.uint32(1'000'000);
        w.raw(bytes(4'000'000, 0));
        BOOST_TEST(h.feed(w.take()) == errc::bad_message);
    }
    {
        server_harness h;
        with_prompt(h);
        BOOST_TEST(h.feed(info_response({})) == errc::bad_message);
    }
    {
        server_harness h;
        with_prompt(h);
        BOOST_TEST(h.feed(info_response({"a", "b"})) == errc::bad_message);
    }
    {
        server_harness h; // no INFO_REQUEST outstanding
        h.begin();
        BOOST_TEST(h.feed(info_response({})) == errc::unexpected_message);
    }
}

// E47.
BOOST_AUTO_TEST_CASE(user_names) {
    {
        server_harness h;
        h.begin();
        BOOST_TEST(!h.feed(password_request(std::string(1025, 'a'), "hunter2")));
        BOOST_TEST(h.last_sent()[0] == 51);
        BOOST_TEST(h.events().empty());
        BOOST_TEST(!h.auth.user().has_value());
        BOOST_TEST(!h.feed(password_request(std::string("net\0ops", 7), "hunter2")));
        BOOST_TEST(h.last_sent()[0] == 51);
        BOOST_TEST(h.events().empty());
        BOOST_TEST(h.auth.failures() == 2u);
        // An invalid name fixes nothing: a valid one may follow.
        BOOST_TEST(!h.feed(password_request(std::string(1024, 'a'), "hunter2")));
        BOOST_TEST(only_event<ssh::auth::password_attempt>(h.events()).user.size() == 1024u);
    }
    {
        server_harness h;
        h.begin();
        BOOST_TEST(!h.feed(none_request("netops")));
        BOOST_TEST(h.feed(none_request("root")) == errc::unexpected_message);
        BOOST_TEST(h.auth.disconnect_reason() == 2u);
        BOOST_TEST(h.auth.error_message().find("root") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(error_messages_carry_no_secret) {
    server_harness h;
    h.begin();
    auto m = password_request("netops", "s3cr3t-pw");
    m.push_back(0); // trailing byte: malformed
    BOOST_TEST(h.feed(m) == errc::bad_message);
    BOOST_TEST(h.auth.error_message().find("s3cr3t") == std::string::npos);
    BOOST_TEST(h.auth.error().message().find("s3cr3t") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(attempt_cap_counts_every_kind_of_failure) {
    server_auth_config c;
    c.max_attempts = 4;
    server_harness h{c};
    h.begin();
    BOOST_TEST(!h.feed(none_request()));                                 // not counted
    BOOST_TEST(!h.feed(password_request(std::string(2000, 'x'), "pw"))); // 1: bad name
    BOOST_TEST(!h.feed(publickey_unsigned("netops", "ssh-rsa", keys().rsa->public_key().blob())));
    BOOST_TEST(!h.feed(password_request("netops", "pw", true))); // 3: change
    BOOST_TEST(h.auth.failures() == 3u);
    BOOST_TEST(h.feed(none_request()) == errc::auth_failed); // 4: the cap
    const auto e = only_event<ssh::auth::too_many_attempts>(h.events());
    BOOST_TEST(e.user == "netops");
    BOOST_TEST(e.failures == 4u);
    BOOST_TEST(h.auth.disconnect_reason() == 14u);
    BOOST_TEST(count_type(h.sink.sent, 51) == 4u);
}

BOOST_AUTO_TEST_SUITE_END()
