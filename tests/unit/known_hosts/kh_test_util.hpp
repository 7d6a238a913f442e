#pragma once
// Helpers for the known_hosts tests: a scratch directory, real keys from ssh-keygen, and
// OpenSSH's own view of a known_hosts file (ssh-keygen -F / -l) to compare ours with.

#include <ssh/known_hosts/append.hpp>
#include <ssh/known_hosts/entry.hpp>
#include <ssh/known_hosts/errc.hpp>
#include <ssh/known_hosts/lookup.hpp>
#include <ssh/known_hosts/policy.hpp>

#include <cstddef>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace kh_test {

namespace fs = std::filesystem;

// A fresh directory, removed with everything in it at the end of the test.
struct scratch_dir {
    fs::path root;
    scratch_dir();
    ~scratch_dir();
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    std::string path(const std::string& name) const { return (root / name).string(); }
};

// A key pair made by ssh-keygen; fails the test loudly if ssh-keygen is not installed.
struct real_key {
    std::string type;
    ssh::known_hosts::bytes blob;
    std::string base64;      // the second field of the .pub line
    std::string fingerprint; // as `ssh-keygen -lf` prints it
    ssh::known_hosts::host_key_ref ref() const { return {type, blob}; }
    std::string fields() const { return type + " " + base64; } // "type base64"
    std::string line_for(const std::string& hosts) const { return hosts + " " + fields(); }
};
real_key make_key(const scratch_dir& dir, const std::string& name,
                  const std::string& type = "ed25519");

// A syntactically valid ssh-ed25519 key whose 32 key bytes derive from `n`: cheap keys for
// tests that need hundreds (ssh-keygen accepts them, as any 32 bytes are an Ed25519 point
// encoding it will load).
ssh::known_hosts::bytes synthetic_ed25519_blob(std::size_t n);

// Runs a shell command; returns its stdout, and its exit status in `status`.
std::string run(const std::string& command, int* status = nullptr);
std::string quote(const std::string& s);

void write_file(const std::string& path, const std::string& text);
std::string read_file(const std::string& path);

// What `ssh-keygen -F name -f file` reports: the numbers of the lines it found, with
// " REVOKED" or " CA" appended for marked lines.
std::vector<std::string> openssh_find(const std::string& file, const std::string& name);

// The line numbers our parser + matcher find for `name` in `file` (all markers), in the
// same form as openssh_find().
std::vector<std::string> our_find(const std::string& file, const std::string& name);

} // namespace kh_test

// Printable enums for Boost.Test messages (found by ADL).
namespace ssh::known_hosts {
std::ostream& operator<<(std::ostream& os, errc e);
std::ostream& operator<<(std::ostream& os, marker m);
std::ostream& operator<<(std::ostream& os, status s);
std::ostream& operator<<(std::ostream& os, action a);
std::ostream& operator<<(std::ostream& os, append_status a);
} // namespace ssh::known_hosts
