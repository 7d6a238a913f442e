// Which signature algorithm an RSA user key is offered with (RFC 8332 §3.2, RFC 8308 §3.1,
// ssh-conformance.md §3.9), and PK_OK that names something else (RFC 4252 §7).
#include "auth_test_support.hpp"

#include <ssh/auth/errc.hpp>
#include <ssh/auth/key_algorithms.hpp>

#include <boost/test/unit_test.hpp>

using namespace auth_test;
using ssh::auth::errc;
using names = std::vector<std::string>;
using views = std::vector<std::string_view>;

namespace {

ssh::auth::client_auth_config rsa_config() {
    ssh::auth::client_auth_config c;
    c.user = "netops";
    c.keys = {keys().rsa, keys().ed25519};
    return c;
}

} // namespace

BOOST_AUTO_TEST_SUITE(rsa_algorithm_choice)

BOOST_AUTO_TEST_CASE(user_key_algorithms_rules) {
    const auto& rsa = keys().rsa->public_key();
    using ssh::auth::user_key_algorithms;
    BOOST_TEST((user_key_algorithms(rsa, {"rsa-sha2-256", "rsa-sha2-512"}, false) ==
                views{"rsa-sha2-512"}));
    BOOST_TEST(
        (user_key_algorithms(rsa, {"ssh-ed25519", "rsa-sha2-256"}, true) == views{"rsa-sha2-256"}));
    BOOST_TEST((user_key_algorithms(rsa, {}, false) == views{"rsa-sha2-512", "rsa-sha2-256"}));
    BOOST_TEST(
        (user_key_algorithms(rsa, {}, true) == views{"rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"}));
    BOOST_TEST((user_key_algorithms(rsa, {"ssh-rsa", "ssh-ed25519"}, true) == views{"ssh-rsa"}));
    BOOST_TEST(
        (user_key_algorithms(rsa, {"ssh-rsa"}, false) == views{"rsa-sha2-512", "rsa-sha2-256"}));
    BOOST_TEST((user_key_algorithms(keys().ecdsa->public_key(), {"rsa-sha2-512"}, false) ==
                views{"ecdsa-sha2-nistp256"}));
}

BOOST_AUTO_TEST_CASE(server_lists_512) {
    harness h{rsa_config()};
    h.begin({"rsa-sha2-512", "rsa-sha2-256"});
    BOOST_TEST(!h.feed(failure({"publickey"})));
    BOOST_TEST(h.last_request().algorithm == "rsa-sha2-512");
    // Listed and refused: no second RSA algorithm, the next key.
    BOOST_TEST(!h.feed(failure({"publickey"})));
    BOOST_TEST(h.last_request().algorithm == "ssh-ed25519");
}

BOOST_AUTO_TEST_CASE(server_lists_only_256) {
    harness h{rsa_config()};
    h.begin({"ssh-ed25519", "rsa-sha2-256"});
    BOOST_TEST(!h.feed(failure({"publickey"})));
    const auto q = h.last_request();
    BOOST_TEST(q.algorithm == "rsa-sha2-256");
    const auto blob = keys().rsa->public_key().blob();
    // The blob is still "ssh-rsa" (RFC 8332 §3.2).
    BOOST_TEST(q.blob == bytes(blob.begin(), blob.end()), boost::test_tools::per_element());
    BOOST_TEST(!h.feed(pk_ok("rsa-sha2-256", blob)));
    const auto s = h.last_request();
    boost::system::error_code ec;
    BOOST_TEST(keys().rsa->public_key().verify(
        "rsa-sha2-256", signed_data("netops", "rsa-sha2-256", blob), s.signature, ec));
}

BOOST_AUTO_TEST_CASE(no_server_sig_algs_tries_512_then_256) {
    harness h{rsa_config()};
    h.begin({});
    BOOST_TEST(!h.feed(failure({"publickey"})));
    BOOST_TEST(h.last_request().algorithm == "rsa-sha2-512");
    BOOST_TEST(!h.feed(failure({"publickey"})));
    BOOST_TEST(h.last_request().algorithm == "rsa-sha2-256");
    const auto blob = keys().rsa->public_key().blob();
    BOOST_TEST(!h.feed(pk_ok("rsa-sha2-256", blob)));
    BOOST_TEST(h.last_request().has_signature);
    BOOST_TEST(!h.feed(success()));
}

BOOST_AUTO_TEST_CASE(legacy_ssh_rsa_only_when_allowed) {
    auto config = rsa_config();
    config.allow_ssh_rsa = true;
    harness h{std::move(config)};
    h.begin({"ssh-rsa"});
    BOOST_TEST(!h.feed(failure({"publickey"})));
    BOOST_TEST(h.last_request().algorithm == "ssh-rsa");
    const auto blob = keys().rsa->public_key().blob();
    BOOST_TEST(!h.feed(pk_ok("ssh-rsa", blob)));
    boost::system::error_code ec;
    BOOST_TEST(keys().rsa->public_key().verify("ssh-rsa", signed_data("netops", "ssh-rsa", blob),
                                               h.last_request().signature, ec));
}

BOOST_AUTO_TEST_CASE(ext_info_during_auth_applies_to_next_key) {
    ssh::auth::client_auth_config c;
    c.user = "netops";
    c.keys = {keys().ed25519, keys().rsa};
    harness h{std::move(c)};
    h.begin({});
    BOOST_TEST(!h.feed(failure({"publickey"})));
    BOOST_TEST(h.last_request().algorithm == "ssh-ed25519");
    h.auth.update_server_sig_algs({"rsa-sha2-256"});
    BOOST_TEST(!h.feed(failure({"publickey"})));
    BOOST_TEST(h.last_request().algorithm == "rsa-sha2-256");
}

BOOST_AUTO_TEST_CASE(pk_ok_for_another_blob) {
    harness h{rsa_config()};
    h.begin({"rsa-sha2-512"});
    BOOST_TEST(!h.feed(failure({"publickey"})));
    const auto other = keys().ed25519->public_key().blob();
    BOOST_TEST(h.feed(pk_ok("rsa-sha2-512", other)) == errc::pk_ok_mismatch);
    BOOST_TEST(h.auth.done());
    BOOST_TEST(!h.auth.succeeded());
    BOOST_TEST(h.sink.sent.size() == 3u); // nothing signed
}

BOOST_AUTO_TEST_CASE(pk_ok_for_another_algorithm) {
    harness h{rsa_config()};
    h.begin({"rsa-sha2-512"});
    BOOST_TEST(!h.feed(failure({"publickey"})));
    const auto blob = keys().rsa->public_key().blob();
    BOOST_TEST(h.feed(pk_ok("ssh-rsa", blob)) == errc::pk_ok_mismatch);
    BOOST_TEST(h.sink.sent.size() == 3u);
}

BOOST_AUTO_TEST_CASE(pk_ok_after_the_signature_is_unexpected) {
    harness h{rsa_config()};
    h.begin({"rsa-sha2-512"});
    BOOST_TEST(!h.feed(failure({"publickey"})));
    const auto blob = keys().rsa->public_key().blob();
    BOOST_TEST(!h.feed(pk_ok("rsa-sha2-512", blob)));
    BOOST_TEST(h.feed(pk_ok("rsa-sha2-512", blob)) == errc::unexpected_message);
}

BOOST_AUTO_TEST_SUITE_END()
