#include <ssh/wire/writer.hpp>

#include <algorithm>
#include <array>
#include <limits>

namespace ssh::wire {
namespace {

constexpr std::size_t max_u32 = std::numeric_limits<std::uint32_t>::max();

std::span<const std::uint8_t> as_bytes(std::string_view s) noexcept {
    // Viewing chars as bytes is allowed by the aliasing rules.
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

template <typename T>
std::array<std::uint8_t, sizeof(T)> big_endian(T v) noexcept {
    std::array<std::uint8_t, sizeof(T)> out{};
    for (auto it = out.rbegin(); it != out.rend(); ++it) {
        *it = static_cast<std::uint8_t>(v & 0xff);
        v = static_cast<T>(v >> 8);
    }
    return out;
}

// RFC 4251 §6: printable US-ASCII; a comma would split the name in two.
bool is_name_char(char c) noexcept {
    return c > ' ' && c < '\x7f' && c != ',';
}

} // namespace

template <typename T>
void writer::put_big_endian(T v) {
    if (failed())
        return;
    const auto b = big_endian(v);
    buf_.insert(buf_.end(), b.begin(), b.end());
}

// Writes a uint32 length, or fails if n does not fit.
bool writer::put_length(std::size_t n) {
    if (failed())
        return false;
    if (n > max_u32) {
        fail(errc::length_overflow);
        return false;
    }
    put_big_endian(static_cast<std::uint32_t>(n));
    return true;
}

void writer::fail(errc e) noexcept {
    if (!failed())
        err_ = e;
}

void writer::byte(std::uint8_t v) {
    put_big_endian(v);
}

void writer::boolean(bool v) {
    put_big_endian<std::uint8_t>(v ? 1 : 0);
}

void writer::uint32(std::uint32_t v) {
    put_big_endian(v);
}

void writer::uint64(std::uint64_t v) {
    put_big_endian(v);
}

void writer::string(std::span<const std::uint8_t> v) {
    if (put_length(v.size()))
        buf_.insert(buf_.end(), v.begin(), v.end());
}

void writer::string(std::string_view v) {
    string(as_bytes(v));
}

void writer::raw(std::span<const std::uint8_t> v) {
    if (!failed())
        buf_.insert(buf_.end(), v.begin(), v.end());
}

void writer::mpint_unsigned(std::span<const std::uint8_t> big_endian_magnitude) {
    // RFC 4251 §5: no unnecessary leading zero bytes; zero is the empty string.
    const auto first = std::find_if(big_endian_magnitude.begin(), big_endian_magnitude.end(),
                                    [](std::uint8_t b) { return b != 0; });
    const std::span<const std::uint8_t> v{first, big_endian_magnitude.end()};
    // A set high bit would read as negative, so a 0x00 sign byte goes first.
    const bool needs_sign_byte = !v.empty() && (v.front() & 0x80) != 0;
    if (!put_length(v.size() + (needs_sign_byte ? 1 : 0)))
        return;
    if (needs_sign_byte)
        buf_.push_back(0);
    buf_.insert(buf_.end(), v.begin(), v.end());
}

void writer::name_list(std::span<const std::string_view> names) {
    if (failed())
        return;
    std::size_t total = names.empty() ? 0 : names.size() - 1; // the commas
    for (std::string_view name : names) {
        if (name.empty())
            return fail(errc::bad_name_list);
        if (!std::all_of(name.begin(), name.end(), is_name_char))
            return fail(errc::bad_name_char);
        total += name.size();
    }
    if (!put_length(total))
        return;
    bool first = true;
    for (std::string_view name : names) {
        if (!first)
            buf_.push_back(',');
        first = false;
        const auto b = as_bytes(name);
        buf_.insert(buf_.end(), b.begin(), b.end());
    }
}

void writer::name_list(std::initializer_list<std::string_view> names) {
    name_list(std::span<const std::string_view>{names.begin(), names.size()});
}

std::size_t writer::begin_string() {
    const std::size_t mark = buf_.size();
    put_big_endian<std::uint32_t>(0); // patched by end_string()
    return mark;
}

void writer::end_string(std::size_t mark) {
    if (failed())
        return;
    if (mark > buf_.size() || buf_.size() - mark < 4)
        return fail(errc::unbalanced_string);
    const std::size_t len = buf_.size() - mark - 4;
    if (len > max_u32)
        return fail(errc::length_overflow);
    // The only write into bytes already in the buffer; the checks above keep it in bounds.
    const auto b = big_endian(static_cast<std::uint32_t>(len));
    std::copy(b.begin(), b.end(), buf_.begin() + static_cast<std::ptrdiff_t>(mark));
}

boost::system::error_code writer::error() const noexcept {
    if (!failed())
        return {};
    return make_error_code(err_);
}

} // namespace ssh::wire
