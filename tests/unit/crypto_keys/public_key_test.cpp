#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/private_key.hpp>
#include <ssh/crypto/public_key.hpp>
#include <ssh/crypto/random.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace ssh::crypto;
using boost::system::error_code;

namespace {

bytes to_bytes(std::string_view s) {
    return bytes(s.begin(), s.end());
}

// One generated key per type, shared by the cases (RSA generation is slow).
const private_key& sample_key(key_type type) {
    static std::map<key_type, private_key> keys;
    auto it = keys.find(type);
    if (it == keys.end()) {
        auto rng = make_deterministic_random(static_cast<std::uint64_t>(type) + 1);
        error_code ec;
        auto key = private_key::generate(type, *rng, ec, 2048);
        BOOST_TEST_REQUIRE(key.has_value(), ec.message());
        it = keys.emplace(type, std::move(*key)).first;
    }
    return it->second;
}

const key_type all_types[] = {key_type::ed25519, key_type::ecdsa_nistp256, key_type::ecdsa_nistp384,
                              key_type::ecdsa_nistp521, key_type::rsa};

std::string default_alg(key_type type) {
    return type == key_type::rsa ? "rsa-sha2-512" : std::string(describe(type).name);
}

error_code parse_error(const bytes& blob) {
    error_code ec;
    const auto key = public_key::from_blob(blob, ec);
    BOOST_TEST(key.has_value() == !ec);
    return ec;
}

// An "ssh-rsa" blob with the given exponent and a modulus of `bits` bits (odd, top bit set).
bytes rsa_blob(const bytes& e, std::size_t bits) {
    bytes n((bits + 7) / 8, 0x5a);
    n[0] = static_cast<std::uint8_t>(1u << ((bits - 1) % 8));
    n.back() |= 1;
    ssh::wire::writer w;
    w.string("ssh-rsa");
    w.mpint_unsigned(e);
    w.mpint_unsigned(n);
    return w.take();
}

const bytes f4 = {0x01, 0x00, 0x01}; // 65537

bytes ecdsa_blob(std::string_view name, std::string_view curve, const bytes& point) {
    ssh::wire::writer w;
    w.string(name);
    w.string(curve);
    w.string(point);
    return w.take();
}

// The Q of a generated key of the given type.
bytes sample_point(key_type type) {
    ssh::wire::reader r{sample_key(type).public_key().blob()};
    (void)r.string(64);
    (void)r.string(64);
    const auto q = r.string(200);
    return bytes(q.begin(), q.end());
}

bytes signature_blob(std::string_view alg, const bytes& sig) {
    ssh::wire::writer w;
    w.string(alg);
    w.string(sig);
    return w.take();
}

std::pair<std::string, bytes> split_signature(const bytes& blob) {
    ssh::wire::reader r{blob};
    const auto alg = r.text(64);
    const auto sig = r.string(4096);
    return {std::string(alg), bytes(sig.begin(), sig.end())};
}

} // namespace

BOOST_AUTO_TEST_SUITE(public_key_blob)

BOOST_AUTO_TEST_CASE(generated_keys_round_trip) {
    const std::map<key_type, std::size_t> bits = {{key_type::ed25519, 256},
                                                  {key_type::ecdsa_nistp256, 256},
                                                  {key_type::ecdsa_nistp384, 384},
                                                  {key_type::ecdsa_nistp521, 521},
                                                  {key_type::rsa, 2048}};
    for (auto type : all_types) {
        const auto& pub = sample_key(type).public_key();
        error_code ec;
        const auto again = public_key::from_blob(pub.blob(), ec);
        BOOST_TEST_REQUIRE(again.has_value(), ec.message());
        BOOST_TEST((*again == pub));
        BOOST_TEST((again->type() == type));
        BOOST_TEST(again->type_name() == describe(type).name);
        BOOST_TEST(again->bits() == bits.at(type));
        const bytes copy(pub.blob().begin(), pub.blob().end());
        BOOST_TEST(bytes(again->blob().begin(), again->blob().end()) == copy);
    }
    BOOST_TEST(
        !(sample_key(key_type::ed25519).public_key() == sample_key(key_type::rsa).public_key()));
}

