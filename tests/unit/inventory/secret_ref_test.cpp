#include <unistd.h>

#include <inventory/secret_ref.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using inventory::resolve_secret;
using inventory::secret;
using inventory::secret_error;
using inventory::secret_result;

namespace {

/// A fresh directory under the system temp dir, removed with everything in it at the end.
struct temp_dir {
    fs::path path;

    temp_dir() {
        static int counter = 0;
        path = fs::temp_directory_path() / ("fleetsh-secret-ref-" + std::to_string(::getpid()) +
                                            "-" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~temp_dir() { fs::remove_all(path); }

    fs::path write(const fs::path& rel, const std::string& contents) const {
        const fs::path p = path / rel;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << contents;
        return p;
    }
};

/// Sets an environment variable for one test and unsets it afterwards.
struct scoped_env {
    std::string name;
    scoped_env(std::string n, const std::string& value)
        : name(std::move(n)) {
        ::setenv(name.c_str(), value.c_str(), 1);
    }
    ~scoped_env() { ::unsetenv(name.c_str()); }
};

std::string value_of(const secret_result& r) {
    if (const auto* err = std::get_if<secret_error>(&r)) {
        BOOST_FAIL("unexpected error: " << err->message);
    }
    return std::get<secret>(r).reveal();
}

std::string error_of(const secret_result& r) {
    BOOST_REQUIRE_MESSAGE(std::holds_alternative<secret_error>(r), "expected an error");
    return std::get<secret_error>(r).message;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace

BOOST_AUTO_TEST_SUITE(secret_ref)

BOOST_AUTO_TEST_CASE(literals_are_returned_as_is) {
    for (const std::string v : {"hunter2", "", "pa$$word", "a$b", "$", "$$", "{x}", "}{$"}) {
        BOOST_TEST(value_of(resolve_secret(v, {})) == v);
    }
}

BOOST_AUTO_TEST_CASE(double_dollar_brace_escapes_a_literal_reference) {
    scoped_env env("FLEETSH_TEST_ESCAPED", "must-not-appear");
    BOOST_TEST(value_of(resolve_secret("$${env:FLEETSH_TEST_ESCAPED}", {})) ==
               "${env:FLEETSH_TEST_ESCAPED}");
    BOOST_TEST(value_of(resolve_secret("a$${b", {})) == "a${b");
    BOOST_TEST(value_of(resolve_secret("$${$${", {})) == "${${");
}

BOOST_AUTO_TEST_CASE(env_reference_reads_the_variable) {
    scoped_env a("FLEETSH_TEST_PW", "s3cr3t!$x");
    scoped_env b("FLEETSH_TEST_USER", "ops");
    BOOST_TEST(value_of(resolve_secret("${env:FLEETSH_TEST_PW}", {})) == "s3cr3t!$x");
    BOOST_TEST(value_of(resolve_secret("<${env:FLEETSH_TEST_USER}:${env:FLEETSH_TEST_PW}>", {})) ==
               "<ops:s3cr3t!$x>");
}

BOOST_AUTO_TEST_CASE(env_set_but_empty_is_empty) {
    scoped_env a("FLEETSH_TEST_EMPTY", "");
    BOOST_TEST(value_of(resolve_secret("${env:FLEETSH_TEST_EMPTY}", {})) == "");
}

BOOST_AUTO_TEST_CASE(unset_env_names_the_variable_but_no_value) {
    scoped_env set("FLEETSH_TEST_SET", "topsecretvalue");
    ::unsetenv("FLEETSH_TEST_UNSET");
    const std::string msg =
        error_of(resolve_secret("${env:FLEETSH_TEST_SET}${env:FLEETSH_TEST_UNSET}", {}));
    BOOST_TEST(contains(msg, "FLEETSH_TEST_UNSET"));
    BOOST_TEST(contains(msg, "not set"));
    BOOST_TEST(!contains(msg, "topsecretvalue"));
}

BOOST_AUTO_TEST_CASE(invalid_env_names_are_rejected) {
    BOOST_TEST(contains(error_of(resolve_secret("${env:}", {})), "empty variable name"));
    const std::string msg = error_of(resolve_secret("${env:BAD-NAME}", {}));
    BOOST_TEST(contains(msg, "\"BAD-NAME\""));
    BOOST_TEST(contains(msg, "invalid environment variable name"));
    BOOST_TEST(contains(error_of(resolve_secret("${env:1X}", {})), "\"1X\""));
}

BOOST_AUTO_TEST_CASE(file_reference_strips_exactly_one_trailing_newline) {
    temp_dir dir;
    BOOST_TEST(value_of(resolve_secret("${file:" + dir.write("a", "pw\n").string() + "}", {})) ==
               "pw");
    BOOST_TEST(value_of(resolve_secret("${file:" + dir.write("b", "pw\n\n").string() + "}", {})) ==
               "pw\n");
    BOOST_TEST(value_of(resolve_secret("${file:" + dir.write("c", "pw").string() + "}", {})) ==
               "pw");
    BOOST_TEST(value_of(resolve_secret("${file:" + dir.write("d", "pw\r\n").string() + "}", {})) ==
               "pw");
    BOOST_TEST(value_of(resolve_secret("${file:" + dir.write("e", " pw \n").string() + "}", {})) ==
               " pw ");
    BOOST_TEST(value_of(resolve_secret("${file:" + dir.write("f", "").string() + "}", {})) == "");
    BOOST_TEST(value_of(resolve_secret("${file:" + dir.write("g", "\n").string() + "}", {})) == "");
}

BOOST_AUTO_TEST_CASE(relative_file_paths_use_the_base_directory) {
    temp_dir dir;
    dir.write("creds/pw.txt", "from-base\n");
    BOOST_TEST(value_of(resolve_secret("${file:creds/pw.txt}", dir.path)) == "from-base");
    BOOST_TEST(value_of(resolve_secret("${file:./creds/../creds/pw.txt}", dir.path)) ==
               "from-base");

    // An absolute path ignores the base directory.
    temp_dir other;
    const fs::path abs = other.write("abs.txt", "absolute\n");
    BOOST_TEST(value_of(resolve_secret("${file:" + abs.string() + "}", dir.path)) == "absolute");

    // A relative path that exists only under the base is not found without it.
    const std::string msg = error_of(resolve_secret("${file:creds/pw.txt}", other.path));
    BOOST_TEST(contains(msg, (other.path / "creds/pw.txt").string()));
}

BOOST_AUTO_TEST_CASE(missing_file_names_the_path_and_os_error) {
    temp_dir dir;
    const std::string msg = error_of(resolve_secret("${file:nope.txt}", dir.path));
    BOOST_TEST(contains(msg, "\"" + (dir.path / "nope.txt").string() + "\""));
    BOOST_TEST(contains(msg, "No such file or directory"));
}

BOOST_AUTO_TEST_CASE(directory_is_not_a_secret_file) {
    temp_dir dir;
    fs::create_directories(dir.path / "sub");
    const std::string msg = error_of(resolve_secret("${file:sub}", dir.path));
    BOOST_TEST(contains(msg, (dir.path / "sub").string()));
    BOOST_TEST(contains(msg, "not a regular file"));
}

BOOST_AUTO_TEST_CASE(files_over_64_kib_are_refused) {
    temp_dir dir;
    const std::string at_limit(inventory::max_secret_file_size, 'x');
    dir.write("limit", at_limit);
    BOOST_TEST(value_of(resolve_secret("${file:limit}", dir.path)) == at_limit);

    dir.write("big", at_limit + "y");
    const std::string msg = error_of(resolve_secret("${file:big}", dir.path));
    BOOST_TEST(contains(msg, (dir.path / "big").string()));
    BOOST_TEST(contains(msg, "larger than 65536 bytes"));
    BOOST_TEST(!contains(msg, "xxxx"));
}

BOOST_AUTO_TEST_CASE(file_errors_never_show_other_resolved_values) {
    temp_dir dir;
    scoped_env set("FLEETSH_TEST_SET2", "envsecretvalue");
    dir.write("ok", "filesecretvalue\n");
    const std::string msg =
        error_of(resolve_secret("${env:FLEETSH_TEST_SET2}${file:ok}${file:missing}", dir.path));
    BOOST_TEST(contains(msg, "missing"));
    BOOST_TEST(!contains(msg, "envsecretvalue"));
    BOOST_TEST(!contains(msg, "filesecretvalue"));
}

BOOST_AUTO_TEST_CASE(malformed_references_name_the_problem) {
    std::string msg = error_of(resolve_secret("pa${ssword", {}));
    BOOST_TEST(contains(msg, "unterminated"));
    BOOST_TEST(contains(msg, "offset 2"));
    BOOST_TEST(!contains(msg, "ssword")); // could be a literal password: not echoed

    msg = error_of(resolve_secret("${vault:db/pw}", {}));
    BOOST_TEST(contains(msg, "unknown reference scheme \"vault\""));

    msg = error_of(resolve_secret("x${FLEETSH_PW}", {}));
    BOOST_TEST(contains(msg, "no scheme"));
    BOOST_TEST(contains(msg, "offset 1"));

    BOOST_TEST(contains(error_of(resolve_secret("${}", {})), "no scheme"));
    BOOST_TEST(contains(error_of(resolve_secret("${file:}", {})), "empty path"));
    BOOST_TEST(contains(error_of(resolve_secret("ok ${env:X", {})), "offset 3"));
}

BOOST_AUTO_TEST_CASE(secret_never_streams_its_value) {
    const secret s("correct horse battery staple");
    std::ostringstream os;
    os << "password=" << s << ";";
    BOOST_TEST(os.str() == "password=********;");
    BOOST_TEST(secret::masked() == "********");
    BOOST_TEST(s.masked() == "********");
    BOOST_TEST(s.reveal() == "correct horse battery staple");

    // Copies and moves keep the value; the moved-from secret is empty.
    secret copy = s;
    BOOST_TEST(copy.reveal() == s.reveal());
    secret moved = std::move(copy);
    BOOST_TEST(moved.reveal() == s.reveal());
    BOOST_TEST(copy.empty()); // NOLINT(bugprone-use-after-move): checking the wiped state
    secret assigned;
    assigned = moved;
    BOOST_TEST(assigned.reveal() == s.reveal());
    assigned = secret("short");
    BOOST_TEST(assigned.reveal() == "short");

    std::ostringstream empty_os;
    empty_os << secret();
    BOOST_TEST(empty_os.str() == "********");
}

BOOST_AUTO_TEST_CASE(resolved_secret_streams_masked) {
    scoped_env env("FLEETSH_TEST_STREAM", "streamedvalue");
    const auto r = resolve_secret("${env:FLEETSH_TEST_STREAM}", {});
    std::ostringstream os;
    os << std::get<secret>(r);
    BOOST_TEST(os.str() == "********");
    BOOST_TEST(!contains(os.str(), "streamedvalue"));
}

BOOST_AUTO_TEST_SUITE_END()
