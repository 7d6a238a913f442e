#include "wire_test_util.hpp"

#include <ssh/wire/writer.hpp>

#include <boost/test/unit_test.hpp>

#include <array>
#include <limits>
#include <string>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

using namespace ssh::wire;
using wire_test::byte_vector;
using wire_test::from_hex;
using wire_test::to_hex;

namespace {

std::string hex_of(writer& w) {
    return to_hex(byte_vector(w.data().begin(), w.data().end()));
}

std::string clean(std::string_view hex) {
    return to_hex(from_hex(hex));
}

} // namespace

BOOST_AUTO_TEST_SUITE(wire_writer)

BOOST_AUTO_TEST_CASE(integers_are_big_endian) {
    writer w;
    w.byte(0x7f);
    w.uint32(0x01020304);
    w.uint64(0x0102030405060708ull);
    w.uint32(0);
    w.uint64(std::numeric_limits<std::uint64_t>::max());
    BOOST_TEST(hex_of(w) == clean("7f 01020304 0102030405060708 00000000 ffffffffffffffff"));
    BOOST_TEST(w.size() == 1u + 4 + 8 + 4 + 8);
}

BOOST_AUTO_TEST_CASE(boolean_sends_only_zero_or_one) {
    writer w;
    w.boolean(true);
    w.boolean(false);
    BOOST_TEST(hex_of(w) == "0100");
}

// RFC 4251 §5: "testing" is 00 00 00 07 t e s t i n g.
BOOST_AUTO_TEST_CASE(string_has_a_uint32_length) {
    writer w;
    w.string(std::string_view{"testing"});
    w.string(std::string_view{});
    const byte_vector bin{0x00, 0xff, 0x00};
    w.string(bin);
    w.raw(bin);
    BOOST_TEST(hex_of(w) == clean("00000007 74657374696e67 00000000 00000003 00ff00 00ff00"));
}

// RFC 4251 §5 mpint examples, and leading zeros in the input magnitude.
BOOST_AUTO_TEST_CASE(mpint_encodings) {
    const std::pair<const char*, const char*> table[] = {
        {"", "00000000"},
        {"00", "00000000"},
        {"000000", "00000000"},
        {"09a378f9b2e332a7", "00000008 09a378f9b2e332a7"},
        {"80", "00000002 0080"},
        {"7f", "00000001 7f"},
        {"01", "00000001 01"},
        {"0000007f", "00000001 7f"},
        {"000080", "00000002 0080"},
        {"00ff00", "00000003 00ff00"},
        {"0100", "00000002 0100"},
    };
    for (const auto& [magnitude, wire] : table) {
        BOOST_TEST_CONTEXT("magnitude '" << magnitude << "'") {
            writer w;
            w.mpint_unsigned(from_hex(magnitude));
            BOOST_TEST(hex_of(w) == clean(wire));
        }
    }
}

// RFC 4251 §5 name-list examples.
BOOST_AUTO_TEST_CASE(name_list_encodings) {
    writer w;
    w.name_list({});
    w.name_list({"zlib"});
    w.name_list({"zlib", "none"});
    const std::vector<std::string_view> v{"a", "b@c.example"};
    w.name_list(v);
    BOOST_TEST(!w.failed());
    BOOST_TEST(hex_of(w) == clean("00000000 00000004 7a6c6962 00000009 7a6c69622c6e6f6e65"
                                  "0000000d 612c6240632e6578616d706c65"));
}

BOOST_AUTO_TEST_CASE(name_list_rejections) {
    struct row {
        const char* name;
        std::vector<std::string_view> names;
        errc expected;
    };
    const row table[] = {
        {"empty name", {"a", ""}, errc::bad_name_list},
        {"only an empty name", {""}, errc::bad_name_list},
        {"comma in a name", {"a,b"}, errc::bad_name_char},
        {"space", {"a b"}, errc::bad_name_char},
        {"non-ASCII", {"caf\xc3\xa9"}, errc::bad_name_char},
        {"control", {"a\n"}, errc::bad_name_char},
    };
    for (const auto& t : table) {
        BOOST_TEST_CONTEXT(t.name) {
            writer w;
            w.byte(1);
            w.name_list(t.names);
            BOOST_TEST((w.code() == t.expected));
            BOOST_TEST((w.error() == t.expected));
            BOOST_TEST(w.size() == 1u); // nothing of the bad list was written
        }
    }
}

BOOST_AUTO_TEST_CASE(error_is_sticky) {
    writer w;
    w.uint32(7);
    w.name_list({""});
    BOOST_TEST(w.failed());
    const auto size = w.size();
    w.byte(1);
    w.boolean(true);
    w.uint32(1);
    w.uint64(1);
    w.string(std::string_view{"x"});
    w.raw(from_hex("01"));
    w.mpint_unsigned(from_hex("01"));
    w.name_list({"ok"});
    const auto mark = w.begin_string();
    w.end_string(mark);
    BOOST_TEST(w.size() == size);
    BOOST_TEST((w.code() == errc::bad_name_list));
}

BOOST_AUTO_TEST_CASE(nested_strings_are_patched) {
    writer w;
    w.byte(0x32);
    const auto outer = w.begin_string();
    w.string(std::string_view{"ssh-ed25519"});
    const auto inner = w.begin_string();
    w.raw(from_hex("aabbcc"));
    w.end_string(inner);
    w.end_string(outer);
    const auto empty = w.begin_string();
    w.end_string(empty);
    BOOST_TEST(!w.failed());
    BOOST_TEST(hex_of(w) == clean("32 00000016 0000000b 7373682d65643235353139"
                                  "00000003 aabbcc 00000000"));
}

BOOST_AUTO_TEST_CASE(end_string_rejects_a_foreign_mark) {
    writer w;
    w.uint32(0);
    w.end_string(2); // fewer than 4 bytes after the mark
    BOOST_TEST((w.code() == errc::unbalanced_string));

    writer past;
    past.end_string(100);
    BOOST_TEST((past.code() == errc::unbalanced_string));
    BOOST_TEST(past.size() == 0u);
}

BOOST_AUTO_TEST_CASE(appends_to_a_given_buffer_and_take_empties) {
    writer w{from_hex("aabb")};
    w.byte(0xcc);
    BOOST_TEST(hex_of(w) == "aabbcc");
    const auto out = w.take();
    BOOST_TEST(to_hex(out) == "aabbcc");
    BOOST_TEST(w.size() == 0u);
    w.byte(1);
    BOOST_TEST(hex_of(w) == "01");
}

// A string of 2^32 bytes cannot be framed: refused from its size alone. The memory is
// reserved but inaccessible, so touching a single byte would crash the test.
BOOST_AUTO_TEST_CASE(string_longer_than_uint32_is_refused_unread) {
    static_assert(sizeof(std::size_t) > 4, "fleetsh targets 64-bit Linux");
    const std::size_t size = std::size_t{1} << 32;
    void* p = ::mmap(nullptr, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    BOOST_REQUIRE_MESSAGE(p != MAP_FAILED, "cannot reserve 4 GiB of address space");
    writer w;
    w.string(std::span<const std::uint8_t>{static_cast<const std::uint8_t*>(p), size});
    BOOST_TEST((w.code() == errc::length_overflow));
    BOOST_TEST(w.size() == 0u);
    ::munmap(p, size);
}

BOOST_AUTO_TEST_SUITE_END()
