// Round trips, tampering and sequence numbers for every cipher x MAC suite.

#include "packet_test_util.hpp"

#include <boost/test/unit_test.hpp>

#include <array>

using namespace packet_test;

namespace {

constexpr std::array<std::size_t, 30> k_payload_sizes{
    0,  1,  2,  3,  7,  8,   9,   11,  12,   15,   16,   17,    31,    32,    33,
    47, 48, 63, 64, 65, 100, 255, 256, 1000, 4095, 4096, 16384, 32768, 35000, 40000};

} // namespace

BOOST_AUTO_TEST_SUITE(packet_cipher)

// One sealer and one opener per suite across many packets, with seq wrapping past 2^32 - 1,
// so the CTR keystream, the GCM counter and the chacha nonce all move on between packets.
BOOST_AUTO_TEST_CASE(round_trip_every_suite_over_many_packets) {
    for (const auto& s : all_suites()) {
        const auto keys = keys_for(s, 0x31);
        const auto sealer = sc::make_sealer(*s.cipher, s.mac, keys);
        const auto opener = sc::make_opener(*s.cipher, s.mac, keys);
        std::uint32_t seq = 0xfffffff0u;
        for (const auto size : k_payload_sizes) {
            const auto plain = build_packet(pattern(size, static_cast<std::uint8_t>(size)),
                                            sealer->block_size(), sealer->length_is_aligned());
            const auto wire = seal_to_wire(*sealer, seq, plain);
            BOOST_TEST(wire.size() == plain.size() + sealer->tag_size());
            // The body is encrypted (the 4-byte length stays clear for EtM and GCM).
            BOOST_TEST(!std::equal(plain.begin() + 4, plain.end(), wire.begin() + 4),
                       s.label() << " size " << size);
            const auto opened = codec_receive(*opener, seq, wire);
            BOOST_TEST_REQUIRE(opened.has_value(), s.label() << " size " << size);
            BOOST_TEST((*opened == plain), s.label() << " size " << size);
            ++seq;
        }
    }
}

// The same plaintext sealed twice in a row must not give the same bytes: the keystream or
// nonce has to move on even where seq does not enter (GCM).
BOOST_AUTO_TEST_CASE(same_packet_twice_gives_different_ciphertext) {
    for (const auto& s : all_suites()) {
        const auto sealer = sc::make_sealer(*s.cipher, s.mac, keys_for(s, 0x44));
        const auto plain =
            build_packet(pattern(100, 3), sealer->block_size(), sealer->length_is_aligned());
        const auto a = seal_to_wire(*sealer, 9, plain);
        const auto b = seal_to_wire(*sealer, 10, plain);
        BOOST_TEST(!std::equal(a.begin() + 4, a.end(), b.begin() + 4), s.label());
    }
}

BOOST_AUTO_TEST_CASE(plain_packets_round_trip_unchanged) {
    const auto sealer = sc::make_plain_sealer();
    const auto opener = sc::make_plain_opener();
    std::uint32_t seq = 0;
    for (const auto size : k_payload_sizes) {
        const auto plain = build_packet(pattern(size, 1), 8, true);
        const auto wire = seal_to_wire(*sealer, seq, plain);
        BOOST_TEST((wire == plain));
        const auto opened = codec_receive(*opener, seq++, wire);
        BOOST_TEST_REQUIRE(opened.has_value());
        BOOST_TEST((*opened == plain));
    }
}

