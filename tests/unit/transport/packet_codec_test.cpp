#include <ssh/crypto/packet_cipher.hpp>
#include <ssh/crypto/random.hpp>
#include <ssh/transport/errc.hpp>
#include <ssh/transport/packet_codec.hpp>

#include <boost/test/unit_test.hpp>

#include <numeric>

using namespace ssh::transport;
namespace crypto = ssh::crypto;

namespace {

using bytes = std::vector<std::uint8_t>;

bytes payload_of(std::size_t n, std::uint8_t first = 94) {
    bytes p(n);
    std::iota(p.begin(), p.end(), std::uint8_t{1});
    if (n > 0)
        p[0] = first;
    return p;
}

crypto::direction_keys keys_for(const crypto::cipher_info& c, const crypto::mac_info* m) {
    crypto::direction_keys k;
    k.key.assign(c.key_size, 0x11);
    k.iv.assign(c.iv_size, 0x22);
    if (m != nullptr)
        k.mac_key.assign(m->key_size, 0x33);
    return k;
}

// Delivers `wire` to `reader` in chunks of `chunk` bytes, collecting payloads.
std::vector<bytes> pump(packet_reader& reader, const bytes& wire, std::size_t chunk,
                        boost::system::error_code& ec) {
    std::vector<bytes> got;
    std::size_t pos = 0;
    while (!ec) {
        while (auto p = reader.next(ec))
            got.emplace_back(p->begin(), p->end());
        if (ec || pos == wire.size())
            break;
        const std::size_t n = std::min(chunk, wire.size() - pos);
        std::size_t used = 0;
        while (used < n && !ec) {
            used += reader.feed({wire.data() + pos + used, n - used}, ec);
            while (!ec) {
                auto p = reader.next(ec);
                if (!p)
                    break;
                got.emplace_back(p->begin(), p->end());
            }
        }
        pos += n;
    }
    return got;
}

struct suite {
    const crypto::cipher_info* cipher;
    const crypto::mac_info* mac;
};

std::vector<suite> every_suite() {
    std::vector<suite> out{{nullptr, nullptr}}; // the plain initial state
    for (const auto& c : crypto::all_ciphers()) {
        if (c.aead)
            out.push_back({&c, nullptr});
        else
            for (const auto& m : crypto::all_macs())
                out.push_back({&c, &m});
    }
    return out;
}

std::string name_of(const suite& s) {
    if (s.cipher == nullptr)
        return "none";
    return std::string(s.cipher->name) + (s.mac ? "+" + std::string(s.mac->name) : "");
}

void protect(const suite& s, packet_writer& w, packet_reader& r) {
    if (s.cipher == nullptr)
        return;
    w.set_sealer(crypto::make_sealer(*s.cipher, s.mac, keys_for(*s.cipher, s.mac)));
    r.set_opener(crypto::make_opener(*s.cipher, s.mac, keys_for(*s.cipher, s.mac)));
}

bytes plain_packet(std::uint32_t length, std::uint8_t padding, std::size_t body_bytes) {
    bytes b{static_cast<std::uint8_t>(length >> 24), static_cast<std::uint8_t>(length >> 16),
            static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length), padding};
    b.resize(5 + body_bytes, 0);
    return b;
}

} // namespace

BOOST_AUTO_TEST_SUITE(packet_codec)

BOOST_AUTO_TEST_CASE(every_cipher_suite_round_trips_in_any_chunking) {
    auto random = crypto::make_deterministic_random(1);
    const std::size_t sizes[] = {1, 2, 15, 16, 17, 255, 1000, 32768, 35000 - 100};
    for (const auto& s : every_suite()) {
        for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{100000}}) {
            packet_writer w;
            packet_reader r;
            protect(s, w, r);
            bytes wire;
            for (auto n : sizes)
                w.write(payload_of(n), *random, wire);
            boost::system::error_code ec;
            const auto got = pump(r, wire, chunk, ec);
            BOOST_TEST(!ec, name_of(s) << ": " << ec.message());
            BOOST_REQUIRE_EQUAL(got.size(), std::size(sizes));
            for (std::size_t i = 0; i < got.size(); ++i)
                BOOST_TEST((got[i] == payload_of(sizes[i])), name_of(s) << " packet " << i);
            BOOST_TEST(r.total_packets() == std::size(sizes));
            BOOST_TEST(w.sequence() == std::size(sizes));
            BOOST_TEST(r.since_rekey().bytes == wire.size());
        }
    }
}

