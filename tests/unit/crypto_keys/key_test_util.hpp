#pragma once
// Helpers shared by the crypto_keys tests: a scratch directory, running ssh-keygen, files,
// and the armor and signature wrappers ssh-keygen's SSHSIG files use (OpenSSH PROTOCOL.sshsig).

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ssh/crypto/base64.hpp>
#include <ssh/crypto/bytes.hpp>
#include <ssh/wire/reader.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace key_test {

namespace fs = std::filesystem;
using ssh::crypto::bytes;

// A fresh directory under $TMPDIR, removed with everything in it at the end of the scope.
class temp_dir {
public:
    temp_dir() {
        std::string templ = (fs::temp_directory_path() / "fleetsh-keys-XXXXXX").string();
        if (::mkdtemp(templ.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        path_ = templ;
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }
    fs::path operator/(std::string_view name) const { return path_ / name; }

private:
    fs::path path_;
};

inline std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}
inline std::string quote(const fs::path& p) {
    return quote(p.string());
}

struct command_result {
    int exit_code = -1;
    std::string output; // stdout (stderr too when asked)
};

// Runs a shell command, capturing stdout; stderr is kept out of the way unless merged.
inline command_result run(const std::string& command, bool merge_stderr = false) {
    const std::string full = command + (merge_stderr ? " 2>&1" : " 2>/dev/null");
    FILE* pipe = ::popen(full.c_str(), "r");
    if (pipe == nullptr)
        throw std::runtime_error("popen failed: " + command);
    command_result result;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0)
        result.output.append(buf.data(), n);
    const int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

// Runs a command that must succeed; its stdout.
inline std::string run_ok(const std::string& command) {
    const auto r = run(command, true);
    if (r.exit_code != 0)
        throw std::runtime_error("command failed (" + std::to_string(r.exit_code) +
                                 "): " + command + "\n" + r.output);
    return r.output;
}

// Fails loudly (once per process) if ssh-keygen is not installed.
inline void require_ssh_keygen() {
    static const bool present = run("command -v ssh-keygen").exit_code == 0;
    if (!present)
        throw std::runtime_error("ssh-keygen not found: install openssh-client to run these tests");
}

// ssh-keygen -q -t <type> [-b bits] -N <pass> [-a rounds] [-m format] [-Z cipher] -C comment
inline fs::path keygen(const temp_dir& dir, const std::string& name, const std::string& args) {
    require_ssh_keygen();
    const auto path = dir / name;
    run_ok("ssh-keygen -q " + args + " -f " + quote(path) + " </dev/null");
    return path;
}

inline std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_text(const fs::path& path, std::string_view text, mode_t mode = 0600) {
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
    }
    ::chmod(path.c_str(), mode);
}

inline std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
        s.pop_back();
    return s;
}

inline bytes to_bytes(std::string_view s) {
    return bytes(s.begin(), s.end());
}

// The body of a "-----BEGIN <label>-----" block, base64-decoded.
inline bytes unarmor(std::string_view text, std::string_view label) {
    const std::string begin = "-----BEGIN " + std::string(label) + "-----";
    const std::string end = "-----END " + std::string(label) + "-----";
    const auto b = text.find(begin);
    const auto e = text.find(end);
    if (b == std::string_view::npos || e == std::string_view::npos)
        throw std::runtime_error("no " + std::string(label) + " armor");
    std::string body;
    for (char c : text.substr(b + begin.size(), e - b - begin.size()))
        if (c != '\n' && c != '\r')
            body += c;
    auto decoded = ssh::crypto::base64_decode(body);
    if (!decoded)
        throw std::runtime_error("bad base64 in armor");
    return *decoded;
}

inline std::string armor(std::string_view label, ssh::crypto::bytes_view body) {
    const auto b64 = ssh::crypto::base64_encode(body);
    std::string out = "-----BEGIN " + std::string(label) + "-----\n";
    for (std::size_t i = 0; i < b64.size(); i += 70)
        out += b64.substr(i, 70) + "\n";
    return out + "-----END " + std::string(label) + "-----\n";
}

// OpenSSH PROTOCOL.sshsig: what the key signs for a message (given as its SHA-512) in `ns`.
inline bytes sshsig_signed_data(std::string_view ns, const bytes& message_sha512) {
    ssh::wire::writer w;
    w.raw(to_bytes("SSHSIG"));
    w.string(ns);
    w.string(std::string_view{}); // reserved
    w.string("sha512");
    w.string(message_sha512);
    return w.take();
}

// An SSHSIG blob holding `public_blob` and an SSH signature blob, armored.
inline std::string sshsig_file(ssh::crypto::bytes_view public_blob, std::string_view ns,
                               ssh::crypto::bytes_view signature_blob) {
    ssh::wire::writer w;
    w.raw(to_bytes("SSHSIG"));
    w.uint32(1);
    w.string(public_blob);
    w.string(ns);
    w.string(std::string_view{});
    w.string("sha512");
    w.string(signature_blob);
    return armor("SSH SIGNATURE", w.data());
}

struct sshsig {
    bytes public_blob;
    std::string ns;
    std::string hash;
    bytes signature_blob;
};

inline sshsig parse_sshsig(std::string_view text) {
    const auto body = unarmor(text, "SSH SIGNATURE");
    ssh::wire::reader r{body};
    const auto magic = r.raw(6);
    const auto version = r.uint32();
    const auto pub = r.string(65536);
    const auto ns = r.text(1024);
    (void)r.string(1024);
    const auto hash = r.text(64);
    const auto sig = r.string(65536);
    r.expect_end();
    if (r.failed() ||
        std::string_view(reinterpret_cast<const char*>(magic.data()), 6) != "SSHSIG" ||
        version != 1)
        throw std::runtime_error("bad SSHSIG file");
    return {bytes(pub.begin(), pub.end()), std::string(ns), std::string(hash),
            bytes(sig.begin(), sig.end())};
}

} // namespace key_test
