// Parsing known_hosts text: every kind of line, and garbage that must never be fatal.
#include "kh_test_util.hpp"
#include <sys/stat.h>

#include <ssh/crypto/base64.hpp>
#include <ssh/known_hosts/errc.hpp>
#include <ssh/known_hosts/parser.hpp>

#include <boost/test/unit_test.hpp>

#include <random>

using namespace ssh::known_hosts;
using kh_test::synthetic_ed25519_blob;

namespace {

std::string key_b64(std::size_t n) {
    return ssh::crypto::base64_encode(synthetic_ed25519_blob(n));
}

std::string line(const std::string& hosts, std::size_t n) {
    return hosts + " ssh-ed25519 " + key_b64(n);
}

bool has_warning(const parsed_file& f, std::size_t line, errc code) {
    for (const auto& w : f.warnings)
        if (w.where.line == line && w.code == code &&
            w.message.starts_with(f.path + ":" + std::to_string(line) + ": "))
            return true;
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(known_hosts_parse)

BOOST_AUTO_TEST_CASE(fields_markers_comments_and_line_numbers) {
    const std::string text = "# a comment\n"
                             "\n"
                             "   \t\n" +
                             line("Host1,[Host2]:2222,!bad*", 1) + "  my comment here  \n" +
                             "@revoked * ssh-ed25519 " + key_b64(2) + "\n" +
                             "@cert-authority *.example.com ssh-ed25519 " + key_b64(3) + "\n" +
                             "|1|" + ssh::crypto::base64_encode(ssh::crypto::bytes(20, 1)) + "|" +
                             ssh::crypto::base64_encode(ssh::crypto::bytes(20, 2)) +
                             " ssh-ed25519 " + key_b64(4) + "\n" + "\t  " + line("indented", 5);
    const auto f = parse(text, "kh");
    BOOST_TEST(f.warnings.empty());
    BOOST_TEST(f.complete);
    BOOST_REQUIRE_EQUAL(f.entries.size(), 5u);

    const auto& e = f.entries[0];
    BOOST_TEST(e.line == 4u);
    BOOST_TEST(e.mark == marker::none);
    BOOST_REQUIRE_EQUAL(e.patterns.size(), 3u);
    BOOST_TEST(e.patterns[0].glob == "host1"); // lowercased
    BOOST_TEST(e.patterns[1].glob == "[host2]:2222");
    BOOST_TEST(e.patterns[2].glob == "bad*");
    BOOST_TEST(e.patterns[2].negated);
    BOOST_TEST(e.key_type == "ssh-ed25519");
    BOOST_TEST(e.key_blob == synthetic_ed25519_blob(1));
    BOOST_TEST(e.comment == "my comment here");

    BOOST_TEST(f.entries[1].mark == marker::revoked);
    BOOST_TEST(f.entries[1].line == 5u);
    BOOST_TEST(f.entries[2].mark == marker::cert_authority);
    BOOST_REQUIRE(f.entries[3].hashed.has_value());
    BOOST_TEST(f.entries[3].patterns.empty());
    BOOST_TEST(f.entries[3].hashed->salt == ssh::crypto::bytes(20, 1));
    BOOST_TEST(f.entries[4].line == 8u);
    BOOST_TEST(f.entries[4].patterns[0].glob == "indented");
}

BOOST_AUTO_TEST_CASE(crlf_and_missing_final_newline) {
    const auto text = line("a", 1) + "\r\n" + line("b", 2) + " comment\r\n" + line("c", 3);
    const auto f = parse(text, "kh");
    BOOST_TEST(f.warnings.empty());
    BOOST_REQUIRE_EQUAL(f.entries.size(), 3u);
    BOOST_TEST(f.entries[0].key_blob == synthetic_ed25519_blob(1)); // no '\r' in the key
    BOOST_TEST(f.entries[1].comment == "comment");
    BOOST_TEST(f.entries[2].line == 3u);
    BOOST_TEST(f.entries[2].key_blob == synthetic_ed25519_blob(3));
}

BOOST_AUTO_TEST_CASE(malformed_lines_are_skipped_with_a_warning_naming_the_line) {
    const std::string text = line("good1", 1) + "\n" +                         // 1
                             "@bogus host ssh-ed25519 " + key_b64(2) + "\n" +  // 2 unknown marker
                             "onlyhost\n" +                                    // 3 no type
                             "host ssh-ed25519\n" +                            // 4 no key
                             "host ssh-ed25519 !!notbase64!!\n" +              // 5 bad base64
                             "host ssh-rsa " + key_b64(6) + "\n" +             // 6 type differs
                             "|1|short|bad ssh-ed25519 " + key_b64(7) + "\n" + // 7 bad hash
                             "@revoked\n" +                                    // 8 marker only
                             ", ssh-ed25519 " + key_b64(9) + "\n" +            // 9 no patterns
                             std::string("nul\0byte ssh-ed25519 ", 21) + key_b64(10) + "\n" +
                             line("good2", 11) + "\n";
    const auto f = parse(text, "/x/known_hosts");
    BOOST_REQUIRE_EQUAL(f.entries.size(), 2u);
    BOOST_TEST(f.entries[0].line == 1u);
    BOOST_TEST(f.entries[1].line == 11u);
    BOOST_TEST(f.complete); // skipped lines do not make a file incomplete, as with OpenSSH
    for (std::size_t n = 2; n <= 10; ++n)
        BOOST_TEST(has_warning(f, n, errc::malformed_line), "no warning for line " << n);
    BOOST_TEST(f.warnings.size() == 9u);
}

BOOST_AUTO_TEST_CASE(over_long_lines_are_skipped) {
    limits lim;
    lim.max_line_length = 1000;
    const auto text =
        line("a", 1) + "\n" + line(std::string(2000, 'h'), 2) + "\n" + line("c", 3) + "\n";
    const auto f = parse(text, "kh", lim);
    BOOST_REQUIRE_EQUAL(f.entries.size(), 2u);
    BOOST_TEST(f.entries[1].line == 3u);
    BOOST_TEST(has_warning(f, 2, errc::line_too_long));

    // The default limit: a 1 MiB line of garbage.
    const auto big = parse(std::string(1 << 20, 'x') + "\n" + line("ok", 1), "kh");
    BOOST_TEST(big.entries.size() == 1u);
    BOOST_TEST(has_warning(big, 1, errc::line_too_long));
}

BOOST_AUTO_TEST_CASE(warnings_are_capped) {
    std::string text;
    for (int i = 0; i < 1000; ++i)
        text += "garbage\n";
    const auto f = parse(text, "kh");
    BOOST_TEST(f.entries.empty());
    BOOST_REQUIRE_EQUAL(f.warnings.size(), limits{}.max_warnings + 1);
    BOOST_TEST(f.warnings.back().message == "kh: 900 more warnings not shown");
}

BOOST_AUTO_TEST_CASE(entry_limit_makes_the_file_incomplete) {
    limits lim;
    lim.max_entries = 3;
    std::string text;
    for (int i = 0; i < 5; ++i)
        text += line("h" + std::to_string(i), i) + "\n";
    const auto f = parse(text, "kh", lim);
    BOOST_TEST(f.entries.size() == 3u);
    BOOST_TEST(!f.complete);
    BOOST_TEST(has_warning(f, 4, errc::too_many_entries));
}

BOOST_AUTO_TEST_CASE(random_garbage_never_crashes) {
    std::mt19937 gen(12345);
    // Bytes biased towards the characters that matter to the parser.
    static const char raw[] = " \t\r\n\n#@|,!*?[]:=+/AAAAC3NzaC1lZDI1NTE5ssh-ed25519revoked\0\xff";
    const std::string alphabet(raw, sizeof raw - 1);
    for (int round = 0; round < 300; ++round) {
        std::string text(std::uniform_int_distribution<std::size_t>(0, 4000)(gen), '\0');
        for (auto& c : text)
            c = (gen() % 4 == 0) ? static_cast<char>(gen()) : alphabet[gen() % alphabet.size()];
        const auto f = parse(text, "fuzz");
        for (const auto& e : f.entries)
            BOOST_TEST(!e.key_blob.empty());
    }
    // Valid lines with single bytes mutated.
    const auto good = line("host.example.com,10.0.0.1", 7) + " comment\n";
    for (std::size_t i = 0; i < good.size(); ++i)
        for (int v : std::initializer_list<int>{0, '\n', ' ', '|', '@', '!', 0xff}) {
            auto t = good;
            t[i] = static_cast<char>(v);
            (void)parse(t, "mut");
        }
}

BOOST_AUTO_TEST_CASE(load_file_missing_unreadable_and_special) {
    kh_test::scratch_dir dir;
    const auto missing = load_file(dir.path("nope"));
    BOOST_TEST(missing.entries.empty());
    BOOST_TEST(missing.warnings.empty());
    BOOST_TEST(missing.complete);

    const auto directory = load_file(dir.root.string());
    BOOST_TEST(!directory.complete);
    BOOST_REQUIRE_EQUAL(directory.warnings.size(), 1u);
    BOOST_TEST(directory.warnings[0].code == errc::not_a_regular_file);

    const auto devzero = load_file("/dev/zero");
    BOOST_TEST(!devzero.complete);
    BOOST_TEST(devzero.warnings.at(0).code == errc::not_a_regular_file);

    const auto fifo = dir.path("fifo");
    BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto f = load_file(fifo); // must not block
    BOOST_TEST(!f.complete);

    limits lim;
    lim.max_file_size = 100;
    kh_test::write_file(dir.path("big"), std::string(101, '#'));
    const auto big = load_file(dir.path("big"), lim);
    BOOST_TEST(!big.complete);
    BOOST_TEST(big.warnings.at(0).code == errc::file_too_large);

    kh_test::write_file(dir.path("ok"), line("a", 1));
    const auto ok = load_file(dir.path("ok"));
    BOOST_TEST(ok.entries.size() == 1u);
    BOOST_TEST(ok.path == dir.path("ok"));
}

BOOST_AUTO_TEST_SUITE_END()
