#include "alloc_counter.hpp"
#include "wire_test_util.hpp"

#include <ssh/wire/limits.hpp>
#include <ssh/wire/reader.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace ssh::wire;
using wire_test::byte_vector;
using wire_test::bytes_of;
using wire_test::concat;
using wire_test::from_hex;

namespace {

bool same(bytes_view a, const byte_vector& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

// A valid string field carrying s.
byte_vector string_field(std::string_view s) {
    const auto n = static_cast<std::uint32_t>(s.size());
    return concat(
        {byte_vector{static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
                     static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)},
         bytes_of(s)});
}

} // namespace

BOOST_AUTO_TEST_SUITE(wire_reader)

BOOST_AUTO_TEST_CASE(integers_are_big_endian) {
    const auto buf = from_hex("7f 01020304 0102030405060708 ffffffff ffffffffffffffff");
    reader r{buf};
    BOOST_TEST(r.byte() == 0x7f);
    BOOST_TEST(r.uint32() == 0x01020304u);
    BOOST_TEST(r.uint64() == 0x0102030405060708ull);
    BOOST_TEST(r.uint32() == 0xffffffffu);
    BOOST_TEST(r.uint64() == 0xffffffffffffffffull);
    BOOST_TEST(r.remaining() == 0u);
    BOOST_TEST(r.offset() == buf.size());
    r.expect_end();
    BOOST_TEST(!r.failed());
    BOOST_TEST(!r.error());
}

// RFC 4251 §5: "All non-zero values MUST be interpreted as TRUE".
BOOST_AUTO_TEST_CASE(boolean_any_non_zero_is_true) {
    const auto buf = from_hex("00 01 02 80 ff");
    reader r{buf};
    BOOST_TEST(r.boolean() == false);
    BOOST_TEST(r.boolean() == true);
    BOOST_TEST(r.boolean() == true);
    BOOST_TEST(r.boolean() == true);
    BOOST_TEST(r.boolean() == true);
    BOOST_TEST(!r.failed());
}

BOOST_AUTO_TEST_CASE(string_is_a_view_into_the_buffer) {
    // RFC 4251 §5 example: "testing" as 00 00 00 07 t e s t i n g.
    const auto buf = from_hex("00000007 74657374696e67 00000000 414243");
    reader r{buf};
    const auto s = r.string(64);
    BOOST_TEST(s.size() == 7u);
    BOOST_TEST(s.data() == buf.data() + 4); // no copy
    BOOST_TEST(same(s, bytes_of("testing")));
    const auto empty = r.text(64);
    BOOST_TEST(empty.empty());
    BOOST_TEST(!r.failed());
    const auto raw = r.raw(3);
    BOOST_TEST(same(raw, bytes_of("ABC")));
    r.expect_end();
    BOOST_TEST(!r.failed());
}

BOOST_AUTO_TEST_CASE(text_views_chars) {
    const auto buf = string_field("ssh-userauth");
    reader r{buf};
    BOOST_TEST(r.text(64) == "ssh-userauth");
    BOOST_TEST(!r.failed());
}

BOOST_AUTO_TEST_CASE(string_length_exactly_at_limit_is_accepted) {
    const auto buf = string_field("abcd");
    reader r{buf};
    BOOST_TEST(r.text(4) == "abcd");
    BOOST_TEST(!r.failed());
}

struct string_reject {
    const char* name;
    const char* hex;
    std::size_t max_len;
    errc expected;
};

