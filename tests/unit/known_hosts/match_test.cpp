// Host matching: globs, negation, ports, IPv6, case, hashed names; cross-checked line by
// line against `ssh-keygen -F`.
#include "kh_test_util.hpp"

#include <ssh/crypto/random.hpp>
#include <ssh/known_hosts/host_match.hpp>
#include <ssh/known_hosts/parser.hpp>
#include <ssh/wire/glob.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>

using namespace ssh::known_hosts;
using namespace kh_test;

namespace {

// Every name in `names` finds the same lines with us as with ssh-keygen -F.
void agree_with_openssh(const std::string& file, const std::vector<std::string>& names) {
    for (const auto& name : names) {
        const auto ours = our_find(file, name);
        const auto theirs = openssh_find(file, name);
        BOOST_TEST(ours == theirs, "for '" << name << "': ours " << ours.size()
                                           << " lines, ssh-keygen " << theirs.size());
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(known_hosts_match)

BOOST_AUTO_TEST_CASE(glob) {
    BOOST_TEST(ssh::wire::glob_match("", ""));
    BOOST_TEST(!ssh::wire::glob_match("", "a"));
    BOOST_TEST(ssh::wire::glob_match("*", ""));
    BOOST_TEST(ssh::wire::glob_match("*", "anything"));
    BOOST_TEST(ssh::wire::glob_match("a?c", "abc"));
    BOOST_TEST(!ssh::wire::glob_match("a?c", "ac"));
    BOOST_TEST(ssh::wire::glob_match("*.example.com", "a.b.example.com"));
    BOOST_TEST(!ssh::wire::glob_match("*.example.com", "example.com"));
    BOOST_TEST(ssh::wire::glob_match("a*b*c", "aXbYbZc"));
    BOOST_TEST(!ssh::wire::glob_match("a*b*c", "aXbYbZ"));
    BOOST_TEST(ssh::wire::glob_match("**?", "x"));
    BOOST_TEST(!ssh::wire::glob_match("abc", "ABC")); // callers lowercase
    BOOST_TEST(ssh::wire::glob_match("[h]:2?22", "[h]:2222"));

    // A pattern that is exponential for naive backtracking stays fast.
    const std::string text(60000, 'a');
    std::string pattern;
    for (int i = 0; i < 200; ++i)
        pattern += "a*";
    pattern += "b";
    const auto t0 = std::chrono::steady_clock::now();
    BOOST_TEST(!ssh::wire::glob_match(pattern, text));
    BOOST_TEST((std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5)));
}

BOOST_AUTO_TEST_CASE(names_for_ports_and_ipv6) {
    BOOST_TEST(host_key_name("Host.Example.COM", 22) == "host.example.com");
    BOOST_TEST(host_key_name("h", 0) == "h");
    BOOST_TEST(host_key_name("h", 2222) == "[h]:2222");
    BOOST_TEST(host_key_name("::1", 22) == "::1");
    BOOST_TEST(host_key_name("[::1]", 22) == "::1");
    BOOST_TEST(host_key_name("[FE80::1]", 830) == "[fe80::1]:830");
    BOOST_TEST(host_key_name("10.0.0.1", 65535) == "[10.0.0.1]:65535");
}

BOOST_AUTO_TEST_CASE(valid_host_names) {
    BOOST_TEST(valid_host_name("router1.example.com"));
    BOOST_TEST(valid_host_name("::1"));
    BOOST_TEST(valid_host_name("[::1]"));
    for (const char* bad : {"", "a b", "a,b", "a*", "a?", "!a", "#a", "@a", "|a", "a\tb", "a\nb"})
        BOOST_TEST(!valid_host_name(bad), "accepted '" << bad << "'");
}

BOOST_AUTO_TEST_CASE(plain_patterns_agree_with_ssh_keygen) {
    scratch_dir dir;
    const auto k = make_key(dir, "k");
    const auto file = dir.path("known_hosts");
    write_file(file, k.line_for("host1,host2") + "\n" +                        // 1
                         k.line_for("*.example.com,!bad.example.com") + "\n" + // 2
                         k.line_for("[host3]:2222") + "\n" +                   // 3
                         k.line_for("[10.0.0.?]:830,10.0.0.*") + "\n" +        // 4
                         k.line_for("::1,[::1]:2222,[fe80::1]:830") + "\n" +   // 5
                         k.line_for("web?.lab") + "\n" +                       // 6
                         "@revoked " + k.line_for("*") + "\n" +                // 7
                         "@cert-authority " + k.line_for("*.ca.test") + "\n" + // 8
                         k.line_for("[host1]:22") + "\n" +                     // 9
                         k.line_for("Mixed.Case.Host") + "\n" +                // 10
                         k.line_for("!neg-only") + "\n" +                      // 11
                         k.line_for("!host2,host*") + "\n");                   // 12
    agree_with_openssh(file, {"host1",         "host2",           "host3",
                              "[host3]:2222",  "[host3]:22",      "[host1]:22",
                              "a.example.com", "bad.example.com", "x.bad.example.com",
                              "10.0.0.5",      "[10.0.0.5]:830",  "[10.0.0.55]:830",
                              "::1",           "[::1]:2222",      "[fe80::1]:830",
                              "web1.lab",      "web12.lab",       "mixed.case.host",
                              "neg-only",      "x.ca.test",       "nothing"});
    // Spot checks, so agreement cannot hide a common blind spot.
    BOOST_TEST(our_find(file, "bad.example.com") == std::vector<std::string>{"7 REVOKED"});
    BOOST_TEST(our_find(file, "host2") == (std::vector<std::string>{"1", "7 REVOKED"}));
    BOOST_TEST(our_find(file, "[::1]:2222") == (std::vector<std::string>{"5", "7 REVOKED"}));
}

BOOST_AUTO_TEST_CASE(hashed_entries_agree_with_ssh_keygen) {
    scratch_dir dir;
    const auto k = make_key(dir, "k");
    const auto file = dir.path("known_hosts");
    write_file(file, k.line_for("host1,10.1.1.1") + "\n" + k.line_for("[host2]:2222") + "\n" +
                         k.line_for("::1") + "\n" + k.line_for("[fe80::2]:830") + "\n" +
                         "@revoked " + k.line_for("host4") + "\n");
    int status = 0;
    run("ssh-keygen -q -H -f " + quote(file) + " >/dev/null 2>&1", &status);
    BOOST_REQUIRE_EQUAL(status, 0);
    BOOST_REQUIRE(read_file(file).starts_with("|1|"));

    const auto parsed = load_file(file);
    BOOST_TEST(parsed.warnings.empty());
    for (const auto& e : parsed.entries) // ssh-keygen -H leaves marked lines as they are
        BOOST_TEST(e.hashed.has_value() == (e.mark == marker::none));
    agree_with_openssh(file, {"host1", "10.1.1.1", "[host2]:2222", "host2", "::1", "[fe80::2]:830",
                              "host4", "HOST1", "nothing"});
    BOOST_TEST(!our_find(file, "[host2]:2222").empty());
    BOOST_TEST(!our_find(file, host_key_name("HOST1", 22)).empty()); // lowercased first
}

BOOST_AUTO_TEST_CASE(our_hashes_are_found_by_ssh_keygen) {
    scratch_dir dir;
    const auto k = make_key(dir, "k");
    auto rng = ssh::crypto::make_deterministic_random(7);
    const auto file = dir.path("known_hosts");
    const std::vector<std::string> names = {"router1", "[switch.lab]:2222", "[::1]:830",
                                            "10.2.3.4"};
    std::string text;
    for (const auto& n : names)
        text += k.line_for(hash_host_name(n, *rng)) + "\n";
    text += "@revoked " + k.line_for(hash_host_name("gone", *rng)) + "\n";
    write_file(file, text);
    BOOST_TEST(openssh_find(file, "gone") == std::vector<std::string>{"5 REVOKED"});
    BOOST_TEST(our_find(file, "gone") == std::vector<std::string>{"5 REVOKED"});
    for (std::size_t i = 0; i < names.size(); ++i) {
        BOOST_TEST(openssh_find(file, names[i]) == std::vector<std::string>{std::to_string(i + 1)});
        BOOST_TEST(our_find(file, names[i]) == std::vector<std::string>{std::to_string(i + 1)});
    }
    // A fresh salt each time.
    BOOST_TEST(hash_host_name("x", *rng) != hash_host_name("x", *rng));
}

BOOST_AUTO_TEST_SUITE_END()
