// private_key without ssh-keygen: generation, openssh-key-v1 round trips, crafted and mutated
// files (bad-input.md H.69), file permissions (H.70).
#include "key_test_util.hpp"
#include <sys/stat.h>
#include <sys/types.h>

#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/private_key.hpp>
#include <ssh/crypto/random.hpp>
#include <ssh/wire/reader.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/test/unit_test.hpp>

#include <map>

using namespace ssh::crypto;
using boost::system::error_code;
using key_test::temp_dir;
using key_test::to_bytes;

namespace {

const key_type all_types[] = {key_type::ed25519, key_type::ecdsa_nistp256, key_type::ecdsa_nistp384,
                              key_type::ecdsa_nistp521, key_type::rsa};

private_key make_key(key_type type, std::uint64_t seed) {
    auto rng = make_deterministic_random(seed);
    error_code ec;
    auto key = private_key::generate(type, *rng, ec, 2048);
    BOOST_TEST_REQUIRE(key.has_value(), ec.message());
    return std::move(*key);
}

// Two keys per type, generated once.
const private_key& sample(key_type type, int which = 0) {
    static std::map<std::pair<key_type, int>, private_key> keys;
    const auto id = std::make_pair(type, which);
    auto it = keys.find(id);
    if (it == keys.end())
        it = keys.emplace(id, make_key(type, 100 + 10 * static_cast<std::uint64_t>(type) +
                                                 static_cast<std::uint64_t>(which)))
                 .first;
    return it->second;
}

std::string openssh_text(const private_key& key) {
    auto rng = make_deterministic_random(5);
    const auto text = key.to_openssh_text(*rng);
    return std::string(text.begin(), text.end());
}

std::string v1_text(const bytes& body) {
    return key_test::armor("OPENSSH PRIVATE KEY", body);
}

// The parts of an unencrypted openssh-key-v1 body written by to_openssh_text().
struct v1_parts {
    bytes public_blob;
    std::uint32_t check = 0;
    std::vector<bytes> fields; // type name ... comment, each as a string
};

std::size_t field_count(key_type type) {
    switch (type) {
    case key_type::ed25519:
        return 4; // type, pk, sk, comment
    case key_type::rsa:
        return 8; // type, n, e, d, iqmp, p, q, comment
    default:
        return 5; // type, curve, Q, d, comment
    }
}

v1_parts split_v1(const private_key& key) {
    const auto body = key_test::unarmor(openssh_text(key), "OPENSSH PRIVATE KEY");
    ssh::wire::reader r{body};
    (void)r.raw(15);
    (void)r.string(64);
    (void)r.string(64);
    (void)r.string(64);
    (void)r.uint32();
    v1_parts parts;
    const auto pub = r.string(65536);
    parts.public_blob.assign(pub.begin(), pub.end());
    ssh::wire::reader s{r.string(65536)};
    parts.check = s.uint32();
    (void)s.uint32();
    for (std::size_t i = 0; i < field_count(key.type()); ++i) {
        const auto f = s.string(65536);
        parts.fields.emplace_back(f.begin(), f.end());
    }
    BOOST_TEST_REQUIRE(!s.failed());
    return parts;
}

struct envelope_spec {
    std::string cipher = "none";
    std::string kdf = "none";
    bytes kdf_options;
    std::uint32_t keys = 1;
};

bytes join_v1(const v1_parts& parts, const envelope_spec& spec = {}) {
    ssh::wire::writer section;
    section.uint32(parts.check);
    section.uint32(parts.check);
    for (const auto& f : parts.fields)
        section.string(f);
    const std::size_t block = spec.cipher == "none" ? 8 : 16;
    for (std::uint8_t pad = 1; section.size() % block != 0; ++pad)
        section.byte(pad);
    ssh::wire::writer w;
    w.raw(to_bytes(std::string_view("openssh-key-v1\0", 15)));
    w.string(spec.cipher);
    w.string(spec.kdf);
    w.string(spec.kdf_options);
    w.uint32(spec.keys);
    w.string(parts.public_blob);
    w.string(section.data());
    return w.take();
}

bytes bcrypt_options(std::uint32_t rounds, std::size_t salt_len = 16) {
    ssh::wire::writer w;
    w.string(bytes(salt_len, 0xab));
    w.uint32(rounds);
    return w.take();
}

error_code parse_error(const std::string& text, std::optional<std::string_view> pass = {},
                       std::string* hint = nullptr, const key_load_options& options = {}) {
    error_code ec;
    const auto key = parse_private_key(text, pass, ec, hint, options);
    BOOST_TEST(key.has_value() == !ec);
    return ec;
}

bool is_crypto_error(const error_code& ec) {
    return ec && ec.category() == crypto_category();
}

} // namespace