BOOST_AUTO_TEST_CASE(every_truncation_and_trailing_byte_is_rejected) {
    for (auto type : all_types) {
        const auto blob = sample_key(type).public_key().blob();
        for (std::size_t len = 0; len < blob.size(); ++len) {
            const auto ec = parse_error(bytes(blob.begin(), blob.begin() + len));
            BOOST_TEST((ec == errc::bad_key_blob), describe(type).name << " len " << len);
        }
        bytes longer(blob.begin(), blob.end());
        longer.push_back(0);
        BOOST_TEST((parse_error(longer) == errc::bad_key_blob));
    }
}

BOOST_AUTO_TEST_CASE(unknown_key_types) {
    for (const char* name : {"ssh-dss", "ssh-ed448", "ssh-ed25519-cert-v01@openssh.com",
                             "sk-ssh-ed25519@openssh.com", "rsa-sha2-256", ""}) {
        ssh::wire::writer w;
        w.string(name);
        w.string("whatever");
        BOOST_TEST((parse_error(w.take()) == errc::unsupported_key_type), name);
    }
}

BOOST_AUTO_TEST_CASE(rsa_modulus_bounds) {
    BOOST_TEST((parse_error(rsa_blob(f4, 1023)) == errc::key_too_small));
    BOOST_TEST(!parse_error(rsa_blob(f4, 1024)));
    BOOST_TEST(!parse_error(rsa_blob(f4, 8192)));
    BOOST_TEST((parse_error(rsa_blob(f4, 8193)) == errc::key_too_large));
    BOOST_TEST((parse_error(rsa_blob(f4, 16384)) == errc::key_too_large));
    BOOST_TEST((parse_error(rsa_blob(f4, 100000)) == errc::key_too_large)); // bad-input.md #71
}

BOOST_AUTO_TEST_CASE(rsa_exponent_checks) {
    BOOST_TEST(!parse_error(rsa_blob({3}, 2048)));
    BOOST_TEST((parse_error(rsa_blob({1}, 2048)) == errc::bad_key_blob));
    BOOST_TEST((parse_error(rsa_blob({0x01, 0x00, 0x00}, 2048)) == errc::bad_key_blob)); // even
    BOOST_TEST((parse_error(rsa_blob({}, 2048)) == errc::bad_key_blob));                 // zero
    bytes e65(9, 0xff);
    e65[0] = 0x01; // 65 bits
    BOOST_TEST((parse_error(rsa_blob(e65, 2048)) == errc::bad_key_blob));
    bytes e64(8, 0xff); // 64 bits: the largest accepted
    BOOST_TEST(!parse_error(rsa_blob(e64, 2048)));
    // A negative exponent (RFC 4251 §5 two's complement).
    ssh::wire::writer w;
    w.string("ssh-rsa");
    w.string(bytes{0x81});
    w.mpint_unsigned(bytes(256, 0xc3));
    BOOST_TEST((parse_error(w.take()) == errc::bad_key_blob));
}

BOOST_AUTO_TEST_CASE(ecdsa_point_and_curve_checks) {
    const auto q = sample_point(key_type::ecdsa_nistp256);
    BOOST_TEST(!parse_error(ecdsa_blob("ecdsa-sha2-nistp256", "nistp256", q)));
    // The curve identifier must repeat the name's (RFC 5656 §3.1).
    BOOST_TEST(
        (parse_error(ecdsa_blob("ecdsa-sha2-nistp256", "nistp384", q)) == errc::bad_key_blob));
    BOOST_TEST(
        (parse_error(ecdsa_blob("ecdsa-sha2-nistp384", "nistp384", q)) == errc::bad_key_blob));
    // Compressed form.
    bytes compressed(q.begin(), q.begin() + 33);
    compressed[0] = static_cast<std::uint8_t>(0x02 | (q.back() & 1));
    BOOST_TEST((parse_error(ecdsa_blob("ecdsa-sha2-nistp256", "nistp256", compressed)) ==
                errc::bad_key_blob));
    // Off the curve.
    bytes off = q;
    off.back() ^= 1;
    BOOST_TEST(
        (parse_error(ecdsa_blob("ecdsa-sha2-nistp256", "nistp256", off)) == errc::bad_key_blob));
    bytes zero(q.size(), 0);
    zero[0] = 0x04;
    BOOST_TEST(
        (parse_error(ecdsa_blob("ecdsa-sha2-nistp256", "nistp256", zero)) == errc::bad_key_blob));
    BOOST_TEST(
        (parse_error(ecdsa_blob("ecdsa-sha2-nistp256", "nistp256", {0x00})) == errc::bad_key_blob));
    const auto q521 = sample_point(key_type::ecdsa_nistp521);
    BOOST_TEST(q521.size() == 133u);
    BOOST_TEST(!parse_error(ecdsa_blob("ecdsa-sha2-nistp521", "nistp521", q521)));
}