// One flipped bit at every position of a sealed packet (length, body, tag) must never open:
// either the codec rejects the length it reads, or open() fails. Fresh objects per position,
// after one good packet so the state is not at its start.
BOOST_AUTO_TEST_CASE(a_flipped_bit_anywhere_never_opens) {
    for (const auto& s : all_suites()) {
        const auto keys = keys_for(s, 0x5a);
        for (const std::size_t payload : {std::size_t{21}, std::size_t{70}}) {
            auto fresh = [&] {
                auto sealer = sc::make_sealer(*s.cipher, s.mac, keys);
                auto opener = sc::make_opener(*s.cipher, s.mac, keys);
                const auto warm =
                    build_packet(pattern(5, 0), sealer->block_size(), sealer->length_is_aligned());
                BOOST_TEST_REQUIRE(
                    codec_receive(*opener, 100, seal_to_wire(*sealer, 100, warm)).has_value());
                return std::pair{std::move(sealer), std::move(opener)};
            };
            auto [sealer0, opener0] = fresh();
            const auto plain = build_packet(pattern(payload, 0x77), sealer0->block_size(),
                                            sealer0->length_is_aligned());
            const auto wire = seal_to_wire(*sealer0, 101, plain);
            // The untampered packet opens (the test can tell success from failure).
            BOOST_TEST_REQUIRE(codec_receive(*opener0, 101, wire).has_value(), s.label());
            for (std::size_t pos = 0; pos < wire.size(); ++pos) {
                auto [sealer, opener] = fresh();
                BOOST_TEST_REQUIRE((seal_to_wire(*sealer, 101, plain) == wire));
                auto bad = wire;
                bad[pos] ^= static_cast<std::uint8_t>(1u << (pos % 8));
                const auto opened = codec_receive(*opener, 101, bad);
                BOOST_TEST(!opened.has_value(),
                           s.label() << " payload " << payload << " flipped byte " << pos);
            }
        }
    }
}

// A packet opened under the wrong seq fails: through the codec path, and also when the codec
// is handed the true length so that only the MAC / Poly1305 key can catch it.
BOOST_AUTO_TEST_CASE(the_wrong_seq_fails_to_open) {
    for (const auto& s : all_suites()) {
        if (s.cipher->iv_size == 12)
            continue; // GCM: seq is not an input (checked below)
        const auto keys = keys_for(s, 0x66);
        const auto sealer = sc::make_sealer(*s.cipher, s.mac, keys);
        const auto plain =
            build_packet(pattern(50, 2), sealer->block_size(), sealer->length_is_aligned());
        const auto wire = seal_to_wire(*sealer, 7, plain);
        for (const std::uint32_t wrong : {6u, 8u, 7u ^ 0x80000000u}) {
            const auto o1 = sc::make_opener(*s.cipher, s.mac, keys);
            BOOST_TEST(!codec_receive(*o1, wrong, wire).has_value(), s.label() << " " << wrong);

            const auto o2 = sc::make_opener(*s.cipher, s.mac, keys);
            auto w = wire;
            const std::span<std::uint8_t> all(w);
            o2->read_length(wrong, all.first(o2->length_prefix_size()));
            store_be32(w.data(), load_be32(plain.data()));
            BOOST_TEST(!o2->open(wrong, all.first(plain.size()), all.subspan(plain.size())),
                       s.label() << " " << wrong);
        }
        const auto ok = sc::make_opener(*s.cipher, s.mac, keys);
        BOOST_TEST(codec_receive(*ok, 7, wire).has_value(), s.label());
    }
}

// GCM ignores seq but its invocation counter must match: a skipped or replayed packet fails.
BOOST_AUTO_TEST_CASE(gcm_needs_packets_in_order) {
    for (const auto& s : all_suites()) {
        if (s.cipher->iv_size != 12)
            continue;
        const auto keys = keys_for(s, 0x12);
        const auto sealer = sc::make_sealer(*s.cipher, s.mac, keys);
        const auto p = build_packet(pattern(40, 1), 16, false);
        const auto first = seal_to_wire(*sealer, 0, p);
        const auto second = seal_to_wire(*sealer, 1, p);

        const auto skip = sc::make_opener(*s.cipher, s.mac, keys);
        BOOST_TEST(!codec_receive(*skip, 1, second).has_value(), s.label());

        const auto replay = sc::make_opener(*s.cipher, s.mac, keys);
        BOOST_TEST(codec_receive(*replay, 1234, first).has_value(), s.label()); // any seq
        BOOST_TEST(!codec_receive(*replay, 1235, first).has_value(), s.label());
    }
}

BOOST_AUTO_TEST_SUITE_END()
