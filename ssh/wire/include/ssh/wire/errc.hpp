#pragma once
// Errors of the SSH wire layer: the RFC 4251 §5 data types and their limits.

#include <boost/system/error_code.hpp>

#include <type_traits>

namespace ssh::wire {

enum class errc {
    truncated = 1,        // a field needs more bytes than remain
    trailing_data,        // bytes remain after the last field of a message
    length_exceeds_limit, // a declared length is above the caller's limit
    bad_mpint,            // mpint not minimally encoded (RFC 4251 §5)
    negative_mpint,       // mpint is negative where only unsigned values are valid
    bad_name_list,        // name-list holds an empty name (e.g. ",a", "a,,b", "a,")
    bad_name_char,        // name-list holds a byte outside printable US-ASCII (RFC 4251 §6)
    too_many_names,       // name-list holds more names than limits::max_name_list_entries
    length_overflow,      // writer: a length does not fit in a uint32 field
    unbalanced_string,    // writer: end_string() with a mark that begin_string() did not return
};

// The "ssh.wire" category.
const boost::system::error_category& wire_category() noexcept;

boost::system::error_code make_error_code(errc e) noexcept;

} // namespace ssh::wire

namespace boost::system {
template <>
struct is_error_code_enum<ssh::wire::errc> : std::true_type {};
} // namespace boost::system