BOOST_AUTO_TEST_CASE(ed25519_length) {
    for (std::size_t len : {0, 31, 33, 64}) {
        ssh::wire::writer w;
        w.string("ssh-ed25519");
        w.string(bytes(len, 7));
        BOOST_TEST((parse_error(w.take()) == errc::bad_key_blob), len);
    }
}

BOOST_AUTO_TEST_CASE(fingerprint_format) {
    for (auto type : all_types) {
        const auto fp = sample_key(type).public_key().fingerprint_sha256();
        BOOST_TEST(fp.starts_with("SHA256:"));
        BOOST_TEST(fp.size() == 7u + 43u); // 32 bytes, unpadded base64
        BOOST_TEST(fp.find('=') == std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(public_key_text_line)

BOOST_AUTO_TEST_CASE(round_trip_with_and_without_comment) {
    for (auto type : all_types) {
        const auto& pub = sample_key(type).public_key();
        for (std::string comment : {"", "user@host", "two words  here"}) {
            error_code ec;
            const auto line = parse_public_key_line(pub.to_line(comment) + "\n", ec);
            BOOST_TEST_REQUIRE(line.has_value(), ec.message());
            BOOST_TEST((line->key == pub));
            BOOST_TEST(line->comment == comment);
        }
    }
}

BOOST_AUTO_TEST_CASE(whitespace_is_tolerated) {
    const auto& pub = sample_key(key_type::ed25519).public_key();
    const auto text = pub.to_line();
    const auto space = text.find(' ');
    const std::string line =
        " \t" + text.substr(0, space) + " \t " + text.substr(space + 1) + " \t comment \t\r\n";
    error_code ec;
    const auto parsed = parse_public_key_line(line, ec);
    BOOST_TEST_REQUIRE(parsed.has_value(), ec.message());
    BOOST_TEST(parsed->comment == "comment");
}

BOOST_AUTO_TEST_CASE(malformed_lines) {
    const auto& ed = sample_key(key_type::ed25519).public_key();
    const auto b64 = ed.to_line().substr(ed.to_line().find(' ') + 1);
    struct bad {
        std::string line;
        errc expected;
    };
    for (const auto& c : {bad{"", errc::bad_key_blob}, bad{"ssh-ed25519", errc::bad_key_blob},
                          bad{"ssh-ed25519 " + b64.substr(1), errc::bad_key_blob},
                          bad{"ssh-ed25519 " + b64 + "\nssh-ed25519 " + b64, errc::bad_key_blob},
                          bad{"ssh-rsa " + b64, errc::bad_key_blob}, // type word disagrees
                          bad{"ssh-dss " + b64, errc::unsupported_key_type},
                          bad{"command=\"x\" ssh-ed25519 " + b64, errc::unsupported_key_type},
                          bad{"ssh-ed25519 !!!!", errc::bad_key_blob}}) {
        error_code ec;
        BOOST_TEST(!parse_public_key_line(c.line, ec).has_value(), c.line);
        BOOST_TEST((ec == c.expected), c.line << ": " << ec.message());
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(public_key_verify)

BOOST_AUTO_TEST_CASE(own_signatures_verify_and_tampering_fails) {
    auto rng = make_deterministic_random(42);
    const bytes data = to_bytes("exchange hash H");
    for (auto type : all_types) {
        const auto& key = sample_key(type);
        const auto alg = default_alg(type);
        error_code ec;
        const auto sig = key.sign(alg, data, *rng, ec);
        BOOST_TEST_REQUIRE(sig.has_value(), ec.message());
        BOOST_TEST(key.public_key().verify(alg, data, *sig, ec), ec.message());
        BOOST_TEST(!ec);

        bytes other = data;
        other[3] ^= 0x10;
        BOOST_TEST(!key.public_key().verify(alg, other, *sig, ec));
        BOOST_TEST((ec == errc::signature_mismatch));

        // One bit of every byte of the blob: never valid, always a typed error.
        for (std::size_t i = 0; i < sig->size(); ++i) {
            bytes flipped = *sig;
            flipped[i] ^= static_cast<std::uint8_t>(1u << (i % 8));
            BOOST_TEST(!key.public_key().verify(alg, data, flipped, ec), alg << " byte " << i);
            BOOST_TEST((ec == errc::signature_mismatch || ec == errc::bad_signature_blob),
                       alg << " byte " << i << ": " << ec.message());
        }
        bytes trailing = *sig;
        trailing.push_back(0);
        BOOST_TEST(!key.public_key().verify(alg, data, trailing, ec));
        BOOST_TEST((ec == errc::bad_signature_blob));
        for (std::size_t len = 0; len < sig->size(); ++len) {
            BOOST_TEST(
                !key.public_key().verify(alg, data, bytes(sig->begin(), sig->begin() + len), ec));
            BOOST_TEST((ec == errc::signature_mismatch || ec == errc::bad_signature_blob));
        }
    }
}

BOOST_AUTO_TEST_CASE(algorithm_must_fit_the_key_and_the_blob) {
    auto rng = make_deterministic_random(7);
    const bytes data = to_bytes("data");
    const auto& rsa = sample_key(key_type::rsa);
    const auto& ed = sample_key(key_type::ed25519);
    error_code ec;
    BOOST_TEST(!ed.sign("rsa-sha2-256", data, *rng, ec).has_value());
    BOOST_TEST((ec == errc::signature_mismatch));
    BOOST_TEST(!ed.sign("no-such-alg", data, *rng, ec).has_value());
    BOOST_TEST((ec == errc::unknown_algorithm));

    const auto sig256 = rsa.sign("rsa-sha2-256", data, *rng, ec);
    BOOST_TEST_REQUIRE(sig256.has_value());
    BOOST_TEST(rsa.public_key().verify("rsa-sha2-256", data, *sig256, ec));
    // Asked for rsa-sha2-512, the blob names rsa-sha2-256.
    BOOST_TEST(!rsa.public_key().verify("rsa-sha2-512", data, *sig256, ec));
    BOOST_TEST((ec == errc::signature_mismatch));
    // Same bytes relabelled: the hash differs, so it must not verify.
    const auto [alg, raw] = split_signature(*sig256);
    BOOST_TEST(
        !rsa.public_key().verify("rsa-sha2-512", data, signature_blob("rsa-sha2-512", raw), ec));
    BOOST_TEST((ec == errc::signature_mismatch));
    BOOST_TEST(!ed.public_key().verify("rsa-sha2-256", data, *sig256, ec));
    BOOST_TEST((ec == errc::signature_mismatch));
    BOOST_TEST(!rsa.public_key().verify("x-unknown", data, *sig256, ec));
    BOOST_TEST((ec == errc::unknown_algorithm));
    BOOST_TEST(rsa.public_key().accepts("rsa-sha2-256"));
    BOOST_TEST(rsa.public_key().accepts("ssh-rsa"));
    BOOST_TEST(!rsa.public_key().accepts("ssh-ed25519"));

    // ssh-rsa (SHA-1) is legacy but works in both directions.
    const auto sig1 = rsa.sign("ssh-rsa", data, *rng, ec);
    BOOST_TEST_REQUIRE(sig1.has_value());
    BOOST_TEST(rsa.public_key().verify("ssh-rsa", data, *sig1, ec));
}

BOOST_AUTO_TEST_CASE(rsa_signature_lengths) {
    auto rng = make_deterministic_random(9);
    const auto& rsa = sample_key(key_type::rsa);
    error_code ec;
    // PKCS#1 v1.5 is deterministic: find a message whose signature starts with a zero byte.
    bool found = false;
    for (int i = 0; i < 20000 && !found; ++i) {
        const auto data = to_bytes("message " + std::to_string(i));
        const auto blob = rsa.sign("rsa-sha2-256", data, *rng, ec);
        BOOST_TEST_REQUIRE(blob.has_value());
        const auto [alg, sig] = split_signature(*blob);
        BOOST_TEST_REQUIRE(sig.size() == 256u); // always the modulus length
        if (sig[0] != 0)
            continue;
        found = true;
        // OpenSSH accepts a signature shorter than the modulus; so do we.
        const bytes shorter(sig.begin() + 1, sig.end());
        BOOST_TEST(rsa.public_key().verify("rsa-sha2-256", data,
                                           signature_blob("rsa-sha2-256", shorter), ec),
                   ec.message());
        bytes longer = sig;
        longer.insert(longer.begin(), 0);
        BOOST_TEST(!rsa.public_key().verify("rsa-sha2-256", data,
                                            signature_blob("rsa-sha2-256", longer), ec));
        BOOST_TEST((ec == errc::bad_signature_blob));
    }
    BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(ecdsa_inner_encoding) {
    auto rng = make_deterministic_random(11);
    const auto& key = sample_key(key_type::ecdsa_nistp256);
    const bytes data = to_bytes("data");
    error_code ec;
    const auto blob = key.sign("ecdsa-sha2-nistp256", data, *rng, ec);
    BOOST_TEST_REQUIRE(blob.has_value());
    const auto [alg, inner] = split_signature(*blob);
    ssh::wire::reader r{inner};
    const auto sig_r = r.mpint_unsigned(33);
    const auto sig_s = r.mpint_unsigned(33);
    r.expect_end();
    BOOST_TEST_REQUIRE(!r.failed());
    auto rebuild = [&](const bytes& rr, const bytes& ss, bool raw_r = false) {
        ssh::wire::writer w;
        if (raw_r)
            w.string(rr);
        else
            w.mpint_unsigned(rr);
        w.mpint_unsigned(ss);
        return signature_blob("ecdsa-sha2-nistp256", w.take());
    };
    const bytes rb(sig_r.begin(), sig_r.end());
    const bytes sb(sig_s.begin(), sig_s.end());
    BOOST_TEST(key.public_key().verify("ecdsa-sha2-nistp256", data, rebuild(rb, sb), ec));
    // A non-minimal mpint (extra leading zero) is malformed (RFC 4251 §5).
    bytes padded_r(rb.size() + 2, 0x00);
    std::copy(rb.begin(), rb.end(), padded_r.begin() + 2);
    BOOST_TEST(
        !key.public_key().verify("ecdsa-sha2-nistp256", data, rebuild(padded_r, sb, true), ec));
    BOOST_TEST((ec == errc::bad_signature_blob));
    // r = 0, and r too long for the curve.
    BOOST_TEST(!key.public_key().verify("ecdsa-sha2-nistp256", data, rebuild({}, sb), ec));
    BOOST_TEST((ec == errc::signature_mismatch));
    BOOST_TEST(
        !key.public_key().verify("ecdsa-sha2-nistp256", data, rebuild(bytes(33, 0x11), sb), ec));
    BOOST_TEST((ec == errc::bad_signature_blob));
}

BOOST_AUTO_TEST_CASE(ed25519_signature_length) {
    const auto& key = sample_key(key_type::ed25519);
    error_code ec;
    for (std::size_t len : {0, 63, 65}) {
        BOOST_TEST(!key.public_key().verify("ssh-ed25519", to_bytes("x"),
                                            signature_blob("ssh-ed25519", bytes(len, 1)), ec));
        BOOST_TEST((ec == errc::bad_signature_blob));
    }
}

BOOST_AUTO_TEST_SUITE_END()
