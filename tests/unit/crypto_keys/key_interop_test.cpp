// Interoperability with OpenSSH's ssh-keygen: keys it generates in every format load here,
// with the same public key and fingerprint; signatures cross in both directions through
// SSHSIG files (OpenSSH PROTOCOL.sshsig); keys generated here load in ssh-keygen.
#include "key_test_util.hpp"

#include <ssh/crypto/errc.hpp>
#include <ssh/crypto/hash.hpp>
#include <ssh/crypto/private_key.hpp>
#include <ssh/crypto/random.hpp>

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace ssh::crypto;
using boost::system::error_code;
using key_test::quote;
using key_test::run;
using key_test::run_ok;
using key_test::temp_dir;
using key_test::trim;

namespace {

struct key_spec {
    const char* name;   // file name
    const char* keygen; // ssh-keygen -t/-b arguments
    key_type type;
    const char* sig_alg; // the algorithm ssh-keygen -Y uses for this key
};

const key_spec specs[] = {
    {"ed25519", "-t ed25519", key_type::ed25519, "ssh-ed25519"},
    {"ecdsa256", "-t ecdsa -b 256", key_type::ecdsa_nistp256, "ecdsa-sha2-nistp256"},
    {"ecdsa384", "-t ecdsa -b 384", key_type::ecdsa_nistp384, "ecdsa-sha2-nistp384"},
    {"ecdsa521", "-t ecdsa -b 521", key_type::ecdsa_nistp521, "ecdsa-sha2-nistp521"},
    {"rsa2048", "-t rsa -b 2048", key_type::rsa, "rsa-sha2-512"},
    {"rsa3072", "-t rsa -b 3072", key_type::rsa, "rsa-sha2-512"},
};

constexpr std::string_view pass = "correct horse"; // ssh-keygen wants 5+ characters for PEM
constexpr std::string_view ns = "fleetsh-test";
const std::string message = "a message signed for the interop test\n";

// One directory with every key, made once: ssh-keygen takes a while for RSA.
struct keyring {
    temp_dir dir;
    keyring() {
        for (const auto& s : specs) {
            const std::string base = std::string(s.keygen) + " -C " + s.name + "@test";
            key_test::keygen(dir, std::string(s.name) + ".plain", base + " -N ''");
            key_test::keygen(dir, std::string(s.name) + ".enc",
                             base + " -N " + quote(std::string(pass)) + " -a 16");
            if (s.type != key_type::ed25519) {
                key_test::keygen(dir, std::string(s.name) + ".pem", base + " -N '' -m PEM");
                key_test::keygen(dir, std::string(s.name) + ".pem-enc",
                                 base + " -N " + quote(std::string(pass)) + " -m PEM");
                key_test::keygen(dir, std::string(s.name) + ".pkcs8", base + " -N '' -m PKCS8");
                key_test::keygen(dir, std::string(s.name) + ".pkcs8-enc",
                                 base + " -N " + quote(std::string(pass)) + " -m PKCS8");
            }
        }
        key_test::write_text(dir / "message", message, 0600);
    }
    std::filesystem::path operator/(const std::string& name) const { return dir / name; }
};

const keyring& keys() {
    static const keyring instance;
    return instance;
}

private_key load(const std::filesystem::path& path, std::optional<std::string_view> p = {}) {
    error_code ec;
    std::string hint;
    auto key = load_private_key_file(path, p, ec, &hint);
    BOOST_TEST_REQUIRE(key.has_value(), path.string() << ": " << ec.message() << " " << hint);
    return std::move(*key);
}

error_code load_error(const std::filesystem::path& path, std::optional<std::string_view> p = {},
                      std::string* hint = nullptr) {
    error_code ec;
    BOOST_TEST(!load_private_key_file(path, p, ec, hint).has_value(), path.string());
    return ec;
}

public_key_line pub_file(const std::filesystem::path& pub_path) {
    error_code ec;
    auto line = parse_public_key_line(key_test::read_text(pub_path), ec);
    BOOST_TEST_REQUIRE(line.has_value(), pub_path.string() << ": " << ec.message());
    return std::move(*line);
}

// "256 SHA256:... comment (ED25519)" -> "SHA256:..."
std::string keygen_fingerprint(const std::filesystem::path& path) {
    std::istringstream out(run_ok("ssh-keygen -E sha256 -lf " + quote(path)));
    std::string bits;
    std::string fp;
    out >> bits >> fp;
    return fp;
}

bytes sha512(std::string_view s) {
    return digest(hash_alg::sha512, key_test::to_bytes(s));
}

// Signs `message` as ssh-keygen -Y sign would, and asks ssh-keygen to check it.
bool keygen_accepts_our_signature(const private_key& key, std::string_view alg,
                                  const std::filesystem::path& sig_path) {
    auto rng = make_deterministic_random(21);
    error_code ec;
    const auto sig = key.sign(alg, key_test::sshsig_signed_data(ns, sha512(message)), *rng, ec);
    BOOST_TEST_REQUIRE(sig.has_value(), ec.message());
    key_test::write_text(sig_path, key_test::sshsig_file(key.public_key().blob(), ns, *sig), 0600);
    const auto r = run("ssh-keygen -Y check-novalidate -n " + std::string(ns) + " -s " +
                           quote(sig_path) + " < " + quote(keys() / "message"),
                       true);
    BOOST_TEST_MESSAGE(r.output);
    return r.exit_code == 0;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ssh_keygen_interop)

BOOST_AUTO_TEST_CASE(openssh_format_keys_load_with_the_same_public_key) {
    for (const auto& s : specs) {
        BOOST_TEST_CONTEXT(s.name) {
            const auto path = keys() / (std::string(s.name) + ".plain");
            const auto key = load(path);
            const auto pub = pub_file(path.string() + ".pub");
            BOOST_TEST((key.public_key() == pub.key));
            BOOST_TEST((key.type() == s.type));
            BOOST_TEST(key.comment() == std::string(s.name) + "@test");
            BOOST_TEST(pub.comment == key.comment());
            BOOST_TEST(key.public_key().fingerprint_sha256() == keygen_fingerprint(path));
            BOOST_TEST(key.public_key().to_line(pub.comment) ==
                       trim(key_test::read_text(path.string() + ".pub")));
        }
    }
}

BOOST_AUTO_TEST_CASE(encrypted_openssh_keys) {
    for (const auto& s : specs) {
        BOOST_TEST_CONTEXT(s.name) {
            const auto path = keys() / (std::string(s.name) + ".enc");
            const auto key = load(path, pass);
            BOOST_TEST((key.public_key() == pub_file(path.string() + ".pub").key));
            BOOST_TEST((load_error(path) == errc::passphrase_required));
            BOOST_TEST((load_error(path, "wrong horse") == errc::wrong_passphrase));
            key_load_options low;
            low.max_kdf_rounds = 8;
            error_code ec;
            BOOST_TEST(!load_private_key_file(path, pass, ec, nullptr, low).has_value());
            BOOST_TEST((ec == errc::kdf_rounds_too_high));
        }
    }
}

BOOST_AUTO_TEST_CASE(other_openssh_ciphers) {
    const auto& dir = keys();
    for (const char* cipher :
         {"aes128-ctr", "aes256-cbc", "aes256-gcm@openssh.com", "aes128-gcm@openssh.com"}) {
        BOOST_TEST_CONTEXT(cipher) {
            const auto path = key_test::keygen(dir.dir, std::string("ed25519-") + cipher,
                                               "-t ed25519 -N " + quote(std::string(pass)) +
                                                   " -a 2 -Z " + cipher);
            BOOST_TEST((load(path, pass).public_key() == pub_file(path.string() + ".pub").key));
            BOOST_TEST((load_error(path, "wrong horse") == errc::wrong_passphrase));
        }
    }
    const auto chacha = key_test::keygen(dir.dir, "ed25519-chacha",
                                         "-t ed25519 -N " + quote(std::string(pass)) +
                                             " -a 2 -Z chacha20-poly1305@openssh.com");
    std::string hint;
    BOOST_TEST((load_error(chacha, pass, &hint) == errc::unsupported_key_file));
    BOOST_TEST(hint.find("ssh-keygen -p") != std::string::npos, hint);
}

BOOST_AUTO_TEST_CASE(pem_and_pkcs8_keys) {
    for (const auto& s : specs) {
        if (s.type == key_type::ed25519)
            continue; // ssh-keygen writes Ed25519 only as openssh-key-v1
        BOOST_TEST_CONTEXT(s.name) {
            const auto base = keys() / std::string(s.name);
            const auto pem = base.string() + ".pem";
            const auto pkcs8 = base.string() + ".pkcs8";
            const auto pkcs8_enc = base.string() + ".pkcs8-enc";
            const auto pem_enc = base.string() + ".pem-enc";
            const auto expected_label = s.type == key_type::rsa ? "-----BEGIN RSA PRIVATE KEY"
                                                                : "-----BEGIN EC PRIVATE KEY";
            BOOST_TEST(key_test::read_text(pem).starts_with(expected_label));
            BOOST_TEST(key_test::read_text(pkcs8).starts_with("-----BEGIN PRIVATE KEY"));
            BOOST_TEST(
                key_test::read_text(pkcs8_enc).starts_with("-----BEGIN ENCRYPTED PRIVATE KEY"));

            BOOST_TEST((load(pem).public_key() == pub_file(pem + ".pub").key));
            BOOST_TEST((load(pkcs8).public_key() == pub_file(pkcs8 + ".pub").key));
            BOOST_TEST((load(pkcs8_enc, pass).public_key() == pub_file(pkcs8_enc + ".pub").key));
            BOOST_TEST((load_error(pkcs8_enc) == errc::passphrase_required));
            BOOST_TEST((load_error(pkcs8_enc, "wrong horse") == errc::wrong_passphrase));

            std::string hint;
            BOOST_TEST((load_error(pem_enc, pass, &hint) == errc::unsupported_key_file));
            BOOST_TEST(hint.find("ssh-keygen -p -f") != std::string::npos, hint);
        }
    }
}

BOOST_AUTO_TEST_CASE(pkcs8_ed25519_from_openssl) {
    if (run("command -v openssl").exit_code != 0) {
        BOOST_TEST_MESSAGE("openssl not installed; skipped");
        return;
    }
    temp_dir dir;
    const auto path = dir / "ed25519.pkcs8";
    run_ok("openssl genpkey -algorithm ed25519 -out " + quote(path));
    ::chmod(path.c_str(), 0600);
    const auto key = load(path);
    BOOST_TEST((key.type() == key_type::ed25519));
    // The public key OpenSSL derives, as raw bytes, must be ours.
    const auto der =
        run_ok("openssl pkey -in " + quote(path) + " -pubout -outform DER | od -An -v -tx1");
    std::istringstream hex(der);
    bytes spki;
    unsigned v = 0;
    while (hex >> std::hex >> v)
        spki.push_back(static_cast<std::uint8_t>(v));
    BOOST_TEST_REQUIRE(spki.size() == 44u); // SubjectPublicKeyInfo header (12) + 32
    const auto blob = key.public_key().blob();
    BOOST_TEST(bytes(blob.end() - 32, blob.end()) == bytes(spki.begin() + 12, spki.end()));

    // Encrypted PKCS#8 with the PBES2 variants OpenSSL can write.
    for (const char* options :
         {"-v2 aes-256-cbc -v2prf hmacWithSHA512", "-v2 aes-192-cbc -v2prf hmacWithSHA1",
          "-v2 aes-128-cbc -v2prf hmacWithSHA256 -iter 10"}) {
        BOOST_TEST_CONTEXT(options) {
            const auto enc = dir / "ed25519.enc";
            run_ok("openssl pkcs8 -topk8 -in " + quote(path) + " -out " + quote(enc) + " " +
                   options + " -passout " + quote("pass:" + std::string(pass)));
            ::chmod(enc.c_str(), 0600);
            BOOST_TEST((load(enc, pass).public_key() == key.public_key()));
            BOOST_TEST((load_error(enc, "wrong horse") == errc::wrong_passphrase));
            BOOST_TEST((load_error(enc) == errc::passphrase_required));
        }
    }
    for (const char* options : {"-scrypt", "-v1 PBE-SHA1-3DES", "-v2 des3"}) {
        BOOST_TEST_CONTEXT(options) {
            const auto enc = dir / "ed25519.unsupported";
            run_ok("openssl pkcs8 -topk8 -in " + quote(path) + " -out " + quote(enc) + " " +
                   options + " -passout " + quote("pass:" + std::string(pass)));
            ::chmod(enc.c_str(), 0600);
            std::string hint;
            BOOST_TEST((load_error(enc, pass, &hint) == errc::unsupported_key_file));
            BOOST_TEST(hint.find("ssh-keygen -p -f") != std::string::npos, hint);
        }
    }
}

BOOST_AUTO_TEST_CASE(unprotected_keygen_file_is_refused) {
    temp_dir dir;
    const auto path = key_test::keygen(dir, "id", "-t ed25519 -N ''");
    ::chmod(path.c_str(), 0644);
    std::string hint;
    BOOST_TEST((load_error(path, std::nullopt, &hint) == errc::unprotected_key_file));
    BOOST_TEST(hint.find("0644") != std::string::npos, hint);
    // ssh-keygen refuses it too.
    BOOST_TEST(run("ssh-keygen -y -f " + quote(path)).exit_code != 0);
    ::chmod(path.c_str(), 0600);
    BOOST_TEST((load(path).public_key() == pub_file(path.string() + ".pub").key));
}

BOOST_AUTO_TEST_CASE(keygen_signatures_verify_here) {
    for (const auto& s : specs) {
        BOOST_TEST_CONTEXT(s.name) {
            const auto path = keys() / (std::string(s.name) + ".plain");
            const auto sig_path = keys() / (std::string(s.name) + ".keygen.sig");
            run_ok("ssh-keygen -Y sign -f " + quote(path) + " -n " + std::string(ns) + " < " +
                   quote(keys() / "message") + " > " + quote(sig_path));
            const auto sig = key_test::parse_sshsig(key_test::read_text(sig_path));
            BOOST_TEST(sig.hash == "sha512");
            error_code ec;
            const auto pub = public_key::from_blob(sig.public_blob, ec);
            BOOST_TEST_REQUIRE(pub.has_value(), ec.message());
            BOOST_TEST((*pub == load(path).public_key()));
            const auto signed_data = key_test::sshsig_signed_data(ns, sha512(message));
            BOOST_TEST(pub->verify(s.sig_alg, signed_data, sig.signature_blob, ec), ec.message());
            // A flipped bit in the data or in the signature.
            auto other = signed_data;
            other.back() ^= 1;
            BOOST_TEST(!pub->verify(s.sig_alg, other, sig.signature_blob, ec));
            BOOST_TEST((ec == errc::signature_mismatch));
            auto flipped = sig.signature_blob;
            flipped[flipped.size() - 5] ^= 0x40;
            BOOST_TEST(!pub->verify(s.sig_alg, signed_data, flipped, ec));
            // An algorithm that does not fit the key.
            const char* misfit = s.type == key_type::ed25519 ? "rsa-sha2-512" : "ssh-ed25519";
            BOOST_TEST(!pub->verify(misfit, signed_data, sig.signature_blob, ec));
            BOOST_TEST((ec == errc::signature_mismatch));
        }
    }
}

BOOST_AUTO_TEST_CASE(our_signatures_verify_in_ssh_keygen) {
    for (const auto& s : specs) {
        BOOST_TEST_CONTEXT(s.name) {
            const auto key = load(keys() / (std::string(s.name) + ".plain"));
            const auto sig_path = keys() / (std::string(s.name) + ".ours.sig");
            BOOST_TEST(keygen_accepts_our_signature(key, s.sig_alg, sig_path));
            if (s.type == key_type::rsa)
                BOOST_TEST(keygen_accepts_our_signature(key, "rsa-sha2-256", sig_path));
        }
    }
}

BOOST_AUTO_TEST_CASE(generated_keys_load_in_ssh_keygen) {
    temp_dir dir;
    auto rng = make_deterministic_random(99);
    for (auto type : {key_type::ed25519, key_type::ecdsa_nistp256, key_type::ecdsa_nistp384,
                      key_type::ecdsa_nistp521, key_type::rsa}) {
        BOOST_TEST_CONTEXT(describe(type).name) {
            error_code ec;
            auto key = private_key::generate(type, *rng, ec);
            BOOST_TEST_REQUIRE(key.has_value(), ec.message());
            key->set_comment("generated@fleetsh");
            if (type == key_type::rsa)
                BOOST_TEST(key->public_key().bits() == 3072u);
            const auto path = dir / std::string(describe(type).name);
            write_private_key_file(path, *key, *rng, ec);
            BOOST_TEST_REQUIRE(!ec, ec.message());
            // ssh-keygen reads the private key and prints its public line.
            BOOST_TEST(trim(run_ok("ssh-keygen -y -f " + quote(path))) ==
                       key->public_key().to_line("generated@fleetsh"));
            BOOST_TEST(keygen_fingerprint(path) == key->public_key().fingerprint_sha256());
            // And signs with it: the private half is right too.
            const auto sig_path = dir / (std::string(describe(type).name) + ".sig");
            run_ok("ssh-keygen -Y sign -f " + quote(path) + " -n " + std::string(ns) + " < " +
                   quote(keys() / "message") + " > " + quote(sig_path));
            const auto sig = key_test::parse_sshsig(key_test::read_text(sig_path));
            const auto alg = type == key_type::rsa ? std::string("rsa-sha2-512")
                                                   : std::string(describe(type).name);
            BOOST_TEST(key->public_key().verify(alg,
                                                key_test::sshsig_signed_data(ns, sha512(message)),
                                                sig.signature_blob, ec),
                       ec.message());
        }
    }
}

BOOST_AUTO_TEST_CASE(tampered_signature_is_refused_by_ssh_keygen_too) {
    // Guards the check above: ssh-keygen must say no when the signature is wrong.
    const auto key = load(keys() / "ed25519.plain");
    auto rng = make_deterministic_random(22);
    error_code ec;
    auto sig = key.sign("ssh-ed25519", key_test::sshsig_signed_data(ns, sha512(message)), *rng, ec);
    BOOST_TEST_REQUIRE(sig.has_value());
    sig->back() ^= 1;
    const auto sig_path = keys() / "tampered.sig";
    key_test::write_text(sig_path, key_test::sshsig_file(key.public_key().blob(), ns, *sig));
    BOOST_TEST(run("ssh-keygen -Y check-novalidate -n " + std::string(ns) + " -s " +
                   quote(sig_path) + " < " + quote(keys() / "message"))
                   .exit_code != 0);
}

BOOST_AUTO_TEST_CASE(keygen_file_bit_flips_fail_or_load_the_same_key) {
    // One bit of every byte of the decoded body (OpenSSH sshkey/test_fuzz.c style), for each
    // format; the encrypted openssh key uses 1 bcrypt round to keep this fast.
    const auto& dir = keys();
    const auto fast = key_test::keygen(dir.dir, "ecdsa256.fast",
                                       "-t ecdsa -b 256 -N " + quote(std::string(pass)) + " -a 1");
    struct file {
        std::filesystem::path path;
        const char* label;
    };
    for (const auto& f :
         {file{fast, "OPENSSH PRIVATE KEY"}, file{dir / "rsa2048.plain", "OPENSSH PRIVATE KEY"},
          file{dir / "rsa2048.pem", "RSA PRIVATE KEY"},
          file{dir / "ecdsa384.pem", "EC PRIVATE KEY"}, file{dir / "ecdsa256.pkcs8", "PRIVATE KEY"},
          file{dir / "rsa2048.pkcs8", "PRIVATE KEY"},
          file{dir / "ecdsa256.pkcs8-enc", "ENCRYPTED PRIVATE KEY"}}) {
        const auto original = load(f.path, pass);
        const auto body = key_test::unarmor(key_test::read_text(f.path), f.label);
        for (std::size_t i = 0; i < body.size(); ++i) {
            auto mutated = body;
            mutated[i] ^= static_cast<std::uint8_t>(1u << (i % 8));
            error_code ec;
            const auto key = parse_private_key(key_test::armor(f.label, mutated), pass, ec);
            if (key)
                BOOST_TEST((key->public_key() == original.public_key()), f.path.filename()
                                                                             << " byte " << i);
            else
                BOOST_TEST((ec.category() == crypto_category()),
                           f.path.filename() << " byte " << i << ": " << ec.message());
        }
    }
}

BOOST_AUTO_TEST_CASE(keygen_file_truncations_fail_cleanly) {
    for (const char* name :
         {"ecdsa256.enc", "rsa2048.plain", "rsa2048.pkcs8", "ecdsa384.pem", "ecdsa521.pkcs8-enc"}) {
        const auto text = key_test::read_text(keys() / name);
        for (std::size_t len = 0; len + 1 < text.size(); ++len) {
            error_code ec;
            // Cut inside the armor: never loads, always a typed error.
            const bool loaded = parse_private_key(text.substr(0, len), pass, ec).has_value();
            BOOST_TEST(!loaded, name << " prefix " << len);
            BOOST_TEST((ec.category() == crypto_category()),
                       name << " prefix " << len << ": " << ec.message());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
