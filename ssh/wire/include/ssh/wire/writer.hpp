#pragma once
// Encodes the RFC 4251 §5 data types into a growing byte buffer.

#include <ssh/wire/errc.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace ssh::wire {

// Appends SSH data types to a buffer it owns.
//
// Writing can fail only on caller mistakes that would otherwise put a corrupt length on the
// wire (a length above 2^32-1, a malformed name, an unbalanced end_string()). Like the reader,
// the error is sticky: the first one is recorded and later writes append nothing. Check
// failed() before sending data() or take(). Allocation failure throws std::bad_alloc.
//
// Flow, for a string whose contents are themselves encoded:
//     writer w;
//     w.byte(number(msg::userauth_request));
//     const auto blob = w.begin_string();
//     w.string("ssh-ed25519");
//     w.string(public_key);
//     w.end_string(blob);
//     if (w.failed()) return w.error();
//     send(w.take());
class writer {
public:
    writer() = default;
    // Appends after the bytes already in buffer (e.g. a packet header already reserved).
    explicit writer(std::vector<std::uint8_t> buffer) noexcept
        : buf_{std::move(buffer)} {}

    void byte(std::uint8_t v);
    void boolean(bool v); // only 0 or 1 (RFC 4251 §5)
    void uint32(std::uint32_t v);
    void uint64(std::uint64_t v);

    void string(std::span<const std::uint8_t> v);
    void string(std::string_view v);
    void raw(std::span<const std::uint8_t> v);

    // Encodes a non-negative integer given as big-endian magnitude bytes: leading zero bytes
    // are dropped, a 0x00 is added when the high bit is set, and zero is the empty string.
    void mpint_unsigned(std::span<const std::uint8_t> big_endian_magnitude);

    // Joins names with commas. Each name must be non-empty printable US-ASCII without a
    // comma (bad_name_list / bad_name_char otherwise).
    void name_list(std::span<const std::string_view> names);
    void name_list(std::initializer_list<std::string_view> names);

    // Reserves a uint32 length; end_string(mark) sets it to the number of bytes written since.
    // Marks may nest.
    [[nodiscard]] std::size_t begin_string();
    void end_string(std::size_t mark);

    std::span<const std::uint8_t> data() const noexcept { return buf_; }
    std::size_t size() const noexcept { return buf_.size(); }
    // Moves the bytes out and leaves the buffer empty; the error state is kept.
    std::vector<std::uint8_t> take() noexcept { return std::exchange(buf_, {}); }

    bool failed() const noexcept { return err_ != errc{}; }
    errc code() const noexcept { return err_; }
    boost::system::error_code error() const noexcept;

private:
    template <typename T>
    void put_big_endian(T v);
    bool put_length(std::size_t n);
    void fail(errc e) noexcept;

    std::vector<std::uint8_t> buf_;
    errc err_{};
};

} // namespace ssh::wire
