// Lookup results: match, revoked, mismatch, unknown, with real keys from ssh-keygen and
// fingerprints checked against `ssh-keygen -l`.
#include "kh_test_util.hpp"

#include <ssh/known_hosts/fingerprint.hpp>
#include <ssh/known_hosts/lookup.hpp>
#include <ssh/known_hosts/parser.hpp>

#include <boost/test/unit_test.hpp>

using namespace ssh::known_hosts;
using namespace kh_test;

namespace {

struct fixture {
    scratch_dir dir;
    real_key ed1 = make_key(dir, "ed1");
    real_key ed2 = make_key(dir, "ed2");
    real_key ec = make_key(dir, "ec", "ecdsa");
    std::string user = dir.path("known_hosts");
    std::string global = dir.path("ssh_known_hosts");

    std::vector<parsed_file> load() const { return {load_file(user), load_file(global)}; }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(known_hosts_lookup, fixture)

BOOST_AUTO_TEST_CASE(fingerprints_equal_ssh_keygen) {
    const auto rsa = make_key(dir, "rsa", "rsa");
    for (const real_key* k : std::initializer_list<const real_key*>{&ed1, &ed2, &ec, &rsa})
        BOOST_TEST(fingerprint_sha256(k->blob) == k->fingerprint);
}

BOOST_AUTO_TEST_CASE(several_keys_per_host_any_line_accepts) {
    write_file(user, "# header\n" + ed1.line_for("router1,10.0.0.1") + "\n" +
                         ec.line_for("router1") + "\n" + ed2.line_for("router1") + "\n");
    const auto files = load();
    for (auto [k, line] : {std::pair{&ed1, 2u}, std::pair{&ec, 3u}, std::pair{&ed2, 4u}}) {
        const auto r = lookup(files, "router1", 22, k->ref());
        BOOST_TEST(r.what == status::match);
        BOOST_TEST(r.where.file == user);
        BOOST_TEST(r.where.line == line);
        BOOST_TEST(r.offered_fingerprint == k->fingerprint);
    }
    BOOST_TEST(lookup(files, "ROUTER1", 22, ed1.ref()).what == status::match);
    BOOST_TEST(lookup(files, "10.0.0.1", 22, ed1.ref()).what == status::match);
    BOOST_TEST(known_key_types(files, "router1", 22) ==
               (std::vector<std::string>{"ssh-ed25519", "ecdsa-sha2-nistp256"}));
}

BOOST_AUTO_TEST_CASE(changed_key_is_a_mismatch_naming_the_line_and_both_fingerprints) {
    write_file(user, ec.line_for("other") + "\n" + ed1.line_for("router1") + "\n");
    const auto r = lookup(load(), "router1", 22, ed2.ref());
    BOOST_TEST(r.what == status::mismatch);
    BOOST_TEST(r.host_name == "router1");
    BOOST_TEST(r.where.file == user);
    BOOST_TEST(r.where.line == 2u);
    BOOST_TEST(r.known_type == "ssh-ed25519");
    BOOST_TEST(r.known_fingerprint == ed1.fingerprint);
    BOOST_TEST(r.offered_fingerprint == ed2.fingerprint);
    BOOST_TEST(r.offered_type == "ssh-ed25519");
}

BOOST_AUTO_TEST_CASE(a_same_type_conflict_is_named_before_other_types) {
    write_file(user, ec.line_for("r") + "\n" + ed1.line_for("r") + "\n");
    const auto r = lookup(load(), "r", 22, ed2.ref());
    BOOST_TEST(r.what == status::mismatch);
    BOOST_TEST(r.where.line == 2u);
    BOOST_TEST(r.known_fingerprint == ed1.fingerprint);
}

BOOST_AUTO_TEST_CASE(other_key_types_only_is_a_mismatch_unless_asked_for_openssh_rules) {
    write_file(user, ec.line_for("r") + "\n");
    const auto strict = lookup(load(), "r", 22, ed1.ref());
    BOOST_TEST(strict.what == status::mismatch);
    BOOST_TEST(strict.known_type == "ecdsa-sha2-nistp256");
    BOOST_TEST(strict.known_fingerprint == ec.fingerprint);

    lookup_options openssh;
    openssh.mismatch_on_any_key_type = false;
    const auto lax = lookup(load(), "r", 22, ed1.ref(), openssh);
    BOOST_TEST(lax.what == status::unknown);
    BOOST_TEST(lax.known_types == std::vector<std::string>{"ecdsa-sha2-nistp256"});
}

BOOST_AUTO_TEST_CASE(revoked_wins_over_an_accepting_line_in_any_file) {
    write_file(user, ed1.line_for("r") + "\n");
    write_file(global, "# global\n@revoked * " + ed1.fields() + "\n");
    const auto r = lookup(load(), "r", 22, ed1.ref());
    BOOST_TEST(r.what == status::revoked);
    BOOST_TEST(r.where.file == global);
    BOOST_TEST(r.where.line == 2u);
    // Another key of the host is not affected by the revocation of ed1.
    write_file(user, ed2.line_for("r") + "\n");
    BOOST_TEST(lookup(load(), "r", 22, ed2.ref()).what == status::match);
    // A revoked line alone does not make the host known.
    BOOST_TEST(lookup(load(), "s", 22, ed2.ref()).what == status::unknown);
}

BOOST_AUTO_TEST_CASE(revoked_line_only_for_the_hosts_it_names) {
    write_file(user, "@revoked r1 " + ed1.fields() + "\n" + ed1.line_for("r1,r2") + "\n");
    BOOST_TEST(lookup(load(), "r1", 22, ed1.ref()).what == status::revoked);
    BOOST_TEST(lookup(load(), "r2", 22, ed1.ref()).what == status::match);
}

BOOST_AUTO_TEST_CASE(cert_authority_lines_neither_accept_nor_conflict) {
    write_file(user, "@cert-authority * " + ed1.fields() + "\n");
    BOOST_TEST(lookup(load(), "r", 22, ed1.ref()).what == status::unknown);
    BOOST_TEST(lookup(load(), "r", 22, ed2.ref()).what == status::unknown);
    BOOST_TEST(known_key_types(load(), "r", 22).empty());
}

BOOST_AUTO_TEST_CASE(ports_and_files) {
    write_file(user, ed1.line_for("[r]:2222") + "\n");
    write_file(global, ed2.line_for("r") + "\n");
    const auto files = load();
    const auto on2222 = lookup(files, "r", 2222, ed1.ref());
    BOOST_TEST(on2222.what == status::match);
    BOOST_TEST(on2222.host_name == "[r]:2222");
    const auto on22 = lookup(files, "r", 22, ed2.ref());
    BOOST_TEST(on22.what == status::match);
    BOOST_TEST(on22.where.file == global);
    BOOST_TEST(lookup(files, "r", 22, ed1.ref()).what == status::mismatch);
    BOOST_TEST(lookup(files, "r", 830, ed1.ref()).what == status::unknown);
}

BOOST_AUTO_TEST_CASE(ipv6_literals) {
    write_file(user, ed1.line_for("fe80::1,[2001:db8::5]:830") + "\n");
    BOOST_TEST(lookup(load(), "FE80::1", 22, ed1.ref()).what == status::match);
    BOOST_TEST(lookup(load(), "[fe80::1]", 22, ed1.ref()).what == status::match);
    BOOST_TEST(lookup(load(), "2001:db8::5", 830, ed1.ref()).what == status::match);
    BOOST_TEST(lookup(load(), "2001:db8::5", 22, ed1.ref()).what == status::unknown);
}

BOOST_AUTO_TEST_CASE(wildcards_and_negation) {
    write_file(user, ed1.line_for("*.lab,!evil.lab") + "\n");
    BOOST_TEST(lookup(load(), "sw1.lab", 22, ed1.ref()).what == status::match);
    BOOST_TEST(lookup(load(), "evil.lab", 22, ed1.ref()).what == status::unknown);
    BOOST_TEST(lookup(load(), "evil.lab", 22, ed2.ref()).what == status::unknown);
    BOOST_TEST(lookup(load(), "sw1.lab", 22, ed2.ref()).what == status::mismatch);
}

BOOST_AUTO_TEST_CASE(type_and_blob_must_both_agree) {
    write_file(user, ed1.line_for("r") + "\n");
    const std::string other_type = "ssh-ed448"; // same blob, other type name
    BOOST_TEST(lookup(load(), "r", 22, {other_type, ed1.blob}).what == status::mismatch);
}

BOOST_AUTO_TEST_CASE(incomplete_files_are_flagged) {
    write_file(user, ed1.line_for("r") + "\n");
    limits lim;
    lim.max_file_size = 10;
    const std::vector<parsed_file> files{load_file(user, lim)};
    const auto r = lookup(files, "r", 22, ed1.ref());
    BOOST_TEST(r.what == status::unknown);
    BOOST_TEST(!r.complete);
}

BOOST_AUTO_TEST_CASE(matching_line_agrees_with_ssh_keygen) {
    write_file(user, ed1.line_for("a,b") + "\n" + ed2.line_for("b,c") + "\n" +
                         ec.line_for("[c]:2222,*.d") + "\n");
    const auto files = load();
    const std::vector<std::pair<std::string, const real_key*>> cases = {
        {"a", &ed1}, {"b", &ed2}, {"[c]:2222", &ec}, {"x.d", &ec}};
    for (const auto& [name, k] : cases) {
        const auto r = lookup_name(files, name, k->ref());
        BOOST_TEST(r.what == status::match);
        const auto found = openssh_find(user, name);
        BOOST_TEST(
            (std::find(found.begin(), found.end(), std::to_string(r.where.line)) != found.end()));
    }
}

BOOST_AUTO_TEST_SUITE_END()
