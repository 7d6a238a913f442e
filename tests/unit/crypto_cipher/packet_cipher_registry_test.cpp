// The cipher/MAC registry against ssh-conformance.md §2.3/§2.4, and the factories' checks.

#include "packet_test_util.hpp"

#include <ssh/crypto/errc.hpp>

#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>

#include <set>

using namespace packet_test;

namespace {

struct expected_cipher {
    std::string_view name;
    std::size_t key, iv, block, tag;
    bool aead;
};

// Straight from the spec tables, not from the implementation.
constexpr expected_cipher k_expected_ciphers[] = {
    {"chacha20-poly1305@openssh.com", 64, 0, 8, 16, true},
    {"aes128-gcm@openssh.com", 16, 12, 16, 16, true},
    {"aes256-gcm@openssh.com", 32, 12, 16, 16, true},
    {"aes128-ctr", 16, 16, 16, 0, false},
    {"aes192-ctr", 24, 16, 16, 0, false},
    {"aes256-ctr", 32, 16, 16, 0, false},
};

struct expected_mac {
    std::string_view name;
    std::size_t key, tag;
    bool etm;
};

constexpr expected_mac k_expected_macs[] = {
    {"hmac-sha2-256-etm@openssh.com", 32, 32, true},
    {"hmac-sha2-512-etm@openssh.com", 64, 64, true},
    {"hmac-sha2-256", 32, 32, false},
    {"hmac-sha2-512", 64, 64, false},
};

} // namespace

BOOST_AUTO_TEST_SUITE(packet_cipher_registry)

BOOST_AUTO_TEST_CASE(every_cipher_has_the_sizes_of_the_spec) {
    BOOST_TEST(sc::all_ciphers().size() == std::size(k_expected_ciphers));
    for (const auto& e : k_expected_ciphers) {
        const auto* c = sc::find_cipher(e.name);
        BOOST_TEST_REQUIRE(c != nullptr, e.name);
        BOOST_TEST(c->name == e.name);
        BOOST_TEST(c->key_size == e.key, e.name);
        BOOST_TEST(c->iv_size == e.iv, e.name);
        BOOST_TEST(c->block_size == e.block, e.name);
        BOOST_TEST(c->tag_size == e.tag, e.name);
        BOOST_TEST(c->aead == e.aead, e.name);
        BOOST_TEST((c->tier == sc::algorithm_tier::default_on), e.name);
        BOOST_TEST(c->block_size >= 8u);
    }
}

BOOST_AUTO_TEST_CASE(every_mac_has_the_sizes_of_the_spec) {
    BOOST_TEST(sc::all_macs().size() == std::size(k_expected_macs));
    for (const auto& e : k_expected_macs) {
        const auto* m = sc::find_mac(e.name);
        BOOST_TEST_REQUIRE(m != nullptr, e.name);
        BOOST_TEST(m->name == e.name);
        BOOST_TEST(m->key_size == e.key, e.name);
        BOOST_TEST(m->tag_size == e.tag, e.name);
        BOOST_TEST(m->encrypt_then_mac == e.etm, e.name);
        BOOST_TEST((m->tier == sc::algorithm_tier::default_on), e.name);
    }
}

BOOST_AUTO_TEST_CASE(names_are_unique_and_found_in_place) {
    std::set<std::string_view> names;
    for (const auto& c : sc::all_ciphers()) {
        BOOST_TEST(names.insert(c.name).second, c.name);
        BOOST_TEST(sc::find_cipher(c.name) == &c);
    }
    for (const auto& m : sc::all_macs()) {
        BOOST_TEST(names.insert(m.name).second, m.name);
        BOOST_TEST(sc::find_mac(m.name) == &m);
    }
}

BOOST_AUTO_TEST_CASE(unknown_names_are_not_found) {
    for (std::string_view n : {"", "none", "aes128-cbc", "3des-cbc", "AES128-CTR", "aes128-ctr ",
                               "aes128-gcm", "chacha20-poly1305", "hmac-sha2-256"})
        BOOST_TEST(sc::find_cipher(n) == nullptr, n);
    for (std::string_view n : {"", "none", "hmac-sha1", "hmac-md5", "umac-64@openssh.com",
                               "HMAC-SHA2-256", "hmac-sha2-256-etm", "aes128-ctr"})
        BOOST_TEST(sc::find_mac(n) == nullptr, n);
}

