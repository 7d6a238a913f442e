#include <sys/resource.h>
#include <unistd.h>

#include <jobs/atomic_file.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using jobs::write_error;
using jobs::write_file_atomically;

namespace {

struct temp_dir {
    fs::path path;

    temp_dir() {
        static int counter = 0;
        path = fs::temp_directory_path() / ("fleetsh-atomic-file-" + std::to_string(::getpid()) +
                                            "-" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~temp_dir() { fs::remove_all(path); }
};

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    BOOST_REQUIRE_MESSAGE(in, "cannot open " << p);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_plain(const fs::path& p, const std::string& contents) {
    std::ofstream(p, std::ios::binary) << contents;
}

std::set<std::string> entries(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) {
        names.insert(e.path().filename().string());
    }
    return names;
}

void require_ok(const std::optional<write_error>& r) {
    if (r) {
        BOOST_FAIL("unexpected error: " << r->message);
    }
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

/// Limits the size of files this process may write, and ignores SIGXFSZ so a write past the
/// limit fails with EFBIG instead of killing the process. Restores both afterwards.
/// (Root is not exempt from RLIMIT_FSIZE, unlike from permission bits.)
class file_size_limit {
public:
    explicit file_size_limit(rlim_t bytes) {
        BOOST_REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved_) == 0);
        old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lim = saved_;
        lim.rlim_cur = bytes;
        BOOST_REQUIRE(::setrlimit(RLIMIT_FSIZE, &lim) == 0);
    }
    file_size_limit(const file_size_limit&) = delete;
    file_size_limit& operator=(const file_size_limit&) = delete;
    ~file_size_limit() {
        ::setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, old_handler_);
    }

private:
    rlimit saved_{};
    void (*old_handler_)(int) = nullptr;
};

} // namespace

BOOST_AUTO_TEST_SUITE(atomic_file)

BOOST_AUTO_TEST_CASE(creates_file_and_missing_parents) {
    temp_dir dir;
    const fs::path target = dir.path / "a" / "b" / "c" / "out.txt";
    require_ok(write_file_atomically(target, "hello\n"));
    BOOST_TEST(read(target) == "hello\n");
    BOOST_TEST((entries(target.parent_path()) == std::set<std::string>{"out.txt"}));
}

BOOST_AUTO_TEST_CASE(replaces_existing_content_and_leaves_no_temp_file) {
    temp_dir dir;
    const fs::path target = dir.path / "device.cfg";
    write_plain(target, std::string(10000, 'o'));
    write_plain(dir.path / "neighbour.txt", "untouched");

    require_ok(write_file_atomically(target, "short"));
    BOOST_TEST(read(target) == "short");
    require_ok(write_file_atomically(target, "second version"));
    BOOST_TEST(read(target) == "second version");

    BOOST_TEST((entries(dir.path) == std::set<std::string>{"device.cfg", "neighbour.txt"}));
    BOOST_TEST(read(dir.path / "neighbour.txt") == "untouched");
}

BOOST_AUTO_TEST_CASE(writes_binary_and_empty_content_exactly) {
    temp_dir dir;
    const fs::path target = dir.path / "blob.bin";
    std::vector<std::byte> bytes;
    for (int i = 0; i < 3 * 256; ++i) {
        bytes.push_back(static_cast<std::byte>(i % 256));
    }
    require_ok(write_file_atomically(target, std::span<const std::byte>(bytes)));
    const std::string back = read(target);
    BOOST_REQUIRE_EQUAL(back.size(), bytes.size());
    BOOST_TEST(back[0] == '\0');
    BOOST_TEST(static_cast<unsigned char>(back[511]) == 255u);

    require_ok(write_file_atomically(target, std::string_view()));
    BOOST_TEST(fs::file_size(target) == 0u);
    BOOST_TEST((entries(dir.path) == std::set<std::string>{"blob.bin"}));
}

BOOST_AUTO_TEST_CASE(path_without_directory_uses_the_current_one) {
    temp_dir dir;
    const fs::path saved = fs::current_path();
    fs::current_path(dir.path);
    const auto r = write_file_atomically("here.txt", "cwd");
    fs::current_path(saved);
    require_ok(r);
    BOOST_TEST(read(dir.path / "here.txt") == "cwd");
    BOOST_TEST((entries(dir.path) == std::set<std::string>{"here.txt"}));
}

