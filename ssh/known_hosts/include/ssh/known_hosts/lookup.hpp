#pragma once
// What the known_hosts files say about a host and the key it offers.
//
// Only plain host keys are checked. @cert-authority lines are kept by the parser but never
// match a plain key and never make a host "known": host certificates are out of scope for
// now, and a CA line says nothing about which plain key a host should have.

#include <ssh/known_hosts/entry.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ssh::known_hosts {

enum class status {
    match,    // a line for this host has this key
    revoked,  // a @revoked line for this host has this key: refuse whatever the policy
    mismatch, // the host is known, but with other keys only: refuse whatever the policy
    unknown,  // no line for this host
};

struct lookup_options {
    // OpenSSH reports a changed key only when the host is known with a key of the *same*
    // type, and treats a key of a type it has no line for as new (accept-new adds it). When
    // true (the default) we are stricter: a host known with any key, but not this one, is a
    // mismatch. Offering the known key types first (known_key_types()) keeps this from
    // firing against servers that still have their old key.
    bool mismatch_on_any_key_type = true;
};

struct lookup_result {
    status what = status::unknown;
    std::string host_name;           // the name looked up: "host" or "[host]:port"
    std::string offered_type;        // the offered key's type
    std::string offered_fingerprint; // SHA256:... of the offered key
    // match: the accepting line; revoked: the @revoked line; mismatch: the first line that
    // conflicts (one with the same key type if there is one, else the first of any type).
    location where;
    std::string known_type;        // mismatch: the conflicting line's key type
    std::string known_fingerprint; // mismatch: the conflicting line's fingerprint
    // Key types with a plain line for this host, in file order and without repeats (for an
    // "unknown" result with mismatch_on_any_key_type off, these are of other types).
    std::vector<std::string> known_types;
    // False if some file could not be read in full: an "unknown" may then be wrong.
    bool complete = true;
};

// Looks up `name` (a host_key_name(), e.g. from a HostKeyAlias) in `files`, in order.
lookup_result lookup_name(std::span<const parsed_file> files, std::string_view name,
                          host_key_ref offered, const lookup_options& opts = {});

// lookup_name(files, host_key_name(host, port), ...).
lookup_result lookup(std::span<const parsed_file> files, std::string_view host, std::uint16_t port,
                     host_key_ref offered, const lookup_options& opts = {});

// The key types with a plain (unmarked) line for this host, in file order without repeats,
// so the client can propose host key algorithms of these types first, as OpenSSH does.
std::vector<std::string> known_key_types(std::span<const parsed_file> files, std::string_view host,
                                         std::uint16_t port);

} // namespace ssh::known_hosts