BOOST_AUTO_TEST_SUITE(private_key_generation)

BOOST_AUTO_TEST_CASE(openssh_text_round_trip) {
    auto rng = make_deterministic_random(1);
    for (auto type : all_types) {
        auto key = make_key(type, 77);
        key.set_comment("fleetsh host key");
        const auto text = key.to_openssh_text(*rng);
        const std::string_view view(text.data(), text.size());
        BOOST_TEST(view.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
        BOOST_TEST(view.ends_with("-----END OPENSSH PRIVATE KEY-----\n"));
        error_code ec;
        const auto loaded = parse_private_key(view, std::nullopt, ec);
        BOOST_TEST_REQUIRE(loaded.has_value(), ec.message());
        BOOST_TEST((loaded->public_key() == key.public_key()));
        BOOST_TEST((loaded->type() == type));
        BOOST_TEST(loaded->comment() == "fleetsh host key");
        // A passphrase is ignored for an unencrypted key.
        BOOST_TEST(parse_private_key(view, "unused", ec).has_value());

        const bytes data = to_bytes("signed by the reloaded key");
        const std::string alg =
            type == key_type::rsa ? "rsa-sha2-256" : std::string(describe(type).name);
        const auto sig = loaded->sign(alg, data, *rng, ec);
        BOOST_TEST_REQUIRE(sig.has_value(), ec.message());
        BOOST_TEST(key.public_key().verify(alg, data, *sig, ec), ec.message());
    }
}

BOOST_AUTO_TEST_CASE(generation_is_reproducible_with_the_same_rng) {
    BOOST_TEST((make_key(key_type::ed25519, 3).public_key() ==
                make_key(key_type::ed25519, 3).public_key()));
    BOOST_TEST(!(make_key(key_type::ed25519, 3).public_key() ==
                 make_key(key_type::ed25519, 4).public_key()));
}

BOOST_AUTO_TEST_CASE(rsa_size_bounds) {
    auto rng = make_deterministic_random(2);
    error_code ec;
    BOOST_TEST(!private_key::generate(key_type::rsa, *rng, ec, 1000).has_value());
    BOOST_TEST((ec == errc::key_too_small));
    BOOST_TEST(!private_key::generate(key_type::rsa, *rng, ec, 8200).has_value());
    BOOST_TEST((ec == errc::key_too_large));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(private_key_bad_files)

BOOST_AUTO_TEST_CASE(every_truncation_fails_cleanly) {
    for (auto type : {key_type::ed25519, key_type::ecdsa_nistp384, key_type::rsa}) {
        const auto text = openssh_text(sample(type));
        const auto body = key_test::unarmor(text, "OPENSSH PRIVATE KEY");
        for (std::size_t len = 0; len < body.size(); ++len) {
            const auto ec = parse_error(v1_text(bytes(body.begin(), body.begin() + len)));
            BOOST_TEST(is_crypto_error(ec), "body prefix " << len << ": " << ec.message());
        }
        for (std::size_t len = 0; len < text.size(); ++len) {
            const auto ec = parse_error(text.substr(0, len));
            // Only the final newline may go.
            if (len + 1 == text.size())
                BOOST_TEST(!ec);
            else
                BOOST_TEST(is_crypto_error(ec), "text prefix " << len << ": " << ec.message());
        }
    }
}

BOOST_AUTO_TEST_CASE(every_bit_flip_fails_or_loads_the_same_key) {
    // OpenSSH sshkey/test_fuzz.c style: deterministic single-bit mutations of the body.
    for (auto type : all_types) {
        const auto& key = sample(type);
        const auto body = key_test::unarmor(openssh_text(key), "OPENSSH PRIVATE KEY");
        for (std::size_t i = 0; i < body.size(); ++i) {
            bytes mutated = body;
            mutated[i] ^= static_cast<std::uint8_t>(1u << (i % 8));
            error_code ec;
            const auto loaded = parse_private_key(v1_text(mutated), std::nullopt, ec);
            if (loaded) // only the comment may change without notice
                BOOST_TEST((loaded->public_key() == key.public_key()), "byte " << i);
            else
                BOOST_TEST(is_crypto_error(ec), "byte " << i << ": " << ec.message());
        }
    }
}

BOOST_AUTO_TEST_CASE(stored_public_values_must_match_the_secret_ones) {
    // Ed25519: the public key re-derived from the seed must be the stored one.
    auto ed = split_v1(sample(key_type::ed25519));
    const auto other_ed = split_v1(sample(key_type::ed25519, 1));
    auto sk = other_ed.fields[2];
    std::copy(ed.fields[1].begin(), ed.fields[1].end(), sk.begin() + 32); // seed B || pk A
    ed.fields[2] = sk;
    BOOST_TEST((parse_error(v1_text(join_v1(ed))) == errc::bad_key_file));

    // ECDSA: d of another key.
    auto ec_parts = split_v1(sample(key_type::ecdsa_nistp256));
    ec_parts.fields[3] = split_v1(sample(key_type::ecdsa_nistp256, 1)).fields[3];
    BOOST_TEST((parse_error(v1_text(join_v1(ec_parts))) == errc::bad_key_file));

    // RSA: p of another key (n != p*q), then a wrong iqmp.
    auto rsa = split_v1(sample(key_type::rsa));
    auto bad_p = rsa;
    bad_p.fields[5] = split_v1(sample(key_type::rsa, 1)).fields[5];
    BOOST_TEST((parse_error(v1_text(join_v1(bad_p))) == errc::bad_key_file));
    auto bad_iqmp = rsa;
    bad_iqmp.fields[4] = bad_p.fields[5];
    BOOST_TEST((parse_error(v1_text(join_v1(bad_iqmp))) == errc::bad_key_file));

    // The clear public key must be the private one's.
    auto swapped = split_v1(sample(key_type::ed25519));
    swapped.public_blob = other_ed.public_blob;
    BOOST_TEST((parse_error(v1_text(join_v1(swapped))) == errc::bad_key_file));

    // Unchanged parts still load.
    BOOST_TEST(!parse_error(v1_text(join_v1(split_v1(sample(key_type::rsa))))));
}

BOOST_AUTO_TEST_CASE(envelope_checks) {
    const auto parts = split_v1(sample(key_type::ed25519));
    envelope_spec two_keys;
    two_keys.keys = 2;
    BOOST_TEST((parse_error(v1_text(join_v1(parts, two_keys))) == errc::bad_key_file));

    envelope_spec chacha;
    chacha.cipher = "chacha20-poly1305@openssh.com";
    chacha.kdf = "bcrypt";
    chacha.kdf_options = bcrypt_options(16);
    std::string hint;
    BOOST_TEST(
        (parse_error(v1_text(join_v1(parts, chacha)), "pw", &hint) == errc::unsupported_key_file));
    BOOST_TEST(hint.find("ssh-keygen -p") != std::string::npos, hint);

    envelope_spec no_kdf;
    no_kdf.cipher = "aes256-ctr";
    BOOST_TEST((parse_error(v1_text(join_v1(parts, no_kdf)), "pw") == errc::bad_key_file));

    envelope_spec other_kdf = no_kdf;
    other_kdf.kdf = "scrypt";
    BOOST_TEST(
        (parse_error(v1_text(join_v1(parts, other_kdf)), "pw") == errc::unsupported_key_file));

    envelope_spec kdf_without_cipher;
    kdf_without_cipher.kdf = "bcrypt";
    kdf_without_cipher.kdf_options = bcrypt_options(16);
    BOOST_TEST((parse_error(v1_text(join_v1(parts, kdf_without_cipher))) == errc::bad_key_file));

    envelope_spec zero_rounds = no_kdf;
    zero_rounds.kdf = "bcrypt";
    zero_rounds.kdf_options = bcrypt_options(0);
    BOOST_TEST((parse_error(v1_text(join_v1(parts, zero_rounds)), "pw") == errc::bad_key_file));

    envelope_spec no_salt = zero_rounds;
    no_salt.kdf_options = bcrypt_options(16, 0);
    BOOST_TEST((parse_error(v1_text(join_v1(parts, no_salt)), "pw") == errc::bad_key_file));
}

BOOST_AUTO_TEST_CASE(encrypted_envelope_without_or_with_wrong_passphrase) {
    // The "encrypted" section is the plain one here, so any passphrase decrypts it to noise.
    const auto parts = split_v1(sample(key_type::ed25519));
    envelope_spec spec;
    spec.cipher = "aes256-ctr";
    spec.kdf = "bcrypt";
    spec.kdf_options = bcrypt_options(2);
    const auto text = v1_text(join_v1(parts, spec));
    BOOST_TEST((parse_error(text) == errc::passphrase_required));
    BOOST_TEST((parse_error(text, "guess") == errc::wrong_passphrase));
    BOOST_TEST((parse_error(text, "") == errc::wrong_passphrase));

    spec.kdf_options = bcrypt_options(default_max_kdf_rounds + 1);
    std::string hint;
    // Refused before asking for a passphrase, and before spending the time.
    BOOST_TEST((parse_error(v1_text(join_v1(parts, spec)), std::nullopt, &hint) ==
                errc::kdf_rounds_too_high));
    BOOST_TEST(hint.find("ssh-keygen -p") != std::string::npos, hint);
    key_load_options strict;
    strict.max_kdf_rounds = 1;
    BOOST_TEST((parse_error(text, "guess", nullptr, strict) == errc::kdf_rounds_too_high));

    // GCM: the tag after the encrypted string is checked.
    spec.cipher = "aes256-gcm@openssh.com";
    spec.kdf_options = bcrypt_options(2);
    auto gcm = join_v1(parts, spec);
    gcm.insert(gcm.end(), 16, 0x00);
    BOOST_TEST((parse_error(v1_text(gcm), "guess") == errc::wrong_passphrase));
    gcm.resize(gcm.size() - 1);
    BOOST_TEST((parse_error(v1_text(gcm), "guess") == errc::bad_key_file));
}

BOOST_AUTO_TEST_CASE(armor_and_format_errors) {
    const auto text = openssh_text(sample(key_type::ed25519));
    std::string hint;
    BOOST_TEST((parse_error("") == errc::bad_key_file));
    BOOST_TEST((parse_error("not a key\n") == errc::bad_key_file));
    BOOST_TEST((parse_error(text.substr(0, text.find("-----END"))) == errc::bad_key_file));
    auto wrong_end = text;
    wrong_end.replace(wrong_end.find("END OPENSSH"), 11, "END RSA");
    BOOST_TEST((parse_error(wrong_end) == errc::bad_key_file));
    auto bad_base64 = text;
    bad_base64[40] = '*';
    BOOST_TEST((parse_error(bad_base64) == errc::bad_key_file));
    // Leading text, CRLF line ends and a missing final newline are tolerated.
    std::string crlf = "leading text\r\n";
    for (char c : text)
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    BOOST_TEST(!parse_error(crlf));
    BOOST_TEST(!parse_error(text.substr(0, text.size() - 1)));

    BOOST_TEST(
        (parse_error("-----BEGIN DSA PRIVATE KEY-----\nAAAA\n-----END DSA PRIVATE KEY-----\n") ==
         errc::unsupported_key_type));
    BOOST_TEST((parse_error("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                            std::nullopt, &hint) == errc::unsupported_key_file));
    BOOST_TEST((parse_error("PuTTY-User-Key-File-3: ssh-ed25519\n", std::nullopt, &hint) ==
                errc::unsupported_key_file));
    BOOST_TEST(hint.find("puttygen") != std::string::npos);
    BOOST_TEST((parse_error(std::string(max_key_file_size + 1, 'A')) == errc::bad_key_file));
}

BOOST_AUTO_TEST_CASE(pem_errors) {
    std::string hint;
    const std::string legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                               "DEK-Info: AES-128-CBC,A99217BA158DCB53CD5D90AD9B1B4B6B\n\n"
                               "AAAA\n-----END RSA PRIVATE KEY-----\n";
    BOOST_TEST((parse_error(legacy, "pw", &hint) == errc::unsupported_key_file));
    BOOST_TEST(hint.find("ssh-keygen -p -f") != std::string::npos, hint);
    for (const char* label :
         {"RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY"}) {
        const std::string garbage = key_test::armor(label, to_bytes("\x30\x03\x02\x01\x05"));
        BOOST_TEST((parse_error(garbage, "pw") == errc::bad_key_file), label);
        BOOST_TEST((parse_error(key_test::armor(label, {}), "pw") == errc::bad_key_file), label);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(private_key_files)

BOOST_AUTO_TEST_CASE(write_then_load) {
    temp_dir dir;
    auto rng = make_deterministic_random(3);
    auto key = make_key(key_type::ecdsa_nistp256, 8);
    key.set_comment("host");
    const auto path = dir / "ssh_host_ecdsa_key";
    error_code ec;
    write_private_key_file(path, key, *rng, ec);
    BOOST_TEST_REQUIRE(!ec, ec.message());
    struct stat st {};
    BOOST_TEST_REQUIRE(::stat(path.c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 0777) == 0600u);
    const auto loaded = load_private_key_file(path, std::nullopt, ec);
    BOOST_TEST_REQUIRE(loaded.has_value(), ec.message());
    BOOST_TEST((loaded->public_key() == key.public_key()));
    BOOST_TEST(loaded->comment() == "host");
    // Overwrite in place; nothing else is left in the directory.
    write_private_key_file(path, make_key(key_type::ed25519, 9), *rng, ec);
    BOOST_TEST(!ec);
    BOOST_TEST(std::distance(std::filesystem::directory_iterator(dir.path()),
                             std::filesystem::directory_iterator()) == 1);
    write_private_key_file(dir / "missing-dir" / "key", key, *rng, ec);
    BOOST_TEST(ec.failed());
}

BOOST_AUTO_TEST_CASE(permissions_and_file_kinds) {
    temp_dir dir;
    const auto path = dir / "id_ed25519";
    key_test::write_text(path, openssh_text(sample(key_type::ed25519)), 0600);
    error_code ec;
    std::string hint;
    BOOST_TEST(load_private_key_file(path, std::nullopt, ec, &hint).has_value());
    for (mode_t mode : {0644, 0640, 0604, 0660, 0700 | 0001}) {
        ::chmod(path.c_str(), mode);
        BOOST_TEST(!load_private_key_file(path, std::nullopt, ec, &hint).has_value());
        BOOST_TEST((ec == errc::unprotected_key_file), mode);
        BOOST_TEST(hint.find("chmod 600") != std::string::npos, hint);
    }
    ::chmod(path.c_str(), 0400);
    BOOST_TEST(load_private_key_file(path, std::nullopt, ec).has_value());

    BOOST_TEST(!load_private_key_file(dir / "absent", std::nullopt, ec).has_value());
    BOOST_TEST((ec == boost::system::errc::no_such_file_or_directory));
    BOOST_TEST(!load_private_key_file(dir.path(), std::nullopt, ec).has_value());
    BOOST_TEST((ec == errc::bad_key_file));
    const auto fifo = dir / "fifo";
    BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    BOOST_TEST(!load_private_key_file(fifo, std::nullopt, ec).has_value()); // must not hang
    BOOST_TEST((ec == errc::bad_key_file));
    const auto big = dir / "big";
    key_test::write_text(big, std::string(max_key_file_size + 1, 'A'), 0600);
    BOOST_TEST(!load_private_key_file(big, std::nullopt, ec).has_value());
    BOOST_TEST((ec == errc::bad_key_file));
}

BOOST_AUTO_TEST_SUITE_END()
