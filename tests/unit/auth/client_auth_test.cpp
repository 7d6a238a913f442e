// The main flows of client authentication: service request, "none", publickey, password and
// partial-success chains (RFC 4252).
#include "auth_test_support.hpp"

#include <ssh/auth/errc.hpp>
#include <ssh/wire/reader.hpp>

#include <boost/test/unit_test.hpp>

#include <variant>

using namespace auth_test;
using ssh::auth::errc;
using ssh::auth::method;

namespace {

ssh::auth::client_auth_config
config_with_keys(std::vector<std::shared_ptr<const ssh::crypto::private_key>> k) {
    ssh::auth::client_auth_config c;
    c.user = "netops";
    c.keys = std::move(k);
    return c;
}

template <typename T>
T only_event(const std::vector<ssh::auth::auth_event>& events) {
    BOOST_REQUIRE_EQUAL(events.size(), 1u);
    const auto* e = std::get_if<T>(&events[0]);
    BOOST_REQUIRE(e != nullptr);
    return *e;
}

// none -> FAILURE(publickey,password) -> query -> PK_OK -> signed request -> SUCCESS.
void check_publickey_flow(const std::shared_ptr<const ssh::crypto::private_key>& key,
                          std::string_view expected_alg) {
    harness h{config_with_keys({key})};
    h.begin({"ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256"});
    BOOST_TEST(!h.feed(failure({"publickey", "password"})));

    const auto query = h.last_request();
    BOOST_TEST(query.user == "netops");
    BOOST_TEST(query.service == "ssh-connection");
    BOOST_TEST(query.method == "publickey");
    BOOST_TEST(!query.has_signature);
    BOOST_TEST(query.algorithm == expected_alg);
    const auto blob = key->public_key().blob();
    BOOST_TEST(query.blob == bytes(blob.begin(), blob.end()), boost::test_tools::per_element());

    BOOST_TEST(!h.feed(pk_ok(expected_alg, blob)));
    const auto signed_req = h.last_request();
    BOOST_TEST(signed_req.has_signature);
    BOOST_TEST(signed_req.algorithm == expected_alg);
    boost::system::error_code ec;
    BOOST_TEST(key->public_key().verify(expected_alg, signed_data("netops", expected_alg, blob),
                                        signed_req.signature, ec));
    BOOST_TEST(!ec);

    BOOST_TEST(!h.auth.done());
    BOOST_TEST(!h.feed(success()));
    BOOST_TEST(h.auth.done());
    BOOST_TEST(h.auth.succeeded());
    BOOST_TEST((h.auth.succeeded_method() == method::publickey));
    BOOST_TEST((only_event<ssh::auth::success_event>(h.events()).used == method::publickey));
    BOOST_TEST(h.auth.requests_sent() == 3u);
}

} // namespace

BOOST_AUTO_TEST_SUITE(client_auth_flows)

BOOST_AUTO_TEST_CASE(service_request_then_none_after_accept) {
    harness h{config_with_password()};
    boost::system::error_code ec;
    h.auth.start(session_id(), {}, ec);
    BOOST_TEST(!ec);
    BOOST_REQUIRE_EQUAL(h.sink.sent.size(), 1u);
    ssh::wire::reader r{h.sink.sent[0]};
    BOOST_TEST(r.byte() == 5); // SERVICE_REQUEST, RFC 4253 §10
    BOOST_TEST(r.text(64) == "ssh-userauth");
    r.expect_end();
    BOOST_TEST(!r.failed());

    BOOST_TEST(!h.feed(service_accept()));
    BOOST_REQUIRE_EQUAL(h.sink.sent.size(), 2u);
    const auto none = h.last_request();
    BOOST_TEST(none.user == "admin");
    BOOST_TEST(none.service == "ssh-connection");
    BOOST_TEST(none.method == "none");

    h.auth.start(session_id(), {}, ec);
    BOOST_TEST(ec == errc::invalid_call);
}

BOOST_AUTO_TEST_CASE(service_accept_without_name_is_tolerated) {
    harness h{config_with_password()};
    boost::system::error_code ec;
    h.auth.start(session_id(), {}, ec);
    BOOST_TEST(!h.feed(bytes{6}));
    BOOST_TEST(h.last_request().method == "none");
}

