#include "kh_test_util.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <ssh/crypto/base64.hpp>
#include <ssh/known_hosts/host_match.hpp>
#include <ssh/known_hosts/parser.hpp>

#include <boost/test/unit_test.hpp>

#include <array>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace kh_test {

scratch_dir::scratch_dir() {
    static std::atomic<int> counter{0};
    root = fs::temp_directory_path() /
           ("fleetsh-kh-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(root);
    fs::create_directories(root);
}

scratch_dir::~scratch_dir() {
    std::error_code ec;
    fs::remove_all(root, ec);
}

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

std::string run(const std::string& command, int* status) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    BOOST_REQUIRE_MESSAGE(p != nullptr, "cannot run: " << command);
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0)
        out.append(buf.data(), n);
    const int rc = ::pclose(p);
    if (status)
        *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return out;
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << text;
    BOOST_REQUIRE_MESSAGE(f.good(), "cannot write " << path);
}

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

real_key make_key(const scratch_dir& dir, const std::string& name, const std::string& type) {
    int status = 0;
    run("command -v ssh-keygen >/dev/null 2>&1", &status);
    BOOST_REQUIRE_MESSAGE(status == 0,
                          "ssh-keygen not found: install openssh-client to run these tests");
    const auto file = dir.path(name);
    run("ssh-keygen -q -t " + type + " -N '' -C test -f " + quote(file) + " </dev/null", &status);
    BOOST_REQUIRE_MESSAGE(status == 0, "ssh-keygen -t " << type << " failed");

    real_key k;
    std::istringstream pub(read_file(file + ".pub"));
    pub >> k.type >> k.base64;
    auto blob = ssh::crypto::base64_decode(k.base64);
    BOOST_REQUIRE(blob.has_value());
    k.blob = std::move(*blob);
    // "256 SHA256:... test (ED25519)"
    std::istringstream fp(run("ssh-keygen -lf " + quote(file + ".pub"), &status));
    std::string bits;
    fp >> bits >> k.fingerprint;
    BOOST_REQUIRE_MESSAGE(status == 0 && k.fingerprint.starts_with("SHA256:"),
                          "ssh-keygen -lf failed");
    return k;
}

ssh::known_hosts::bytes synthetic_ed25519_blob(std::size_t n) {
    const std::string type = "ssh-ed25519";
    ssh::known_hosts::bytes b;
    b.reserve(4 + type.size() + 4 + 32);
    auto put_u32 = [&b](std::uint32_t v) {
        for (int shift = 24; shift >= 0; shift -= 8)
            b.push_back(static_cast<std::uint8_t>(v >> shift));
    };
    put_u32(static_cast<std::uint32_t>(type.size()));
    for (char c : type)
        b.push_back(static_cast<std::uint8_t>(c));
    put_u32(32);
    for (std::size_t i = 0; i < 32; ++i)
        b.push_back(static_cast<std::uint8_t>((n >> (8 * (i % 8))) ^ (i * 37)));
    return b;
}

std::vector<std::string> openssh_find(const std::string& file, const std::string& name) {
    const auto out = run("ssh-keygen -F " + quote(name) + " -f " + quote(file) + " 2>/dev/null");
    std::vector<std::string> found;
    std::istringstream lines(out);
    std::string line;
    const std::string tag = " found: line ";
    while (std::getline(lines, line)) {
        const auto at = line.find(tag);
        if (!line.starts_with("# Host ") || at == std::string::npos)
            continue;
        auto rest = line.substr(at + tag.size());
        while (!rest.empty() && rest.back() == ' ')
            rest.pop_back();
        found.push_back(rest);
    }
    return found;
}

std::vector<std::string> our_find(const std::string& file, const std::string& name) {
    using namespace ssh::known_hosts;
    const auto parsed = load_file(file);
    std::vector<std::string> found;
    for (const auto& e : parsed.entries) {
        if (!host_field_matches(e, name))
            continue;
        auto s = std::to_string(e.line);
        if (e.mark == marker::revoked)
            s += " REVOKED";
        else if (e.mark == marker::cert_authority)
            s += " CA";
        found.push_back(s);
    }
    return found;
}

} // namespace kh_test

namespace ssh::known_hosts {

std::ostream& operator<<(std::ostream& os, errc e) {
    return os << make_error_code(e).message();
}

std::ostream& operator<<(std::ostream& os, marker m) {
    const char* names[] = {"none", "revoked", "cert_authority"};
    return os << names[static_cast<int>(m)];
}

std::ostream& operator<<(std::ostream& os, status s) {
    const char* names[] = {"match", "revoked", "mismatch", "unknown"};
    return os << names[static_cast<int>(s)];
}

std::ostream& operator<<(std::ostream& os, action a) {
    const char* names[] = {"accept", "add_and_accept", "needs_decision", "reject"};
    return os << names[static_cast<int>(a)];
}

std::ostream& operator<<(std::ostream& os, append_status a) {
    const char* names[] = {"appended", "already_present", "refused"};
    return os << names[static_cast<int>(a)];
}

} // namespace ssh::known_hosts
