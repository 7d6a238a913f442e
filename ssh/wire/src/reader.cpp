#include <ssh/wire/limits.hpp>
#include <ssh/wire/reader.hpp>

#include <algorithm>

namespace ssh::wire {
namespace {

template <typename T>
T load_big_endian(bytes_view b) noexcept {
    T v = 0;
    for (std::uint8_t x : b)
        v = static_cast<T>((v << 8) | x);
    return v;
}

std::string_view as_chars(bytes_view b) noexcept {
    // Viewing bytes as char is allowed by the aliasing rules.
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// RFC 4251 §6: names are printable US-ASCII, no control characters, space or DEL.
bool is_name_char(char c) noexcept {
    return c > ' ' && c < '\x7f';
}

} // namespace

// The only place that slices the buffer. Every getter reaches the bytes through here, so no
// read can pass the end: a failed reader returns empty, and a short buffer fails before any
// byte is touched.
bytes_view reader::take(std::size_t n) noexcept {
    if (failed())
        return {};
    if (n > rest_.size()) {
        fail(errc::truncated);
        return {};
    }
    bytes_view out = rest_.first(n);
    rest_ = rest_.subspan(n);
    consumed_ += n;
    return out;
}

void reader::fail(errc e) noexcept {
    if (!failed())
        err_ = e;
    rest_ = {};
}

std::uint8_t reader::byte() noexcept {
    return load_big_endian<std::uint8_t>(take(1));
}

bool reader::boolean() noexcept {
    return byte() != 0;
}

std::uint32_t reader::uint32() noexcept {
    return load_big_endian<std::uint32_t>(take(4));
}

std::uint64_t reader::uint64() noexcept {
    return load_big_endian<std::uint64_t>(take(8));
}

bytes_view reader::string(std::size_t max_len) noexcept {
    const std::uint32_t len = uint32();
    if (failed())
        return {};
    // The limit first, then take() compares with what remains: no length from the wire is
    // used before both checks pass.
    if (len > max_len) {
        fail(errc::length_exceeds_limit);
        return {};
    }
    return take(len);
}

std::string_view reader::text(std::size_t max_len) noexcept {
    return as_chars(string(max_len));
}

bytes_view reader::raw(std::size_t n) noexcept {
    return take(n);
}

bytes_view reader::mpint_unsigned(std::size_t max_bytes) noexcept {
    const bytes_view v = string(max_bytes);
    if (v.empty()) // zero, or failed
        return {};
    // RFC 4251 §5: two's complement, so a set high bit in the first byte means negative.
    if ((v.front() & 0x80) != 0) {
        fail(errc::negative_mpint);
        return {};
    }
    if (v.front() != 0)
        return v;
    // RFC 4251 §5: "Unnecessary leading bytes with the value 0 or 255 MUST NOT be included".
    // A 0x00 is necessary only to keep the next byte's high bit from reading as a sign; and
    // zero itself is the empty string, never "00".
    const bytes_view magnitude = v.subspan(1);
    if (magnitude.empty() || (magnitude.front() & 0x80) == 0) {
        fail(errc::bad_mpint);
        return {};
    }
    return magnitude;
}

name_list_view reader::name_list(std::size_t max_len) {
    const std::string_view s = text(max_len);
    name_list_view names;
    if (s.empty()) // the empty list, or failed
        return names;
    // Validate and count before allocating anything.
    if (!std::all_of(s.begin(), s.end(), [](char c) { return c == ',' || is_name_char(c); })) {
        fail(errc::bad_name_char);
        return names;
    }
    const auto count = static_cast<std::size_t>(std::count(s.begin(), s.end(), ',')) + 1;
    if (count > limits::max_name_list_entries) {
        fail(errc::too_many_names);
        return names;
    }
    names.reserve(count);
    std::string_view rest = s;
    for (;;) {
        const std::size_t comma = rest.find(',');
        const std::string_view name = rest.substr(0, comma);
        if (name.empty()) { // ",a", "a,,b" or "a,"
            fail(errc::bad_name_list);
            return {};
        }
        names.push_back(name);
        if (comma == std::string_view::npos)
            return names;
        rest.remove_prefix(comma + 1);
    }
}

reader reader::sub_reader(std::size_t n) noexcept {
    reader sub{take(n)};
    sub.err_ = err_;
    return sub;
}

reader reader::string_reader(std::size_t max_len) noexcept {
    reader sub{string(max_len)};
    sub.err_ = err_;
    return sub;
}

void reader::expect_end() noexcept {
    if (!failed() && !rest_.empty())
        fail(errc::trailing_data);
}

boost::system::error_code reader::error() const noexcept {
    if (!failed())
        return {};
    return make_error_code(err_);
}

} // namespace ssh::wire
