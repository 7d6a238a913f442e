// What the writer writes, the reader reads back unchanged, for every type.
#include "wire_test_util.hpp"

#include <ssh/wire/limits.hpp>
#include <ssh/wire/reader.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace ssh::wire;
using wire_test::byte_vector;

namespace {

bool same(bytes_view a, bytes_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

// Deterministic bytes for a given length and seed (a small LCG; tests stay reproducible).
byte_vector pattern(std::size_t n, std::uint32_t seed) {
    byte_vector out(n);
    for (auto& b : out) {
        seed = seed * 1664525u + 1013904223u;
        b = static_cast<std::uint8_t>(seed >> 24);
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(wire_roundtrip)

BOOST_AUTO_TEST_CASE(integers) {
    const std::uint8_t bytes[] = {0, 1, 0x7f, 0x80, 0xff};
    const std::uint32_t u32s[] = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x01020304};
    const std::uint64_t u64s[] = {0, 1, 0x8000000000000000ull, 0xffffffffffffffffull,
                                  0x0102030405060708ull};
    writer w;
    for (auto v : bytes)
        w.byte(v);
    for (auto v : u32s)
        w.uint32(v);
    for (auto v : u64s)
        w.uint64(v);
    w.boolean(true);
    w.boolean(false);
    reader r{w.data()};
    for (auto v : bytes)
        BOOST_TEST(r.byte() == v);
    for (auto v : u32s)
        BOOST_TEST(r.uint32() == v);
    for (auto v : u64s)
        BOOST_TEST(r.uint64() == v);
    BOOST_TEST(r.boolean() == true);
    BOOST_TEST(r.boolean() == false);
    r.expect_end();
    BOOST_TEST(!r.failed());
}

BOOST_AUTO_TEST_CASE(strings_text_and_raw) {
    const std::size_t sizes[] = {0, 1, 3, 255, 256, 65536};
    writer w;
    for (std::size_t n : sizes)
        w.string(pattern(n, static_cast<std::uint32_t>(n)));
    w.string(std::string_view{"text with spaces and \xc3\xa9"});
    w.raw(pattern(5, 9));
    reader r{w.data()};
    for (std::size_t n : sizes)
        BOOST_TEST(
            same(r.string(limits::max_string_length), pattern(n, static_cast<std::uint32_t>(n))));
    BOOST_TEST(r.text(64) == "text with spaces and \xc3\xa9");
    BOOST_TEST(same(r.raw(5), pattern(5, 9)));
    r.expect_end();
    BOOST_TEST(!r.failed());
}

BOOST_AUTO_TEST_CASE(mpints_of_every_length_and_top_bit) {
    for (std::size_t n = 0; n <= 64; ++n) {
        for (std::uint8_t top :
             {std::uint8_t{0x01}, std::uint8_t{0x7f}, std::uint8_t{0x80}, std::uint8_t{0xff}}) {
            auto magnitude = pattern(n, static_cast<std::uint32_t>(n * 4 + top));
            if (!magnitude.empty())
                magnitude.front() = top;
            BOOST_TEST_CONTEXT("length " << n << " top " << int(top)) {
                writer w;
                w.mpint_unsigned(magnitude);
                reader r{w.data()};
                BOOST_TEST(same(r.mpint_unsigned(limits::max_mpint_bytes), magnitude));
                r.expect_end();
                BOOST_TEST(!r.failed());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(mpint_with_leading_zeros_reads_back_stripped) {
    const byte_vector padded{0, 0, 0, 0x80, 0x01};
    writer w;
    w.mpint_unsigned(padded);
    reader r{w.data()};
    BOOST_TEST(same(r.mpint_unsigned(limits::max_mpint_bytes), byte_vector{0x80, 0x01}));
    BOOST_TEST(!r.failed());
}

BOOST_AUTO_TEST_CASE(name_lists) {
    const std::vector<std::vector<std::string_view>> lists = {
        {},
        {"none"},
        {"curve25519-sha256", "curve25519-sha256@libssh.org", "ext-info-c"},
        {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q"},
    };
    writer w;
    for (const auto& l : lists)
        w.name_list(l);
    BOOST_TEST(!w.failed());
    reader r{w.data()};
    for (const auto& l : lists) {
        const auto got = r.name_list(limits::max_name_list_length);
        BOOST_TEST(std::vector<std::string_view>(got.begin(), got.end()) == l,
                   boost::test_tools::per_element());
    }
    r.expect_end();
    BOOST_TEST(!r.failed());
}

BOOST_AUTO_TEST_CASE(nested_strings) {
    writer w;
    w.byte(42);
    const auto blob = w.begin_string();
    w.string(std::string_view{"ecdsa-sha2-nistp256"});
    w.string(std::string_view{"nistp256"});
    w.string(pattern(65, 1));
    w.end_string(blob);
    w.uint32(7);
    BOOST_TEST(!w.failed());

    reader r{w.data()};
    BOOST_TEST(r.byte() == 42);
    auto key = r.string_reader(limits::max_key_blob_length);
    BOOST_TEST(key.text(64) == "ecdsa-sha2-nistp256");
    BOOST_TEST(key.text(64) == "nistp256");
    BOOST_TEST(same(key.string(limits::max_ec_point_bytes), pattern(65, 1)));
    key.expect_end();
    BOOST_TEST(!key.failed());
    BOOST_TEST(r.uint32() == 7u);
    r.expect_end();
    BOOST_TEST(!r.failed());
}

BOOST_AUTO_TEST_SUITE_END()