BOOST_AUTO_TEST_CASE(padding_is_at_least_four_and_aligned) {
    auto random = crypto::make_deterministic_random(2);
    for (std::size_t n = 1; n < 64; ++n) {
        packet_writer w;
        bytes wire;
        w.write(payload_of(n), *random, wire);
        const std::uint32_t length =
            (std::uint32_t{wire[0]} << 24) | (wire[1] << 16) | (wire[2] << 8) | wire[3];
        BOOST_TEST(wire[4] >= 4);
        BOOST_TEST((4 + length) % 8 == 0u);
        BOOST_TEST(length == 1 + n + wire[4]);
    }
}

BOOST_AUTO_TEST_CASE(a_flipped_bit_anywhere_never_yields_a_packet) {
    auto random = crypto::make_deterministic_random(3);
    for (const auto& s : every_suite()) {
        if (s.cipher == nullptr)
            continue; // nothing protects plaintext
        packet_writer w;
        bytes wire;
        {
            packet_reader unused;
            protect(s, w, unused);
        }
        w.write(payload_of(40), *random, wire);
        for (std::size_t pos = 0; pos < wire.size(); ++pos) {
            auto damaged = wire;
            damaged[pos] ^= static_cast<std::uint8_t>(1u << (pos % 8));
            packet_writer w2;
            packet_reader r;
            protect(s, w2, r);
            boost::system::error_code ec;
            const auto got = pump(r, damaged, damaged.size(), ec);
            BOOST_TEST(got.empty(), name_of(s) << " byte " << pos << " accepted");
            // Either an error, or (a damaged length) still waiting for bytes that never come.
            if (!ec)
                BOOST_TEST(r.since_rekey().packets == 0u);
        }
    }
}

BOOST_AUTO_TEST_CASE(lengths_are_refused_before_the_body_is_buffered) {
    struct bad {
        std::uint32_t length;
        errc expected;
    };
    for (const auto& c :
         {bad{0, errc::bad_packet_length}, bad{4, errc::bad_packet_length},
          bad{0xffffffff, errc::packet_too_large}, bad{256 * 1024 + 8, errc::packet_too_large},
          bad{13, errc::bad_packet_length}}) { // 4 + 13 not a multiple of 8
        packet_reader r;
        const auto wire = plain_packet(c.length, 4, 0); // only the header arrives
        boost::system::error_code ec;
        r.feed(wire, ec);
        BOOST_TEST((ec == c.expected), c.length << ": " << ec.message());
    }
}

BOOST_AUTO_TEST_CASE(bad_padding_and_empty_payload_are_errors) {
    struct bad {
        std::uint32_t length;
        std::uint8_t padding;
        errc expected;
    };
    for (const auto& c : {bad{12, 3, errc::bad_padding}, bad{12, 12, errc::bad_padding},
                          bad{12, 200, errc::bad_padding}, bad{12, 11, errc::empty_payload}}) {
        packet_reader r;
        const auto wire = plain_packet(c.length, c.padding, c.length - 1);
        boost::system::error_code ec;
        pump(r, wire, wire.size(), ec);
        BOOST_TEST((ec == c.expected), int(c.padding) << ": " << ec.message());
    }
}

BOOST_AUTO_TEST_CASE(sequence_numbers_feed_the_mac_and_reset_on_request) {
    // Encrypt-then-MAC sends the length in clear, so only the MAC can notice the seq.
    const auto& cipher = *crypto::find_cipher("aes128-ctr");
    const auto* mac = crypto::find_mac("hmac-sha2-256-etm@openssh.com");
    auto random = crypto::make_deterministic_random(4);
    packet_writer w;
    w.set_sealer(crypto::make_sealer(cipher, mac, keys_for(cipher, mac)));
    bytes wire;
    w.write(payload_of(10), *random, wire); // sealed with seq 0
    w.reset_sequence();
    BOOST_TEST(w.sequence() == 0u);

    packet_reader r;
    r.set_opener(crypto::make_opener(cipher, mac, keys_for(cipher, mac)));
    boost::system::error_code ec;
    bytes warm_up; // advance the reader to seq 1: the packet sealed with seq 0 must fail
    {
        packet_writer w0;
        w0.set_sealer(crypto::make_sealer(cipher, mac, keys_for(cipher, mac)));
        w0.write(payload_of(3), *random, warm_up);
    }
    pump(r, warm_up, warm_up.size(), ec);
    BOOST_REQUIRE(!ec);
    pump(r, wire, wire.size(), ec);
    BOOST_TEST((ec == errc::mac_mismatch), ec.message());
}

BOOST_AUTO_TEST_SUITE_END()