BOOST_AUTO_TEST_CASE(service_accept_for_another_service) {
    harness h{config_with_password()};
    boost::system::error_code ec;
    h.auth.start(session_id(), {}, ec);
    BOOST_TEST(h.feed(service_accept("ssh-connection")) == errc::unexpected_message);
    BOOST_TEST(h.auth.done());
    BOOST_TEST(!h.auth.succeeded());
}

BOOST_AUTO_TEST_CASE(none_accepted) {
    harness h{config_with_password()};
    h.begin();
    BOOST_TEST(!h.feed(success()));
    BOOST_TEST((h.auth.succeeded_method() == method::none));
}

BOOST_AUTO_TEST_CASE(publickey_ed25519) {
    check_publickey_flow(keys().ed25519, "ssh-ed25519");
}

BOOST_AUTO_TEST_CASE(publickey_ecdsa) {
    check_publickey_flow(keys().ecdsa, "ecdsa-sha2-nistp256");
}

BOOST_AUTO_TEST_CASE(publickey_rsa) {
    check_publickey_flow(keys().rsa, "rsa-sha2-512");
}

BOOST_AUTO_TEST_CASE(refused_key_moves_to_the_next_key_then_password) {
    auto config = config_with_keys({keys().ed25519, keys().ecdsa});
    config.password = ssh::auth::secret{"pw"};
    harness h{std::move(config)};
    h.begin();
    BOOST_TEST(!h.feed(failure({"publickey", "password"})));
    BOOST_TEST(h.last_request().algorithm == "ssh-ed25519");
    BOOST_TEST(!h.feed(failure({"publickey", "password"})));
    BOOST_TEST(h.last_request().algorithm == "ecdsa-sha2-nistp256");
    BOOST_TEST(!h.feed(failure({"publickey", "password"})));
    const auto pw = h.last_request();
    BOOST_TEST(pw.method == "password");
    BOOST_TEST(!pw.change);
    BOOST_TEST(pw.password == "pw");
    BOOST_TEST(h.feed(failure({"publickey", "password"})) == errc::auth_failed);
    const auto& f = only_event<ssh::auth::failure_event>(h.events());
    BOOST_TEST(f.error == errc::auth_failed);
    BOOST_TEST((f.methods_tried == std::vector<std::string>{"publickey", "password"}));
    BOOST_TEST((f.methods_allowed == std::vector<std::string>{"publickey", "password"}));
    BOOST_TEST(f.message.find("pw") == std::string::npos);
    BOOST_TEST(h.auth.error() == errc::auth_failed);
}

BOOST_AUTO_TEST_CASE(methods_follow_our_order_among_those_allowed) {
    auto config = config_with_keys({keys().ed25519});
    config.password = ssh::auth::secret{"pw"};
    config.methods = {method::password, method::publickey};
    harness h{std::move(config)};
    h.begin();
    BOOST_TEST(!h.feed(failure({"keyboard-interactive", "publickey", "password"})));
    BOOST_TEST(h.last_request().method == "password");
    BOOST_TEST(!h.feed(failure({"keyboard-interactive", "publickey"})));
    BOOST_TEST(h.last_request().method == "publickey");
}

BOOST_AUTO_TEST_CASE(password_success) {
    harness h{config_with_password("s3cret")};
    h.begin();
    BOOST_TEST(!h.feed(failure({"password"})));
    const auto q = h.last_request();
    BOOST_TEST(q.method == "password");
    BOOST_TEST(q.password == "s3cret");
    BOOST_TEST(!h.feed(success()));
    BOOST_TEST((h.auth.succeeded_method() == method::password));
}

