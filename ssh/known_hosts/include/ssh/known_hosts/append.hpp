#pragma once
// Adding a host key to a known_hosts file, safely when many threads and processes do it at
// once (300 concurrent accept-new sessions must leave a valid file with every line whole).
//
// Flow of append_host_key(): create the directory (mode 0700) and file (mode 0600) if
// missing; open with O_APPEND; take an exclusive flock() on the file itself (retrying if it
// was replaced meanwhile, e.g. by ssh-keygen -R); re-read and parse it under the lock so a
// key that another writer just added is not added twice, and a conflicting key added
// meanwhile is not overridden; write the whole line with one write(); fsync; unlock.
// flock() locks are per open file, so this also excludes other threads of this process.

#include <ssh/crypto/random.hpp>
#include <ssh/known_hosts/entry.hpp>
#include <ssh/known_hosts/lookup.hpp>

#include <boost/system/error_code.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace ssh::known_hosts {

struct append_options {
    bool hash = false; // HashKnownHosts: store "|1|salt|mac" instead of the name
    limits lim;        // for re-reading the file under the lock
    lookup_options match;
};

enum class append_status {
    appended,        // a new line was written and synced
    already_present, // the file already had a line for this host with this key
    refused,         // nothing written: see error and message
};

struct append_result {
    append_status what = append_status::refused;
    // refused: a system error, invalid_host, malformed_line (bad key type), short_write,
    // file_too_large, not_a_regular_file, incomplete_database, or host_key_mismatch /
    // host_key_revoked when the file, read under the lock, conflicts with the key.
    boost::system::error_code error;
    std::string message; // human text for a refusal
    location where;      // appended / already_present / conflict: the line concerned
};

// One known_hosts line for `name` (a host_key_name()), ending in '\n':
// "name type base64" or, hashed, "|1|salt|mac type base64". rng is used only when hashing.
std::string format_line(std::string_view name, host_key_ref key, bool hash,
                        crypto::random_source& rng);

// Appends a line for (host, port) and `key` to the file at `path` unless it is already
// there. Never throws for I/O errors.
append_result append_host_key(const std::string& path, std::string_view host, std::uint16_t port,
                              host_key_ref key, crypto::random_source& rng,
                              const append_options& opts = {});

} // namespace ssh::known_hosts