BOOST_AUTO_TEST_CASE(parent_that_is_a_regular_file_fails_and_names_the_path) {
    temp_dir dir;
    const fs::path blocker = dir.path / "plain";
    write_plain(blocker, "i am a file");
    const fs::path target = blocker / "sub" / "out.txt";

    const auto r = write_file_atomically(target, "data");
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(contains(r->message, "\"" + target.string() + "\""));
    BOOST_TEST(static_cast<bool>(r->code));
    BOOST_TEST(contains(r->message, r->code.message()));
    BOOST_TEST(read(blocker) == "i am a file");
    BOOST_TEST((entries(dir.path) == std::set<std::string>{"plain"}));

    // Directly under the file: creating the temporary file fails with ENOTDIR.
    const auto direct = write_file_atomically(blocker / "out.txt", "data");
    BOOST_REQUIRE(direct.has_value());
    BOOST_TEST(contains(direct->message, (blocker / "out.txt").string()));
    BOOST_TEST(contains(direct->message, r->code.message()));
    BOOST_TEST(read(blocker) == "i am a file");
}

BOOST_AUTO_TEST_CASE(failed_write_keeps_the_old_file_and_removes_the_temp_file) {
    temp_dir dir;
    const fs::path target = dir.path / "results.json";
    write_plain(target, "old results");

    std::optional<write_error> r;
    {
        file_size_limit limit(4096);
        r = write_file_atomically(target, std::string(64 * 1024, 'n'));
    }
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(r->code == std::make_error_code(std::errc::file_too_large));
    BOOST_TEST(contains(r->message, "\"" + target.string() + "\""));
    BOOST_TEST(contains(r->message, "File too large"));
    BOOST_TEST(read(target) == "old results");
    BOOST_TEST((entries(dir.path) == std::set<std::string>{"results.json"}));

    // Once the limit is gone, the same write succeeds.
    require_ok(write_file_atomically(target, std::string(64 * 1024, 'n')));
    BOOST_TEST(fs::file_size(target) == 64u * 1024u);
}

BOOST_AUTO_TEST_CASE(failed_rename_over_a_directory_cleans_up) {
    temp_dir dir;
    const fs::path target = dir.path / "taken";
    fs::create_directories(target / "inner");

    const auto r = write_file_atomically(target, "data");
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(r->code == std::make_error_code(std::errc::is_a_directory));
    BOOST_TEST(contains(r->message, "\"" + target.string() + "\""));
    BOOST_TEST(contains(r->message, "rename"));
    BOOST_TEST(fs::is_directory(target / "inner"));
    BOOST_TEST((entries(dir.path) == std::set<std::string>{"taken"}));
}

BOOST_AUTO_TEST_CASE(path_without_file_name_is_rejected) {
    temp_dir dir;
    for (const fs::path& bad : {dir.path / "", dir.path / ".", dir.path / "..", fs::path()}) {
        const auto r = write_file_atomically(bad, "data");
        BOOST_REQUIRE_MESSAGE(r.has_value(), "expected an error for " << bad);
        BOOST_TEST(r->code == std::make_error_code(std::errc::invalid_argument));
    }
    BOOST_TEST(entries(dir.path).empty());
}

BOOST_AUTO_TEST_CASE(concurrent_writers_leave_one_complete_version) {
    temp_dir dir;
    const fs::path target = dir.path / "shared.txt";
    constexpr int writers = 8;
    constexpr int rounds = 25;
    std::vector<std::string> versions;
    for (int w = 0; w < writers; ++w) {
        versions.push_back(std::string(20000 + w, static_cast<char>('a' + w)));
    }
    std::vector<std::thread> threads;
    std::array<int, writers> failures{};
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            for (int i = 0; i < rounds; ++i) {
                if (write_file_atomically(target, versions[static_cast<std::size_t>(w)])) {
                    ++failures[static_cast<std::size_t>(w)];
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    for (int f : failures) {
        BOOST_TEST(f == 0);
    }
    const std::string final = read(target);
    BOOST_TEST((std::find(versions.begin(), versions.end(), final) != versions.end()));
    BOOST_TEST((entries(dir.path) == std::set<std::string>{"shared.txt"}));
}

BOOST_AUTO_TEST_SUITE_END()