BOOST_AUTO_TEST_CASE(opener_and_sealer_report_the_registry_sizes) {
    for (const auto& s : all_suites()) {
        const auto keys = keys_for(s, 1);
        const auto sealer = sc::make_sealer(*s.cipher, s.mac, keys);
        const auto opener = sc::make_opener(*s.cipher, s.mac, keys);
        const bool etm = s.mac && s.mac->encrypt_then_mac;
        const std::size_t tag = s.cipher->aead ? s.cipher->tag_size : s.mac->tag_size;
        const bool aligned = !s.cipher->aead && !etm;
        BOOST_TEST(sealer->block_size() == s.cipher->block_size, s.label());
        BOOST_TEST(opener->block_size() == s.cipher->block_size, s.label());
        BOOST_TEST(sealer->tag_size() == tag, s.label());
        BOOST_TEST(opener->tag_size() == tag, s.label());
        BOOST_TEST(sealer->length_is_aligned() == aligned, s.label());
        BOOST_TEST(opener->length_is_aligned() == aligned, s.label());
        BOOST_TEST(opener->length_prefix_size() == (aligned ? s.cipher->block_size : 4u),
                   s.label());
    }
    const auto ps = sc::make_plain_sealer();
    const auto po = sc::make_plain_opener();
    BOOST_TEST(ps->block_size() == 8u);
    BOOST_TEST(ps->tag_size() == 0u);
    BOOST_TEST(ps->length_is_aligned());
    BOOST_TEST(po->block_size() == 8u);
    BOOST_TEST(po->tag_size() == 0u);
    BOOST_TEST(po->length_prefix_size() == 4u);
}

BOOST_AUTO_TEST_CASE(factories_reject_bad_arguments) {
    const auto* ctr = sc::find_cipher("aes128-ctr");
    const auto* gcm = sc::find_cipher("aes128-gcm@openssh.com");
    const auto* mac = sc::find_mac("hmac-sha2-256");
    BOOST_TEST_REQUIRE((ctr && gcm && mac));
    const auto good = keys_for({ctr, mac}, 3);

    BOOST_CHECK_THROW(sc::make_sealer(*ctr, nullptr, good), std::invalid_argument);
    auto short_key = good;
    short_key.key.pop_back();
    BOOST_CHECK_THROW(sc::make_sealer(*ctr, mac, short_key), std::invalid_argument);
    auto long_iv = good;
    long_iv.iv.push_back(0);
    BOOST_CHECK_THROW(sc::make_opener(*ctr, mac, long_iv), std::invalid_argument);
    auto short_mac = good;
    short_mac.mac_key.pop_back();
    BOOST_CHECK_THROW(sc::make_opener(*ctr, mac, short_mac), std::invalid_argument);

    sc::cipher_info none = *ctr;
    none.name = "none";
    try {
        sc::make_sealer(none, mac, good);
        BOOST_FAIL("unknown cipher accepted");
    } catch (const boost::system::system_error& e) {
        BOOST_TEST((e.code() == sc::errc::unknown_algorithm));
    }
    // An AEAD cipher ignores the MAC argument.
    BOOST_CHECK_NO_THROW(sc::make_sealer(*gcm, mac, keys_for({gcm, nullptr}, 4)));
}

BOOST_AUTO_TEST_CASE(seal_rejects_a_packet_that_breaks_the_layout) {
    for (const auto& s : all_suites()) {
        const auto sealer = sc::make_sealer(*s.cipher, s.mac, keys_for(s, 2));
        auto packet =
            build_packet(pattern(20, 1), sealer->block_size(), sealer->length_is_aligned());
        bytes tag(sealer->tag_size() + 1);
        BOOST_CHECK_THROW(sealer->seal(0, packet, tag), std::invalid_argument);
        tag.pop_back();
        packet.pop_back(); // misaligned, and packet_length now wrong too
        BOOST_CHECK_THROW(sealer->seal(0, packet, tag), std::invalid_argument);
    }
}

BOOST_AUTO_TEST_CASE(open_refuses_bad_sizes_without_throwing) {
    for (const auto& s : all_suites()) {
        const auto keys = keys_for(s, 5);
        const auto sealer = sc::make_sealer(*s.cipher, s.mac, keys);
        const auto plain =
            build_packet(pattern(33, 9), sealer->block_size(), sealer->length_is_aligned());
        const auto wire = seal_to_wire(*sealer, 0, plain);
        for (int variant = 0; variant < 2; ++variant) {
            const auto opener = sc::make_opener(*s.cipher, s.mac, keys);
            bytes w = wire;
            const std::span<std::uint8_t> all(w);
            opener->read_length(0, all.first(opener->length_prefix_size()));
            bool opened = true;
            BOOST_CHECK_NO_THROW(
                opened = variant == 0
                             ? opener->open(0, all.first(plain.size()),
                                            all.subspan(plain.size(), opener->tag_size() - 1))
                             : opener->open(0, all.first(plain.size() - 1),
                                            all.subspan(plain.size(), opener->tag_size())));
            BOOST_TEST(!opened, s.label() << " variant " << variant);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
