// The Linux host's head as GNU coreutils has it, /dev/zero and /dev/null, and zero bytes
// counted rather than built: an exec channel's `head -c N /dev/zero` answers
// exec_result::zero_fill = N; piped or shown, they are built up to 1 MiB and refused beyond.
#include "linux_test_support.hpp"

#include <initializer_list>
#include <utility>

using namespace linux_test;

namespace {

constexpr std::uint64_t mib = 1024 * 1024;

const std::string too_many_1m_plus_1 =
    "1048577 zero bytes are more than it builds (1048576); it streams them only as an exec "
    "channel's last output\n";

// The zeros `command` streams, checking that it answers nothing else.
std::uint64_t streamed(host& h, const std::string& command) {
    const auto r = h.exec(command);
    BOOST_TEST(r.out == "", command);
    BOOST_TEST(r.err == "", command);
    BOOST_TEST(r.exit_status == 0u, command);
    return r.zero_fill;
}

struct answer {
    std::string_view command;
    std::string out;
};

// Each command answers exactly its `out`, nothing on stderr, and status 0.
void check_answers(host& h, std::initializer_list<answer> answers) {
    for (const auto& a : answers) {
        BOOST_TEST_CONTEXT(a.command) {
            check_exec(h.exec(a.command), a.out, "", 0);
        }
    }
}

std::string try_help(std::string_view message) {
    return std::string(message) + "Try 'head --help' for more information.\n";
}

} // namespace

BOOST_AUTO_TEST_SUITE(linux_head)

BOOST_AUTO_TEST_CASE(bytes_of_files_and_standard_input) {
    host h;
    check_answers(h, {
                         {"head -c 4 /etc/hostname", "web1"},
                         {"head -c2 /etc/hostname", "we"},
                         {"head --bytes=3 /etc/hostname", "web"},
                         {"head --bytes 3 /etc/hostname", "web"},
                         {"head -c 1K /etc/hostname", "web1\n"},
                         {"head -c 0 /etc/hostname", ""},
                         {"head -c -2 /etc/hostname", "web"}, // all but the last 2
                         {"head -c-9 /etc/hostname", ""},
                         {"echo hello world | head -c 5", "hello"},
                         {"echo hello | head -c 3 -", "hel"},
                         {"head -c 3 < /etc/hostname", "web"},
                         // The last count given decides what is counted.
                         {"head -n 1 -c 2 /etc/hostname", "we"},
                         {"head -c 2 -n 1 /etc/hostname", "web1\n"},
                     });
}

BOOST_AUTO_TEST_CASE(lines_headers_and_missing_files) {
    host h;
    const auto hosts = h.out("cat /etc/hosts");
    const auto first_line = hosts.substr(0, hosts.find('\n') + 1);
    check_answers(
        h, {
               {"head -n 1 /etc/hosts", first_line},
               {"head -1 /etc/hosts", first_line},
               {"head -n -1 /etc/hostname", ""},
               {"cat /etc/hosts | head -n -1",
                hosts.substr(0, hosts.rfind('\n', hosts.size() - 2) + 1)},
               {"echo -n abc | head -n -1", ""}, // a last line without "\n" counts
               {"head -n 1K /etc/hostname", "web1\n"},
               // "==> name <==" before each of several files, a blank line between; -q none,
               // -v always.
               {"head -c 2 /etc/hostname -", "==> /etc/hostname <==\nwe\n==> standard input <==\n"},
               {"head -q -c 2 /etc/hostname /etc/hostname", "wewe"},
               {"head -v -c 2 /etc/hostname", "==> /etc/hostname <==\nwe"},
           });
    // A missing file has no header; a directory has one, then the error.
    check_exec(h.exec("head -c 3 missing /etc/hostname"), "==> /etc/hostname <==\nweb",
               "head: cannot open 'missing' for reading: No such file or directory\n", 1);
    check_exec(h.exec("head -c 3 /etc"), "", "head: error reading '/etc': Is a directory\n", 1);
}

