#pragma once
// What one known_hosts line holds once parsed, and where it came from.
//
// Keys are handled as (key type name, public key blob) pairs and never parsed here: two keys
// are the same iff both the type name and the blob bytes are equal.

#include <ssh/crypto/bytes.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssh::known_hosts {

using crypto::bytes;
using crypto::bytes_view;

// A host key as offered by a server or about to be stored. Views: the caller owns the bytes.
struct host_key_ref {
    std::string_view type; // e.g. "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"
    bytes_view blob;       // the RFC 4253 §6.6 public key blob
};

enum class marker {
    none,
    revoked,        // "@revoked": this key must never be accepted
    cert_authority, // "@cert-authority": a CA for host certificates
};

// One comma-separated element of a plain host field, lowercased at parse time.
struct host_pattern {
    std::string glob; // '*' and '?' are wildcards
    bool negated = false;
};

// The "|1|salt|mac" form: mac = HMAC-SHA1(key = salt, message = host name).
struct hashed_name {
    bytes salt;
    bytes mac;
};

struct entry {
    marker mark = marker::none;
    std::vector<host_pattern> patterns; // empty iff `hashed` is set
    std::optional<hashed_name> hashed;
    std::string key_type;
    bytes key_blob;
    std::string comment;
    std::size_t line = 0; // 1-based line number in its file
};

struct location {
    std::string file;
    std::size_t line = 0; // 0 when the message concerns the whole file
};

// A non-fatal problem found while reading: a skipped line or an unreadable file.
struct warning {
    location where;
    boost::system::error_code code;
    std::string message; // "file:line: what is wrong"
};

// Bounds on what a file may make us read and keep, so garbage cannot exhaust memory.
struct limits {
    std::size_t max_line_length = 64 * 1024;      // longer lines are skipped with a warning
    std::size_t max_file_size = 64 * 1024 * 1024; // larger files are not read at all
    std::size_t max_entries = 1'000'000;          // per file; the rest of the file is ignored
    std::size_t max_warnings = 100;               // per file; further ones are counted only
};

// The entries of one file.
struct parsed_file {
    std::string path;
    std::vector<entry> entries;
    std::vector<warning> warnings;
    // False when part of the file may hold entries we did not see (unreadable, too large,
    // too many entries). A missing file is complete and empty. Keys are never added
    // automatically on the strength of an incomplete file: the host might be in the unseen
    // part with another key.
    bool complete = true;
};

} // namespace ssh::known_hosts
