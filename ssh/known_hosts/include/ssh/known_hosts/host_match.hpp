#pragma once
// Matching a host against the host field of known_hosts lines (sshd(8), SSH_KNOWN_HOSTS FILE
// FORMAT).

#include <ssh/crypto/random.hpp>
#include <ssh/known_hosts/entry.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace ssh::known_hosts {

// The name a host is filed under, as OpenSSH forms it: the lowercased host for port 22 (or
// 0), "[host]:port" otherwise. Brackets around the host (as in "[::1]") are removed first,
// so an IPv6 literal is "::1" on port 22 and "[::1]:2222" elsewhere. A "[host]:22" line is
// therefore not consulted for port 22, exactly as with ssh(1).
std::string host_key_name(std::string_view host, std::uint16_t port);

// True if a host may be written to a file in plain form: not empty, no whitespace, control
// characters, ',' or pattern characters ('*', '?', '!'), and not starting with '#', '@'
// or '|', which would change the meaning of the line.
bool valid_host_name(std::string_view host) noexcept;

// Whether a line's host field matches `name` (a host_key_name()). Plain fields: some pattern
// matches and no negated one does. Hashed fields: the HMAC of `name` with the line's salt.
bool host_field_matches(const entry& e, std::string_view name);

// "|1|base64(salt)|base64(HMAC-SHA1(salt, name))" with a fresh 20-byte salt.
std::string hash_host_name(std::string_view name, crypto::random_source& rng);

} // namespace ssh::known_hosts