BOOST_AUTO_TEST_CASE(string_rejections) {
    const string_reject table[] = {
        {"above limit", "00000005 6162636465", 4, errc::length_exceeds_limit},
        {"limit zero", "00000001 61", 0, errc::length_exceeds_limit},
        {"length above remaining", "00000005 61626364", 64, errc::truncated},
        {"length only", "00000001", 64, errc::truncated},
        {"short length", "000000", 64, errc::truncated},
        {"empty", "", 64, errc::truncated},
        {"4 GiB, big limit", "ffffffff 616263", 0xffffffffu, errc::truncated},
        {"4 GiB, normal limit", "ffffffff 616263", limits::max_string_length,
         errc::length_exceeds_limit},
        {"2 GiB", "80000000 00", 0xffffffffu, errc::truncated},
    };
    for (const auto& t : table) {
        BOOST_TEST_CONTEXT(t.name) {
            const auto buf = from_hex(t.hex);
            reader r{buf};
            const auto s = r.string(t.max_len);
            BOOST_TEST(s.empty());
            BOOST_TEST(r.failed());
            BOOST_TEST((r.code() == t.expected));
            BOOST_TEST((r.error() == t.expected));
            BOOST_TEST(r.remaining() == 0u);
        }
    }
}

// A declared length of 4 GiB must be refused from the 4-byte prefix alone: no allocation,
// no read past the buffer.
BOOST_AUTO_TEST_CASE(huge_declared_length_allocates_nothing) {
    const auto buf = from_hex("ffffffff 00");
    {
        // The counter works: a real allocation moves it.
        const std::size_t start = wire_test::allocation_count();
        const std::vector<int> v(10);
        BOOST_TEST(wire_test::allocation_count() > start);
    }
    const std::size_t before = wire_test::allocation_count();
    reader r1{buf};
    const auto s = r1.string(0xffffffffu);
    reader r2{buf};
    const auto t = r2.text(0xffffffffu);
    reader r3{buf};
    const auto m = r3.mpint_unsigned(0xffffffffu);
    reader r4{buf};
    auto sub = r4.string_reader(0xffffffffu);
    const std::size_t after = wire_test::allocation_count();
    BOOST_TEST(after == before);
    BOOST_TEST(s.empty());
    BOOST_TEST(t.empty());
    BOOST_TEST(m.empty());
    BOOST_TEST((r1.code() == errc::truncated));
    BOOST_TEST((r2.code() == errc::truncated));
    BOOST_TEST((r3.code() == errc::truncated));
    BOOST_TEST((r4.code() == errc::truncated));
    BOOST_TEST((sub.code() == errc::truncated));
}

// RFC 4251 §5 examples, as seen by an unsigned reader.
BOOST_AUTO_TEST_CASE(mpint_accepts_minimal_non_negative) {
    const std::pair<const char*, const char*> table[] = {
        {"00000000", ""},          {"00000008 09a378f9b2e332a7", "09a378f9b2e332a7"},
        {"00000002 0080", "80"},   {"00000001 7f", "7f"},
        {"00000001 01", "01"},     {"00000003 00ff00", "ff00"},
        {"00000002 1234", "1234"},
    };
    for (const auto& [wire, magnitude] : table) {
        BOOST_TEST_CONTEXT(wire) {
            const auto buf = from_hex(wire);
            reader r{buf};
            const auto m = r.mpint_unsigned(limits::max_mpint_bytes);
            r.expect_end();
            BOOST_TEST(!r.failed());
            BOOST_TEST(same(m, from_hex(magnitude)));
        }
    }
}

BOOST_AUTO_TEST_CASE(mpint_rejections) {
    struct row {
        const char* hex;
        std::size_t max_bytes;
        errc expected;
    };
    const row table[] = {
        {"00000001 00", 16, errc::bad_mpint},              // zero must be the empty string
        {"00000002 0000", 16, errc::bad_mpint},            // zero, padded
        {"00000002 007f", 16, errc::bad_mpint},            // 0x00 not needed before 0x7f
        {"00000003 000080", 16, errc::bad_mpint},          // two leading zeros
        {"00000002 0001", 16, errc::bad_mpint},            // 0x00 before a small byte
        {"00000001 80", 16, errc::negative_mpint},         // -128
        {"00000002 edcc", 16, errc::negative_mpint},       // -1234, RFC 4251 §5
        {"00000005 ff21524111", 16, errc::negative_mpint}, // -deadbeef, RFC 4251 §5
        {"00000001 ff", 16, errc::negative_mpint},         // -1
        {"00000003 008000", 2, errc::length_exceeds_limit},
        {"00000003 0080", 16, errc::truncated},
        {"000000", 16, errc::truncated},
    };
    for (const auto& t : table) {
        BOOST_TEST_CONTEXT(t.hex) {
            const auto buf = from_hex(t.hex);
            reader r{buf};
            const auto m = r.mpint_unsigned(t.max_bytes);
            BOOST_TEST(m.empty());
            BOOST_TEST((r.code() == t.expected));
        }
    }
}

