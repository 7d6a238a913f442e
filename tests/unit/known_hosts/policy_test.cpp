// Policies: what each StrictHostKeyChecking-like setting does with each lookup result, and
// the messages users see.
#include "kh_test_util.hpp"

#include <ssh/known_hosts/errc.hpp>
#include <ssh/known_hosts/parser.hpp>
#include <ssh/known_hosts/policy.hpp>

#include <boost/test/unit_test.hpp>

using namespace ssh::known_hosts;
using namespace kh_test;

namespace {

const policy all_policies[] = {policy::strict, policy::accept_new, policy::auto_add, policy::ask,
                               policy::off};

struct fixture {
    scratch_dir dir;
    real_key old_key = make_key(dir, "old");
    real_key new_key = make_key(dir, "new");
    std::string file = dir.path("known_hosts");

    lookup_result find(const std::string& text, const real_key& offered, std::uint16_t port = 22) {
        write_file(file, text);
        const std::vector<parsed_file> files{load_file(file)};
        return lookup(files, "router1", port, offered.ref());
    }
};

bool contains(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(known_hosts_policy, fixture)

BOOST_AUTO_TEST_CASE(a_known_key_is_accepted_by_every_policy) {
    const auto r = find(old_key.line_for("router1") + "\n", old_key);
    for (auto p : all_policies) {
        const auto d = decide(r, p);
        BOOST_TEST(d.what == action::accept);
        BOOST_TEST(!d.error);
        BOOST_TEST(d.message.empty());
    }
}

BOOST_AUTO_TEST_CASE(a_changed_key_is_refused_by_every_policy) {
    const auto r = find("# x\n" + old_key.line_for("router1") + "\n", new_key, 22);
    BOOST_REQUIRE(r.what == status::mismatch);
    for (auto p : all_policies) {
        const auto d = decide(r, p);
        BOOST_TEST(d.what == action::reject);
        BOOST_TEST(d.error == errc::host_key_mismatch);
        BOOST_TEST(contains(d.message, file + ":2"), d.message);
        BOOST_TEST(contains(d.message, old_key.fingerprint));
        BOOST_TEST(contains(d.message, new_key.fingerprint));
        BOOST_TEST(contains(d.message, "HOST KEY CHANGED"));
        BOOST_TEST(contains(d.message, "'router1'"));
    }
}

BOOST_AUTO_TEST_CASE(a_revoked_key_is_refused_by_every_policy) {
    const auto r =
        find("@revoked * " + old_key.fields() + "\n" + old_key.line_for("router1"), old_key);
    BOOST_REQUIRE(r.what == status::revoked);
    for (auto p : all_policies) {
        const auto d = decide(r, p);
        BOOST_TEST(d.what == action::reject);
        BOOST_TEST(d.error == errc::host_key_revoked);
        BOOST_TEST(contains(d.message, file + ":1"));
        BOOST_TEST(contains(d.message, old_key.fingerprint));
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_host_depends_on_the_policy) {
    const auto r = find("", new_key, 2222);
    BOOST_REQUIRE(r.what == status::unknown);

    const auto strict = decide(r, policy::strict);
    BOOST_TEST(strict.what == action::reject);
    BOOST_TEST(strict.error == errc::host_key_unknown);
    BOOST_TEST(contains(strict.message, new_key.fingerprint));
    BOOST_TEST(contains(strict.message, "[router1]:2222"));

    for (auto p : {policy::accept_new, policy::auto_add}) {
        const auto d = decide(r, p);
        BOOST_TEST(d.what == action::add_and_accept);
        BOOST_TEST(!d.error);
        BOOST_TEST(contains(d.message, new_key.fingerprint));
    }

    const auto ask = decide(r, policy::ask);
    BOOST_TEST(ask.what == action::needs_decision);
    BOOST_TEST(contains(ask.message, new_key.fingerprint));

    const auto off = decide(r, policy::off);
    BOOST_TEST(off.what == action::accept);
    BOOST_TEST(contains(off.message, "without adding"));
}

BOOST_AUTO_TEST_CASE(an_incomplete_database_never_admits_a_new_host) {
    auto r = find("", new_key);
    r.complete = false;
    for (auto p : all_policies) {
        const auto d = decide(r, p);
        BOOST_TEST(d.what == action::reject);
        BOOST_TEST((d.error == errc::incomplete_database || d.error == errc::host_key_unknown));
    }
}

BOOST_AUTO_TEST_CASE(policy_names) {
    BOOST_TEST((parse_policy("yes") == policy::strict));
    BOOST_TEST((parse_policy("Strict") == policy::strict));
    BOOST_TEST((parse_policy("accept-new") == policy::accept_new));
    BOOST_TEST((parse_policy("accept_new") == policy::accept_new));
    BOOST_TEST((parse_policy("auto-add") == policy::auto_add));
    BOOST_TEST((parse_policy("ASK") == policy::ask));
    BOOST_TEST((parse_policy("no") == policy::off));
    BOOST_TEST((parse_policy("off") == policy::off));
    BOOST_TEST(!parse_policy("maybe").has_value());
    BOOST_TEST(!parse_policy("").has_value());
}

BOOST_AUTO_TEST_CASE(error_category) {
    const auto ec = make_error_code(errc::host_key_mismatch);
    BOOST_TEST(std::string(ec.category().name()) == "ssh.known_hosts");
    BOOST_TEST(!ec.message().empty());
    for (int e = 1; e <= static_cast<int>(errc::invalid_host); ++e)
        BOOST_TEST(make_error_code(static_cast<errc>(e)).message() != "unknown known_hosts error");
}

BOOST_AUTO_TEST_SUITE_END()
