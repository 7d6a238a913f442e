// Known answers for each construction, computed independently of Botan and of fleetsh by a
// throwaway Python script driving the OpenSSL 3.0 CLI and python3-cryptography 38:
//  - chacha20-poly1305: `openssl enc -chacha20 -K <K> -iv <LE32 counter || 00000000 || seq
//    BE64>` for the length (K_1 = key[32..64), counter 0), the Poly1305 key (K_2 =
//    key[0..32), counter 0, 32 zero bytes) and the body (K_2, counter 1); the tag from
//    `openssl mac -macopt hexkey:<polykey> Poly1305` over enc_len || enc_body.
//  - AES-CTR: `openssl enc -aes-<bits>-ctr -K <key> -iv <iv>` over both packets concatenated
//    (the keystream runs on); HMAC: `openssl dgst -sha256|-sha512 -mac HMAC -macopt
//    hexkey:<key>` over uint32 seq || plaintext packet (E&M) or || sealed packet (EtM).
//  - AES-GCM: cryptography's AESGCM(key).encrypt(iv, body, aad=packet_length), the second
//    packet under the IV with its invocation counter wrapped from 2^64-1 to 0.

#include "packet_test_util.hpp"

#include <boost/test/unit_test.hpp>

using namespace packet_test;

namespace {

struct kat_packet {
    std::uint32_t seq;
    std::string_view plain, sealed, tag;
};

// Seals every packet with one sealer and opens them with one opener, in order, comparing
// with the vectors.
void check_kat(std::string_view cipher, std::string_view mac, std::string_view key,
               std::string_view iv, std::string_view mac_key,
               std::initializer_list<kat_packet> packets) {
    const auto* c = sc::find_cipher(cipher);
    const auto* m = mac.empty() ? nullptr : sc::find_mac(mac);
    BOOST_TEST_REQUIRE(c != nullptr);
    sc::direction_keys keys;
    for (auto [dst, hex] : {std::pair{&keys.key, key}, {&keys.iv, iv}, {&keys.mac_key, mac_key}})
        for (auto b : from_hex(hex))
            dst->push_back(b);
    const auto sealer = sc::make_sealer(*c, m, keys);
    const auto opener = sc::make_opener(*c, m, keys);
    for (const auto& p : packets) {
        const auto plain = from_hex(p.plain);
        auto expected = from_hex(p.sealed);
        const auto tag = from_hex(p.tag);
        expected.insert(expected.end(), tag.begin(), tag.end());
        const auto wire = seal_to_wire(*sealer, p.seq, plain);
        BOOST_TEST(to_hex(wire) == to_hex(expected), cipher << " seq " << p.seq);
        const auto opened = codec_receive(*opener, p.seq, expected);
        BOOST_TEST_REQUIRE(opened.has_value(), cipher << " seq " << p.seq);
        BOOST_TEST(to_hex(*opened) == to_hex(plain));
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(packet_cipher_known_answers)

BOOST_AUTO_TEST_CASE(chacha20_poly1305_openssh) {
    check_kat("chacha20-poly1305@openssh.com", "",
              "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
              "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
              "", "",
              {{0x01020304,
                "00000028065e666c65657473682063686163686132302d706f6c793133303520766563746f72"
                "a0a1a2a3a4a5",
                "bc798053909c7adebe7452dabc4d4794c9233215331d39a75cd514efbe42798a573f4cac0faf"
                "80e087d35de4",
                "4fd1429ac901908cf950937077c08a88"}});
}

BOOST_AUTO_TEST_CASE(aes128_ctr_hmac_sha2_256_encrypt_and_mac) {
    // The IV's low 64 bits are ff..fe: the counter carries into the high half in packet 1.
    check_kat(
        "aes128-ctr", "hmac-sha2-256", "101112131415161718191a1b1c1d1e1f",
        "0001020304050607fffffffffffffffe",
        "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f",
        {{3, "0000001c0a0266697273742045264d207061636b65741112131415161718191a",
          "4ba2c3bf3298e01cd370653f3f42a5647c361761df99ac52d7a20c02dcc56653",
          "3f1c073519ec5847cebc7376d9426e1fcf6e8dfa6d1ce541685c626b60a6412a"},
         {4,
          "0000003c05027365636f6e642045264d207061636b65742c2061206c6974746c65206c6f6e6765722074"
          "68616e20746865206669727374206f6e652223242526",
          "cc6dc12565b2b70e2e6f0343e6d9bad2ec330a7533f31ce3b2750cd836e1b72663c3f7edb3625ec86bfd"
          "bb96022b55e98e6fb62b5d7835313ea96c66a0b81496",
          "cc5c68e69f1fff8444fbaffec81d0c741ba75b92c51b0151866dcd51440ae6df"}});
}

BOOST_AUTO_TEST_CASE(aes256_ctr_hmac_sha2_512_etm) {
    check_kat(
        "aes256-ctr", "hmac-sha2-512-etm@openssh.com",
        "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
        "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
        "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9"
        "eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
        {{0xfffffffe, "000000200e5e66697273742045744d207061636b6574333435363738393a3b3c3d3e3f40",
          "000000203719915499c1fa3a29408d0d9d5f6a1d07b21051b320eacecf080ba16c573245",
          "fc0aef46ce770ce04430ed538df1aa49048a024e136746544fe772f653d3e38682b8c13f49e18475308b"
          "c0224e6d0e50da9ed3910d78f375296bf2d5b35aec1b"},
         {0xffffffff, "000000200d5e7365636f6e642045744d207061636b65744445464748494a4b4c4d4e4f50",
          "000000205a3c088002f91858fb1e7e0f716304356fb0833c4e65d69623a9cd9fec8d4768",
          "626fd1dbd81fadadeaff9cb33a10481f34a31d4aaaaff3efa2c76d6bb30940eb962d9b48fd15112d0cc1"
          "470b4a713cfce062ea4cba0876ceb126cc4cff9d6812"}});
}

BOOST_AUTO_TEST_CASE(aes256_gcm_openssh) {
    // seq is not an input to GCM: the vectors hold for any seq.
    check_kat(
        "aes256-gcm@openssh.com", "",
        "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
        "a1b2c3d4ffffffffffffffff", "",
        {{0, "000000200e5e66697273742047434d207061636b657455565758595a5b5c5d5e5f606162",
          "0000002057979e7080694574d55a03bf463b1e022ac12598c3e92d1e76163794752f497a",
          "da2e647c1e80681c49d68be79eb4df63"},
         {77,
          "000000500b5e7365636f6e642047434d207061636b65742c206c6f6e6765723a206d6f7265207468616e"
          "206f6e652036342d6279746520757064617465206772616e756c652e2e2e2e666768696a6b6c6d6e6f70",
          "0000005080281ece7c4a0583afdc3f25fe38842788c5ddd635642d9ca88603c61272965390fd9108f1e6"
          "8fe1e8c4fc4c096f4c4cdee408d49417f3e68d799f6e8d40c382b2ad24034ad546c144bc10eefb10a8"
          "20",
          "088dc713ee2ee1189b8bcee43b606ee6"}});
}

BOOST_AUTO_TEST_SUITE_END()