BOOST_AUTO_TEST_CASE(mpint_limit_counts_the_sign_byte) {
    // 8192-bit value with its high bit set: 1024 magnitude bytes + 0x00 = 1025.
    byte_vector buf = from_hex("00000401 00");
    buf.push_back(0x80);
    buf.resize(4 + 1025, 0x11);
    reader ok{buf};
    BOOST_TEST(ok.mpint_unsigned(limits::max_mpint_bytes).size() == 1024u);
    BOOST_TEST(!ok.failed());
    reader small{buf};
    BOOST_TEST(small.mpint_unsigned(1024).empty());
    BOOST_TEST((small.code() == errc::length_exceeds_limit));
}

BOOST_AUTO_TEST_CASE(name_list_accepts) {
    struct row {
        std::string_view contents;
        std::vector<std::string_view> names;
    };
    const row table[] = {
        {"", {}},
        {"zlib", {"zlib"}},
        {"zlib,none", {"zlib", "none"}},
        {"curve25519-sha256,ext-info-c,kex-strict-c-v00@openssh.com",
         {"curve25519-sha256", "ext-info-c", "kex-strict-c-v00@openssh.com"}},
        {"!,~", {"!", "~"}}, // the ends of printable US-ASCII
    };
    for (const auto& t : table) {
        BOOST_TEST_CONTEXT("'" << t.contents << "'") {
            const auto buf = string_field(t.contents);
            reader r{buf};
            const auto names = r.name_list(limits::max_name_list_length);
            r.expect_end();
            BOOST_TEST(!r.failed());
            BOOST_TEST(std::vector<std::string_view>(names.begin(), names.end()) == t.names,
                       boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(name_list_rejections) {
    struct row {
        const char* name;
        std::string contents;
        std::size_t max_len;
        errc expected;
    };
    const row table[] = {
        {"leading comma", ",a", 64, errc::bad_name_list},
        {"trailing comma", "a,", 64, errc::bad_name_list},
        {"doubled comma", "a,,b", 64, errc::bad_name_list},
        {"comma only", ",", 64, errc::bad_name_list},
        {"space", "a b", 64, errc::bad_name_char},
        {"tab", "a\tb", 64, errc::bad_name_char},
        {"nul", std::string("a\0b", 3), 64, errc::bad_name_char},
        {"DEL", "a\x7f", 64, errc::bad_name_char},
        {"non-ASCII", "aes\xc3\xa9", 64, errc::bad_name_char},
        {"high byte", "\x80", 64, errc::bad_name_char},
        {"above limit", "zlib,none", 8, errc::length_exceeds_limit},
    };
    for (const auto& t : table) {
        BOOST_TEST_CONTEXT(t.name) {
            const auto buf = string_field(t.contents);
            reader r{buf};
            const auto names = r.name_list(t.max_len);
            BOOST_TEST(names.empty());
            BOOST_TEST((r.code() == t.expected));
        }
    }
}

BOOST_AUTO_TEST_CASE(name_list_entry_count_is_bounded) {
    std::string at_limit = "a";
    for (std::size_t i = 1; i < limits::max_name_list_entries; ++i)
        at_limit += ",a";
    const auto ok_buf = string_field(at_limit);
    reader ok{ok_buf};
    BOOST_TEST(ok.name_list(limits::max_name_list_length).size() == limits::max_name_list_entries);
    BOOST_TEST(!ok.failed());

    const auto over_buf = string_field(at_limit + ",a");
    reader over{over_buf};
    BOOST_TEST(over.name_list(limits::max_name_list_length).empty());
    BOOST_TEST((over.code() == errc::too_many_names));
}

BOOST_AUTO_TEST_CASE(error_is_sticky) {
    // A string over its limit, then perfectly good fields that must not be read.
    const auto buf = concat({from_hex("00000010"), byte_vector(16, 0x41), from_hex("01 00000002"),
                             string_field("ok"), string_field("zlib")});
    reader r{buf};
    BOOST_TEST(r.string(8).empty());
    BOOST_TEST((r.code() == errc::length_exceeds_limit));
    const std::size_t at_failure = r.offset();
    BOOST_TEST(r.remaining() == 0u);

    BOOST_TEST(r.byte() == 0);
    BOOST_TEST(r.boolean() == false);
    BOOST_TEST(r.uint32() == 0u);
    BOOST_TEST(r.uint64() == 0u);
    BOOST_TEST(r.string(64).empty());
    BOOST_TEST(r.text(64).empty());
    BOOST_TEST(r.raw(1).empty());
    BOOST_TEST(r.raw(0).empty());
    BOOST_TEST(r.mpint_unsigned(64).empty());
    BOOST_TEST(r.name_list(64).empty());
    auto sub = r.sub_reader(0);
    BOOST_TEST((sub.code() == errc::length_exceeds_limit));
    BOOST_TEST(sub.byte() == 0);
    r.expect_end();

    // The first error stays; nothing more was consumed.
    BOOST_TEST((r.code() == errc::length_exceeds_limit));
    BOOST_TEST(r.offset() == at_failure);
}

BOOST_AUTO_TEST_CASE(truncation_error_is_kept_over_later_errors) {
    const auto buf = from_hex("0102");
    reader r{buf};
    r.uint32();
    BOOST_TEST((r.code() == errc::truncated));
    r.expect_end();
    r.string(0);
    BOOST_TEST((r.code() == errc::truncated));
}

BOOST_AUTO_TEST_CASE(trailing_data_is_detected) {
    const auto buf = from_hex("00000001 00");
    reader r{buf};
    r.uint32();
    BOOST_TEST(!r.failed());
    BOOST_TEST(r.remaining() == 1u);
    r.expect_end();
    BOOST_TEST((r.code() == errc::trailing_data));
    BOOST_TEST(r.remaining() == 0u);

    reader exact{buf};
    exact.uint32();
    exact.byte();
    exact.expect_end();
    BOOST_TEST(!exact.failed());

    reader empty{};
    empty.expect_end();
    BOOST_TEST(!empty.failed());
}

BOOST_AUTO_TEST_CASE(sub_reader_bounds_and_skips) {
    const auto buf = from_hex("01020304 05 06");
    reader r{buf};
    auto sub = r.sub_reader(4);
    BOOST_TEST(r.byte() == 0x05);
    BOOST_TEST(sub.uint32() == 0x01020304u);
    BOOST_TEST(sub.byte() == 0); // cannot read past its own end...
    BOOST_TEST((sub.code() == errc::truncated));
    BOOST_TEST(!r.failed()); // ...and its failure is its own
    BOOST_TEST(r.byte() == 0x06);
    r.expect_end();
    BOOST_TEST(!r.failed());

    reader too_far{buf};
    auto none = too_far.sub_reader(7);
    BOOST_TEST((too_far.code() == errc::truncated));
    BOOST_TEST((none.code() == errc::truncated));
    BOOST_TEST(none.remaining() == 0u);
}

BOOST_AUTO_TEST_CASE(string_reader_reads_nested_fields) {
    // string( string("ssh-ed25519") || string(32 bytes) ) then a byte: a public key blob.
    const auto inner = concat({string_field("ssh-ed25519"), string_field(std::string(32, 'k'))});
    const auto buf = concat({string_field(std::string(inner.begin(), inner.end())), {0x2a}});
    reader r{buf};
    auto blob = r.string_reader(limits::max_key_blob_length);
    BOOST_TEST(blob.text(64) == "ssh-ed25519");
    BOOST_TEST(blob.string(64).size() == 32u);
    blob.expect_end();
    BOOST_TEST(!blob.failed());
    BOOST_TEST(r.byte() == 0x2a);
    r.expect_end();
    BOOST_TEST(!r.failed());

    reader limited{buf};
    auto refused = limited.string_reader(10);
    BOOST_TEST((limited.code() == errc::length_exceeds_limit));
    BOOST_TEST((refused.code() == errc::length_exceeds_limit));
}

// --- Every truncated prefix of a valid message fails with `truncated`, and never reads past
// --- its end. Each prefix is copied into a buffer of exactly its size, so a sanitizer build
// --- catches any overread.

namespace {

// A KEXINIT (RFC 4253 §7.1) built by hand.
byte_vector sample_kexinit() {
    byte_vector m{20};
    for (int i = 0; i < 16; ++i)
        m.push_back(static_cast<std::uint8_t>(0xa0 + i)); // cookie
    const char* lists[10] = {"curve25519-sha256,ecdh-sha2-nistp256,ext-info-c",
                             "ssh-ed25519,rsa-sha2-512",
                             "aes128-ctr,chacha20-poly1305@openssh.com",
                             "aes128-ctr,chacha20-poly1305@openssh.com",
                             "hmac-sha2-256",
                             "hmac-sha2-256",
                             "none,zlib@openssh.com",
                             "none",
                             "",
                             ""};
    for (const char* l : lists) {
        const auto f = string_field(l);
        m.insert(m.end(), f.begin(), f.end());
    }
    const auto tail = from_hex("00 00000000"); // first_kex_packet_follows, reserved
    m.insert(m.end(), tail.begin(), tail.end());
    return m;
}

errc parse_kexinit(bytes_view b) {
    reader r{b};
    r.byte();
    r.raw(16);
    for (int i = 0; i < 10; ++i)
        r.name_list(limits::max_name_list_length);
    r.boolean();
    r.uint32();
    r.expect_end();
    return r.code();
}

// Every field type, including an mpint with a sign byte and a nested string.
byte_vector sample_every_type() {
    return concat({
        from_hex("5e"),                                    // byte
        from_hex("01"),                                    // boolean
        from_hex("00010203"),                              // uint32
        from_hex("0001020304050607"),                      // uint64
        string_field("binary\x01\x02"),                    // string
        string_field("some text"),                         // text
        from_hex("00000009 00 9a378f9b2e332a70"),          // mpint, sign byte
        from_hex("00000000"),                              // mpint zero
        string_field("a,b,c"),                             // name-list
        from_hex("0000000d 00000008 736f6d652d6b6579 00"), // nested: string("some-key"), byte
        from_hex("c0ffee"),                                // raw(3)
    });
}

errc parse_every_type(bytes_view b) {
    reader r{b};
    r.byte();
    r.boolean();
    r.uint32();
    r.uint64();
    r.string(64);
    r.text(64);
    r.mpint_unsigned(limits::max_mpint_bytes);
    r.mpint_unsigned(limits::max_mpint_bytes);
    r.name_list(64);
    auto nested = r.string_reader(64);
    nested.text(64);
    nested.byte();
    nested.expect_end();
    r.raw(3);
    r.expect_end();
    return r.failed() ? r.code() : nested.code();
}

template <typename Parse>
void check_every_prefix(const byte_vector& message, Parse parse) {
    BOOST_TEST((parse(bytes_view{message}) == errc{}));
    for (std::size_t n = 0; n < message.size(); ++n) {
        BOOST_TEST_CONTEXT("prefix of " << n << " bytes") {
            const byte_vector prefix(message.begin(), message.begin() + n);
            BOOST_TEST((parse(bytes_view{prefix}) == errc::truncated));
        }
    }
    auto longer = message;
    longer.push_back(0);
    BOOST_TEST((parse(bytes_view{longer}) == errc::trailing_data));
}

} // namespace

BOOST_AUTO_TEST_CASE(every_prefix_of_kexinit_is_truncated) {
    check_every_prefix(sample_kexinit(), parse_kexinit);
}

BOOST_AUTO_TEST_CASE(every_prefix_of_a_message_with_every_type_is_truncated) {
    check_every_prefix(sample_every_type(), parse_every_type);
}

BOOST_AUTO_TEST_SUITE_END()