BOOST_AUTO_TEST_CASE(counts_take_gnu_multipliers) {
    host h;
    const std::pair<std::string_view, std::uint64_t> counts[] = {
        {"1K", 1024},
        {"1kB", 1000},
        {"1KiB", 1024},
        {"1KD", 1000},
        {"3M", 3 * mib},
        {"3MB", 3'000'000},
        {"2m", 2 * mib},
        {"1G", 1024 * mib},
        {"2b", 1024},
        {"K", 1024}, // a multiplier alone counts one
        {"+5", 5},
        {"' 5'", 5},
        {"010", 10}, // decimal, not octal
        {"67108864", 64 * mib},
    };
    for (const auto& [count, bytes] : counts)
        BOOST_TEST(streamed(h, "head -c " + std::string(count) + " /dev/zero") == bytes, count);
    BOOST_TEST(streamed(h, "head --bytes=1M /dev/zero") == mib);
}

BOOST_AUTO_TEST_CASE(bad_counts_and_options_fail_as_gnu_head_does) {
    host h;
    check_exec(h.exec("head -c abc /etc/hostname"), "", "head: invalid number of bytes: 'abc'\n",
               1);
    for (const char* bad : {"1x", "1g", "1Ki", "1bB", "+K", "1.5", "''", "'5 '", "0x10"}) {
        const auto r = h.exec(std::string("head -c ") + bad + " /dev/zero");
        BOOST_TEST(r.err.starts_with("head: invalid number of bytes: '"), bad << ": " << r.err);
        BOOST_TEST(r.exit_status == 1u, bad);
        BOOST_TEST(r.zero_fill == 0u, bad);
    }
    check_exec(h.exec("head -c -abc /dev/zero"), "", "head: invalid number of bytes: 'abc'\n", 1);
    check_exec(h.exec("head -n 2x /etc/hostname"), "", "head: invalid number of lines: '2x'\n", 1);
    const std::string too_large = ": Value too large for defined data type\n";
    check_exec(h.exec("head -c 99999999999999999999999 /dev/zero"), "",
               "head: invalid number of bytes: '99999999999999999999999'" + too_large, 1);
    check_exec(h.exec("head -c 20E /dev/zero"), "",
               "head: invalid number of bytes: '20E'" + too_large, 1);
    check_exec(h.exec("head -c"), "", try_help("head: option requires an argument -- 'c'\n"), 1);
    check_exec(h.exec("head --bytes"), "",
               try_help("head: option '--bytes' requires an argument\n"), 1);
    check_exec(h.exec("head -x"), "", try_help("head: invalid option -- 'x'\n"), 1);
    check_exec(h.exec("head --bogus"), "", try_help("head: unrecognized option '--bogus'\n"), 1);
}

BOOST_AUTO_TEST_CASE(dev_zero_streams_on_an_exec_channel) {
    host h;
    BOOST_TEST(streamed(h, "head -c 8 /dev/zero\nhead -c 8 /dev/zero") == 16u);
    BOOST_TEST(streamed(h, "/usr/bin/head -c 16G /dev/zero") == 16 * 1024 * mib);
    BOOST_TEST(streamed(h, "head -c 1G /dev/zero > /dev/null") == 0u);
    // Text first, then the counted zeros.
    auto r = h.exec("echo start; head -c 2 /etc/hostname /dev/zero");
    BOOST_TEST(r.out == "start\n==> /etc/hostname <==\nwe\n==> /dev/zero <==\n");
    BOOST_TEST(r.zero_fill == 2u);
    BOOST_TEST(r.exit_status == 0u);
    // More than 16 GiB is refused.
    check_exec(h.exec("head -c 17G /dev/zero"), "",
               "head: /dev/zero: the simulated host streams at most 17179869184 bytes\n", 1);
    r = h.exec("head -q -c 8G /dev/zero /dev/zero /dev/zero"); // 16 GiB in all, no more
    BOOST_TEST(r.zero_fill == 16 * 1024 * mib);
    BOOST_TEST(r.err == "head: /dev/zero: the simulated host streams at most 17179869184 bytes\n");
    BOOST_TEST(r.exit_status == 1u);
}

