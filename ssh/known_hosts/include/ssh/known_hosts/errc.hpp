#pragma once
// Errors of the known_hosts component (category "ssh.known_hosts").
//
// Failing system calls (open, flock, write, ...) are reported with their errno in the system
// category, which says more than a code of ours could; these codes cover everything else.

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace ssh::known_hosts {

enum class errc {
    host_key_unknown = 1, // no line for this host and the policy does not accept new hosts
    host_key_mismatch,    // the host is known with other keys: possible man-in-the-middle
    host_key_revoked,     // the offered key is marked @revoked
    incomplete_database,  // a known_hosts file could not be read in full: refuse to add keys
    file_too_large,       // a known_hosts file is above the size limit
    not_a_regular_file,   // a known_hosts path names a directory, device, FIFO, ...
    line_too_long,        // a line above the line length limit (skipped)
    malformed_line,       // a line that does not parse (skipped)
    too_many_entries,     // a file holds more entries than the limit (the rest is ignored)
    short_write,          // the appended line could not be written in full (rolled back)
    invalid_host,         // an empty host name, or one with whitespace or control characters
};

const boost::system::error_category& known_hosts_category() noexcept;
boost::system::error_code make_error_code(errc e) noexcept;

} // namespace ssh::known_hosts

template <>
struct boost::system::is_error_code_enum<ssh::known_hosts::errc> : std::true_type {};
