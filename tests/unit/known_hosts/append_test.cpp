// Appending keys: file and directory creation, plain and hashed lines that ssh-keygen finds,
// the store's policy flow, and many concurrent writers (threads and processes).
#include "kh_test_util.hpp"
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ssh/crypto/base64.hpp>
#include <ssh/known_hosts/append.hpp>
#include <ssh/known_hosts/errc.hpp>
#include <ssh/known_hosts/parser.hpp>
#include <ssh/known_hosts/store.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace ssh::known_hosts;
using namespace kh_test;

namespace {

unsigned mode_of(const std::string& path) {
    struct stat st {};
    BOOST_REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

std::size_t count_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Number of keys `ssh-keygen -l -f file` lists: OpenSSH must read every line as valid.
std::size_t openssh_key_count(const std::string& file) {
    int status = 0;
    const auto out = run("ssh-keygen -l -f " + quote(file) + " 2>&1", &status);
    BOOST_TEST(status == 0, out);
    return count_lines(out);
}

struct synthetic_key {
    std::string type = "ssh-ed25519";
    bytes blob;
    explicit synthetic_key(std::size_t n)
        : blob{synthetic_ed25519_blob(n)} {}
    host_key_ref ref() const { return {type, blob}; }
};

struct fixture {
    scratch_dir dir;
    real_key k1 = make_key(dir, "k1");
    real_key k2 = make_key(dir, "k2");
    std::unique_ptr<ssh::crypto::random_source> rng = ssh::crypto::make_deterministic_random(1);
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(known_hosts_append, fixture)

BOOST_AUTO_TEST_CASE(creates_directory_0700_and_file_0600) {
    const auto file = dir.path("new/sub/known_hosts");
    ::umask(022);
    const auto r = append_host_key(file, "Router1", 22, k1.ref(), *rng);
    BOOST_TEST(r.what == append_status::appended, r.message);
    BOOST_TEST(r.where.line == 1u);
    BOOST_TEST(r.where.file == file);
    BOOST_TEST(mode_of(dir.path("new")) == 0700u);
    BOOST_TEST(mode_of(dir.path("new/sub")) == 0700u);
    BOOST_TEST(mode_of(file) == 0600u);
    BOOST_TEST(read_file(file) == "router1 " + k1.fields() + "\n");
    BOOST_TEST(openssh_find(file, "router1") == std::vector<std::string>{"1"});
}

BOOST_AUTO_TEST_CASE(plain_and_hashed_lines_are_found_by_ssh_keygen) {
    const auto file = dir.path("known_hosts");
    append_options hashed;
    hashed.hash = true;
    BOOST_TEST(append_host_key(file, "a.example", 22, k1.ref(), *rng).where.line == 1u);
    BOOST_TEST(append_host_key(file, "b.example", 2222, k1.ref(), *rng).where.line == 2u);
    BOOST_TEST(append_host_key(file, "c.example", 22, k2.ref(), *rng, hashed).where.line == 3u);
    BOOST_TEST(append_host_key(file, "::1", 830, k2.ref(), *rng, hashed).where.line == 4u);

    const auto text = read_file(file);
    BOOST_TEST(text.starts_with("a.example " + k1.fields() + "\n[b.example]:2222 "));
    BOOST_TEST(openssh_find(file, "a.example") == std::vector<std::string>{"1"});
    BOOST_TEST(openssh_find(file, "[b.example]:2222") == std::vector<std::string>{"2"});
    BOOST_TEST(openssh_find(file, "b.example").empty());
    BOOST_TEST(openssh_find(file, "c.example") == std::vector<std::string>{"3"});
    BOOST_TEST(openssh_find(file, "[::1]:830") == std::vector<std::string>{"4"});
    BOOST_TEST(openssh_key_count(file) == 4u);

    const std::vector<parsed_file> files{load_file(file)};
    BOOST_TEST(files[0].warnings.empty());
    BOOST_TEST(files[0].entries[2].hashed.has_value());
    BOOST_TEST(lookup(files, "c.example", 22, k2.ref()).what == status::match);
    BOOST_TEST(lookup(files, "::1", 830, k2.ref()).where.line == 4u);
}

BOOST_AUTO_TEST_CASE(existing_key_is_not_added_twice_and_a_conflict_is_refused) {
    const auto file = dir.path("known_hosts");
    write_file(file, "# mine\n" + k1.line_for("r1"));
    const auto again = append_host_key(file, "r1", 22, k1.ref(), *rng);
    BOOST_TEST(again.what == append_status::already_present);
    BOOST_TEST(again.where.line == 2u);

    const auto before = read_file(file);
    const auto conflict = append_host_key(file, "r1", 22, k2.ref(), *rng);
    BOOST_TEST(conflict.what == append_status::refused);
    BOOST_TEST(conflict.error == errc::host_key_mismatch);
    BOOST_TEST(conflict.where.line == 2u);
    BOOST_TEST(read_file(file) == before);
}

BOOST_AUTO_TEST_CASE(an_unterminated_last_line_is_completed_not_joined) {
    const auto file = dir.path("known_hosts");
    write_file(file, "# c\r\n" + k1.line_for("r1")); // no final newline
    const auto r = append_host_key(file, "r2", 22, k2.ref(), *rng);
    BOOST_TEST(r.what == append_status::appended);
    BOOST_TEST(r.where.line == 3u);
    const auto f = load_file(file);
    BOOST_TEST(f.warnings.empty());
    BOOST_REQUIRE_EQUAL(f.entries.size(), 2u);
    BOOST_TEST(f.entries[1].line == 3u);
    BOOST_TEST(openssh_find(file, "r2") == std::vector<std::string>{"3"});
}

BOOST_AUTO_TEST_CASE(bad_arguments_and_paths_are_refused) {
    const auto file = dir.path("known_hosts");
    for (const char* host : {"", "a b", "a,b", "*", "|1|x", "@revoked"}) {
        const auto r = append_host_key(file, host, 22, k1.ref(), *rng);
        BOOST_TEST(r.what == append_status::refused);
        BOOST_TEST(r.error == errc::invalid_host);
    }
    BOOST_TEST(append_host_key(file, "h", 22, {"bad type", k1.blob}, *rng).error ==
               errc::malformed_line);
    BOOST_TEST(append_host_key(file, "h", 22, {"ssh-ed25519", {}}, *rng).error ==
               errc::malformed_line);
    BOOST_TEST(!std::filesystem::exists(file));

    const auto on_dir = append_host_key(dir.root.string(), "h", 22, k1.ref(), *rng);
    BOOST_TEST(on_dir.what == append_status::refused);
    BOOST_TEST(!on_dir.message.empty());

    write_file(dir.path("blocker"), "");
    const auto under_file = append_host_key(dir.path("blocker/kh"), "h", 22, k1.ref(), *rng);
    BOOST_TEST(under_file.what == append_status::refused);
    BOOST_TEST(under_file.message.find(dir.path("blocker/kh")) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(store_accept_new_adds_then_matches) {
    store_options o;
    o.user_file = dir.path("ssh/known_hosts");
    o.global_files = {dir.path("global")};
    write_file(dir.path("global"), k2.line_for("known") + "\n");
    store s{o};
    BOOST_TEST(s.load().empty());

    const auto v = s.verify("new1", 2222, k1.ref(), policy::accept_new, *rng);
    BOOST_TEST(v.what == action::accept);
    BOOST_TEST(v.found.what == status::unknown);
    BOOST_REQUIRE(v.added.has_value());
    BOOST_TEST(v.added->line == 1u);
    BOOST_TEST(openssh_find(o.user_file, "[new1]:2222") == std::vector<std::string>{"1"});

    const auto second = s.verify("new1", 2222, k1.ref(), policy::strict, *rng);
    BOOST_TEST(second.what == action::accept);
    BOOST_TEST(second.found.what == status::match);
    BOOST_TEST(second.found.where.file == o.user_file);

    store reloaded{o};
    reloaded.load();
    BOOST_TEST(reloaded.lookup("new1", 2222, k1.ref()).what == status::match);
    BOOST_TEST(reloaded.lookup("known", 22, k2.ref()).where.file == dir.path("global"));

    const auto changed = s.verify("new1", 2222, k2.ref(), policy::accept_new, *rng);
    BOOST_TEST(changed.what == action::reject);
    BOOST_TEST(changed.error == errc::host_key_mismatch);
}

BOOST_AUTO_TEST_CASE(store_hashes_when_configured) {
    store_options o;
    o.user_file = dir.path("known_hosts");
    o.hash_new_entries = true;
    store s{o};
    s.load();
    const auto v = s.verify("secret.example", 22, k1.ref(), policy::auto_add, *rng);
    BOOST_TEST(v.what == action::accept);
    const auto text = read_file(o.user_file);
    BOOST_TEST(text.starts_with("|1|"));
    BOOST_TEST(text.find("secret") == std::string::npos);
    BOOST_TEST(openssh_find(o.user_file, "secret.example") == std::vector<std::string>{"1"});
    BOOST_TEST(s.lookup("secret.example", 22, k1.ref()).what == status::match);
}

BOOST_AUTO_TEST_CASE(store_policies_other_than_adding) {
    store_options o;
    o.user_file = dir.path("known_hosts");
    write_file(o.user_file, "@revoked * " + k2.fields() + "\n");
    store s{o};
    s.load();

    for (auto p : {policy::accept_new, policy::auto_add, policy::off, policy::ask}) {
        const auto v = s.verify("h", 22, k2.ref(), p, *rng);
        BOOST_TEST(v.what == action::reject);
        BOOST_TEST(v.error == errc::host_key_revoked);
    }
    const auto off = s.verify("h", 22, k1.ref(), policy::off, *rng);
    BOOST_TEST(off.what == action::accept);
    BOOST_TEST(!off.added.has_value());

    const auto ask = s.verify("h", 22, k1.ref(), policy::ask, *rng);
    BOOST_TEST(ask.what == action::needs_decision);
    BOOST_TEST(read_file(o.user_file) == "@revoked * " + k2.fields() + "\n");
    // The user said yes.
    BOOST_TEST(s.add("h", 22, k1.ref(), *rng).what == append_status::appended);
    BOOST_TEST(s.verify("h", 22, k1.ref(), policy::strict, *rng).what == action::accept);
}

BOOST_AUTO_TEST_CASE(threads_and_processes_append_concurrently) {
    const auto file = dir.path("concurrent/known_hosts");
    constexpr int processes = 4, per_process = 25, threads = 50, per_thread = 5;

    // Children wait on a pipe so that they start writing together with the threads.
    int go[2];
    BOOST_REQUIRE(::pipe(go) == 0);
    std::vector<pid_t> children;
    for (int c = 0; c < processes; ++c) {
        const pid_t pid = ::fork();
        BOOST_REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(go[1]);
            char byte;
            while (::read(go[0], &byte, 1) > 0) {
            }
            auto child_rng = ssh::crypto::make_deterministic_random(100 + c);
            int failures = 0;
            for (int i = 0; i < per_process; ++i) {
                const synthetic_key k(1000 * (c + 1) + i);
                append_options ao;
                ao.hash = (i % 2 == 0);
                const auto r =
                    append_host_key(file, "p" + std::to_string(c) + "-" + std::to_string(i), 22,
                                    k.ref(), *child_rng, ao);
                failures += r.what != append_status::appended;
            }
            ::_exit(failures == 0 ? 0 : 1);
        }
        children.push_back(pid);
    }
    ::close(go[0]);

    std::atomic<int> failures{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                const synthetic_key k(100000 + 100 * t + i);
                append_options ao;
                ao.hash = (i % 2 == 1);
                const auto r =
                    append_host_key(file, "t" + std::to_string(t) + "-" + std::to_string(i),
                                    2000 + i, k.ref(), ssh::crypto::system_random(), ao);
                failures += r.what != append_status::appended;
            }
        });
    ::close(go[1]); // start the children
    for (auto& th : pool)
        th.join();
    for (auto pid : children) {
        int status = 0;
        BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
        BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    }
    BOOST_TEST(failures == 0);

    constexpr std::size_t expected = processes * per_process + threads * per_thread;
    const auto text = read_file(file);
    BOOST_TEST(count_lines(text) == expected);
    BOOST_TEST(text.back() == '\n');
    const auto parsed = load_file(file);
    BOOST_TEST(parsed.warnings.empty());
    BOOST_TEST(parsed.entries.size() == expected);
    const std::vector<parsed_file> files{parsed};
    for (int c = 0; c < processes; ++c)
        for (int i = 0; i < per_process; ++i) {
            const synthetic_key k(1000 * (c + 1) + i);
            const auto name = "p" + std::to_string(c) + "-" + std::to_string(i);
            BOOST_TEST(lookup(files, name, 22, k.ref()).what == status::match, name);
        }
    for (int t = 0; t < threads; ++t)
        for (int i = 0; i < per_thread; ++i) {
            const synthetic_key k(100000 + 100 * t + i);
            const auto name = "t" + std::to_string(t) + "-" + std::to_string(i);
            BOOST_TEST(lookup(files, name, 2000 + i, k.ref()).what == status::match, name);
        }
    BOOST_TEST(openssh_key_count(file) == expected);
    BOOST_TEST(openssh_find(file, "p3-24").size() == 1u);
    BOOST_TEST(openssh_find(file, "[t49-4]:2004").size() == 1u);
}

BOOST_AUTO_TEST_CASE(three_hundred_accept_new_sessions_add_each_host_once) {
    // 300 sessions, each with its own store as separate processes would have, for 100 hosts:
    // three sessions race for every host, and exactly one line per host must result.
    store_options o;
    o.user_file = dir.path("known_hosts");
    constexpr int sessions = 300, hosts = 100;
    std::atomic<int> rejected{0};
    std::vector<std::thread> pool;
    for (int s = 0; s < sessions; ++s)
        pool.emplace_back([&, s] {
            store st{o};
            st.load();
            const synthetic_key k(s % hosts);
            const auto v = st.verify("dev" + std::to_string(s % hosts), 22, k.ref(),
                                     policy::accept_new, ssh::crypto::system_random());
            rejected += v.what != action::accept;
        });
    for (auto& th : pool)
        th.join();
    BOOST_TEST(rejected == 0);
    const auto parsed = load_file(o.user_file);
    BOOST_TEST(parsed.warnings.empty());
    BOOST_TEST(parsed.entries.size() == static_cast<std::size_t>(hosts));
    BOOST_TEST(openssh_key_count(o.user_file) == static_cast<std::size_t>(hosts));
}

BOOST_AUTO_TEST_CASE(one_shared_store_across_threads) {
    store_options o;
    o.user_file = dir.path("known_hosts");
    store st{o};
    st.load();
    std::atomic<int> rejected{0};
    std::vector<std::thread> pool;
    for (int s = 0; s < 64; ++s)
        pool.emplace_back([&, s] {
            const synthetic_key k(s % 16);
            const auto v = st.verify("dev" + std::to_string(s % 16), 22, k.ref(),
                                     policy::accept_new, ssh::crypto::system_random());
            rejected += v.what != action::accept;
            rejected +=
                st.lookup("dev" + std::to_string(s % 16), 22, k.ref()).what != status::match;
        });
    for (auto& th : pool)
        th.join();
    BOOST_TEST(rejected == 0);
    BOOST_TEST(load_file(o.user_file).entries.size() == 16u);
}

BOOST_AUTO_TEST_SUITE_END()