BOOST_AUTO_TEST_CASE(zeros_are_built_where_they_cannot_stream) {
    host h;
    check_exec(h.exec("head -c 100 /dev/zero | wc -c"), "100\n", "", 0);
    check_exec(h.exec("head -c 1M /dev/zero | wc -c"), "1048576\n", "", 0);
    check_exec(h.exec("head -c 3 /dev/zero; echo end"), std::string(3, '\0') + "end\n", "", 0);
    check_exec(h.exec("head -c 3 /dev/zero >&2"), "", std::string(3, '\0'), 0);
    check_exec(h.exec("head -c 3 /dev/zero /etc/hostname"),
               "==> /dev/zero <==\n" + std::string(3, '\0') + "\n==> /etc/hostname <==\nweb", "",
               0);
    // Beyond 1 MiB: a clear failure, and the pipeline stops (wc would count 0).
    check_exec(h.exec("head -c 1048577 /dev/zero | wc -c"), "",
               "head: simulated host: " + too_many_1m_plus_1, 1);
    check_exec(h.exec("head -c 1048577 /dev/zero 2>/dev/null | wc -c"), "", "", 1);
    // Output after streamed zeros would build them: it is refused, the zeros still stream.
    auto r = h.exec("head -c 1048577 /dev/zero; echo end; echo $?");
    BOOST_TEST(r.out == "");
    BOOST_TEST(r.zero_fill == 1048577u);
    BOOST_TEST(r.err == "bash: simulated host: " + too_many_1m_plus_1 +
                            "bash: simulated host: " + too_many_1m_plus_1);
    BOOST_TEST(r.exit_status == 1u);
    check_exec(h.exec("head -c 1048577 /dev/zero /etc/hostname"), "",
               "head: simulated host: " + too_many_1m_plus_1, 1);

    // An interactive shell shows what it prints: the zeros are built, or refused.
    auto shell = h.model->open_cli(boot);
    BOOST_TEST(shell->run("head -c 5 /dev/zero", boot).text == std::string(5, '\0'));
    BOOST_TEST(shell->run("head -c 2M /dev/zero", boot).text ==
               "head: simulated host: 2097152 zero bytes are more than it builds (1048576); it "
               "streams them only as an exec channel's last output\n");
    BOOST_TEST(shell->run("echo $?", boot).text == "1\n");
}

BOOST_AUTO_TEST_CASE(endless_and_empty_devices) {
    host h;
    const std::string endless = "endless device: the simulated host reads it only with head -c N";
    check_exec(h.exec("cat /dev/zero"), "", "cat: /dev/zero: " + endless + "\n", 1);
    check_exec(h.exec("head -n 1 /dev/zero"), "",
               "head: error reading '/dev/zero': " + endless + "\n", 1);
    check_exec(h.exec("head -c -5 /dev/zero"), "",
               "head: error reading '/dev/zero': " + endless + "\n", 1);
    check_exec(h.exec("wc -c /dev/zero"), "", "wc: /dev/zero: " + endless + "\n", 1);
    check_exec(h.exec("wc -c < /dev/zero"), "", "bash: /dev/zero: " + endless + "\n", 1);
    check_exec(h.exec("cat /dev/null"), "", "", 0);
    check_exec(h.exec("head -c 5 /dev/null"), "", "", 0);
    check_exec(h.exec("wc -c < /dev/null"), "0\n", "", 0);
    check_exec(h.exec("ls /dev"), "null\nzero\n", "", 0);
    const auto listing = h.out("ls -l /dev");
    BOOST_TEST(contains(listing, "\ncrw-rw-rw-  1 root root 1, 3 "), listing);
    BOOST_TEST(listing.ends_with(" zero\n"), listing);
}

BOOST_AUTO_TEST_SUITE_END()
