#pragma once
// Key fingerprints in OpenSSH's default form, as `ssh-keygen -l` prints them.

#include <ssh/known_hosts/entry.hpp>

#include <string>

namespace ssh::known_hosts {

// "SHA256:" followed by the unpadded base64 of SHA-256(blob).
std::string fingerprint_sha256(bytes_view key_blob);

} // namespace ssh::known_hosts
