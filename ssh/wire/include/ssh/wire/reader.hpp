#pragma once
// The one bounds-checked reader for the RFC 4251 §5 data types.

#include <ssh/wire/errc.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace ssh::wire {

using bytes_view = std::span<const std::uint8_t>;

// The names of a name-list, viewing the reader's buffer.
using name_list_view = boost::container::small_vector<std::string_view, 16>;

// Reads SSH data types from a byte span it does not own.
//
// Every getter checks that its bytes are there, and every declared length is compared with
// the caller's limit and with what remains, before anything is sliced. Nothing is copied:
// strings come back as views into the buffer, which must outlive them.
//
// The error is sticky: the first failure is recorded, the failing getter returns a zero or
// empty value, and every later getter returns zero/empty without reading. A parser can read
// all its fields and check failed() once at the end.
//
// Flow:
//     reader r{payload};
//     auto type = r.byte();
//     auto name = r.text(limits::max_string_length);
//     r.expect_end();
//     if (r.failed()) return r.error();
//
// No getter throws except name_list(), which may throw std::bad_alloc.
class reader {
public:
    reader() noexcept = default;
    explicit reader(bytes_view data) noexcept
        : rest_{data} {}

    std::uint8_t byte() noexcept;
    bool boolean() noexcept; // any non-zero byte is true (RFC 4251 §5)
    std::uint32_t uint32() noexcept;
    std::uint64_t uint64() noexcept;

    // A uint32 length and that many bytes. Fails with length_exceeds_limit if the length is
    // above max_len, with truncated if it is above remaining().
    bytes_view string(std::size_t max_len) noexcept;
    // string() viewed as characters; the bytes are not validated.
    std::string_view text(std::size_t max_len) noexcept;
    // Exactly n bytes, no length prefix.
    bytes_view raw(std::size_t n) noexcept;

    // A non-negative mpint as its big-endian magnitude, without the optional 0x00 sign byte;
    // zero is empty. max_bytes bounds the encoded length (sign byte included). Negative values
    // (negative_mpint) and non-minimal encodings (bad_mpint) are rejected (RFC 4251 §5).
    bytes_view mpint_unsigned(std::size_t max_bytes) noexcept;

    // A comma-separated name-list (RFC 4251 §5); the empty string is the empty list. Rejects
    // empty names (bad_name_list), bytes outside printable US-ASCII (bad_name_char, RFC 4251
    // §6) and more than limits::max_name_list_entries names (too_many_names).
    name_list_view name_list(std::size_t max_len);

    // A reader over the next n bytes, which this reader skips. If this reader has failed, or
    // fails here, the sub-reader carries the same error. Errors found later by the
    // sub-reader stay in the sub-reader: check both.
    reader sub_reader(std::size_t n) noexcept;
    // sub_reader() over the contents of a string(max_len), for nested encodings such as a
    // public key blob.
    reader string_reader(std::size_t max_len) noexcept;

    // Bytes left to read; 0 once failed.
    std::size_t remaining() const noexcept { return rest_.size(); }
    // Bytes consumed so far. After a failure it stays where the failing read stopped (a
    // string's length prefix counts as consumed), which helps locate the bad field.
    std::size_t offset() const noexcept { return consumed_; }

    // Records trailing_data if bytes remain (and no earlier error exists).
    void expect_end() noexcept;

    bool failed() const noexcept { return err_ != errc{}; }
    errc code() const noexcept { return err_; }
    boost::system::error_code error() const noexcept;

private:
    bytes_view take(std::size_t n) noexcept;
    void fail(errc e) noexcept;

    bytes_view rest_{};
    std::size_t consumed_ = 0;
    errc err_{};
};

} // namespace ssh::wire