BOOST_AUTO_TEST_CASE(password_change_request_fails_cleanly) {
    harness h{config_with_password("s3cret")};
    h.begin();
    BOOST_TEST(!h.feed(failure({"password", "keyboard-interactive"})));
    BOOST_TEST(!h.feed(failure({"password"}))); // keyboard-interactive first, refused
    BOOST_TEST(h.last_request().method == "password");
    BOOST_TEST(h.feed(passwd_changereq("Password expired\x1b[2J")) == errc::auth_failed);
    const auto& f = only_event<ssh::auth::failure_event>(h.events());
    BOOST_TEST(f.message.find("password change required") != std::string::npos);
    BOOST_TEST(f.message.find("s3cret") == std::string::npos);
    BOOST_TEST(f.message.find('\x1b') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(partial_success_chain) {
    auto config = config_with_keys({keys().ed25519});
    config.password = ssh::auth::secret{"pw"};
    harness h{std::move(config)};
    h.begin();
    BOOST_TEST(!h.feed(failure({"publickey"})));
    const auto blob = keys().ed25519->public_key().blob();
    BOOST_TEST(!h.feed(pk_ok("ssh-ed25519", blob)));
    BOOST_TEST(h.last_request().has_signature);
    // The key worked; a password is needed too (OpenSSH AuthenticationMethods).
    BOOST_TEST(!h.feed(failure({"password", "keyboard-interactive"}, true)));
    BOOST_TEST(h.last_request().method == "keyboard-interactive");
    BOOST_TEST(!h.feed(info_request("", "", {{"Password: ", false}})));
    BOOST_TEST((parse_info_response(h.last_sent()) == std::vector<std::string>{"pw"}));
    BOOST_TEST(!h.feed(failure({"password"}))); // kbd-int refused; password remains
    BOOST_TEST(h.last_request().method == "password");
    BOOST_TEST(!h.feed(success()));
    BOOST_TEST((h.auth.succeeded_method() == method::password));
}

BOOST_AUTO_TEST_CASE(partially_accepted_key_is_not_offered_again) {
    harness h{config_with_keys({keys().ed25519, keys().ed25519_b})};
    h.begin();
    BOOST_TEST(!h.feed(failure({"publickey"})));
    const auto blob_a = keys().ed25519->public_key().blob();
    BOOST_TEST(!h.feed(pk_ok("ssh-ed25519", blob_a)));
    BOOST_TEST(!h.feed(failure({"publickey"}, true)));
    const auto q = h.last_request();
    const auto blob_b = keys().ed25519_b->public_key().blob();
    BOOST_TEST(!q.has_signature);
    BOOST_TEST(q.blob == bytes(blob_b.begin(), blob_b.end()), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_usable_method) {
    harness h{config_with_password()};
    h.begin();
    BOOST_TEST(h.feed(failure({"publickey", "hostbased"})) == errc::no_methods_left);
    const auto& f = only_event<ssh::auth::failure_event>(h.events());
    BOOST_TEST(f.methods_tried.empty());
    BOOST_TEST((f.methods_allowed == std::vector<std::string>{"publickey", "hostbased"}));
    BOOST_TEST(f.message.find("publickey,hostbased") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_user_names_send_nothing) {
    for (const auto& user : {std::string(1025, 'a'), std::string("ad\0min", 6)}) {
        auto config = config_with_password();
        config.user = user;
        harness h{std::move(config)};
        boost::system::error_code ec;
        h.auth.start(session_id(), {}, ec);
        BOOST_TEST(ec == errc::bad_user_name);
        BOOST_TEST(h.sink.sent.empty());
        BOOST_TEST(h.auth.done());
    }
    auto config = config_with_password();
    config.user = std::string(1024, 'a');
    harness h{std::move(config)};
    h.begin();
}

BOOST_AUTO_TEST_CASE(cancel_ends_authentication) {
    harness h{config_with_password()};
    h.begin();
    h.auth.cancel();
    BOOST_TEST(h.auth.done());
    BOOST_TEST(h.auth.error() == errc::cancelled);
    BOOST_TEST(only_event<ssh::auth::failure_event>(h.events()).error == errc::cancelled);
    BOOST_TEST(h.feed(success()) == errc::cancelled); // sticky
}

BOOST_AUTO_TEST_CASE(error_category) {
    const boost::system::error_code ec = errc::too_many_prompts;
    BOOST_TEST(std::string{ec.category().name()} == "ssh.auth");
    BOOST_TEST(!ec.message().empty());
}

BOOST_AUTO_TEST_SUITE_END()
