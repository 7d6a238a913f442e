// Reading openssh-key-v1 (OpenSSH PROTOCOL.key; checks as OpenSSH sshkey.c
// sshkey_parse_private2 makes them).
#include "key_botan.hpp"
#include "key_file_cipher.hpp"
#include "openssh_key_v1.hpp"
#include "private_key_impl.hpp"

#include <ssh/crypto/errc.hpp>
#include <ssh/wire/limits.hpp>
#include <ssh/wire/reader.hpp>
#include <ssh/wire/writer.hpp>

#include <botan/rsa.h>

#include <algorithm>
#include <exception>

namespace ssh::crypto::detail {
namespace {

using boost::system::error_code;

constexpr std::string_view magic{"openssh-key-v1\0", 15}; // the NUL is part of it
constexpr std::size_t max_name = 64;
constexpr std::size_t max_kdf_options = 1024;
constexpr std::size_t max_salt = 64;
constexpr std::size_t ed25519_key_bytes = 32;

struct envelope {
    const key_file_cipher* cipher = nullptr;
    bytes_view salt;
    std::uint32_t rounds = 0;
    bytes_view public_blob;
    bytes_view encrypted;
    bytes_view tag;
};

// The clear part: magic, cipher, kdf, kdf options, one public key, the private section.
bool read_envelope(bytes_view decoded, envelope& env, error_code& ec, std::string* hint) {
    wire::reader r{decoded};
    const auto head = r.raw(magic.size());
    const auto cipher_name = r.text(max_name);
    const auto kdf_name = r.text(max_name);
    auto kdf_options = r.string_reader(max_kdf_options);
    const auto keys = r.uint32();
    env.public_blob = r.string(wire::limits::max_key_blob_length);
    env.encrypted = r.string(max_key_file_size);
    if (r.failed() || !std::equal(head.begin(), head.end(), magic.begin(), magic.end()) ||
        keys != 1) {
        ec = errc::bad_key_file;
        return false;
    }
    env.cipher = find_key_file_cipher(cipher_name);
    if (env.cipher == nullptr) {
        ec = errc::unsupported_key_file;
        if (hint)
            *hint = "the key is encrypted with the unsupported cipher '" +
                    std::string(cipher_name) +
                    "'; re-encrypt it with `ssh-keygen -p -Z aes256-ctr -f KEY`";
        return false;
    }
    if (env.cipher->botan == nullptr) {
        if (kdf_name != "none" || kdf_options.remaining() != 0) {
            ec = errc::bad_key_file;
            return false;
        }
    } else if (kdf_name != "bcrypt") {
        ec = kdf_name == "none" ? errc::bad_key_file : errc::unsupported_key_file;
        return false;
    } else {
        env.salt = kdf_options.string(max_salt);
        env.rounds = kdf_options.uint32();
        kdf_options.expect_end();
        if (kdf_options.failed() || env.salt.empty() || env.rounds == 0) {
            ec = errc::bad_key_file;
            return false;
        }
    }
    env.tag = r.raw(env.cipher->tag_len);
    r.expect_end();
    if (r.failed() || env.encrypted.empty() || env.encrypted.size() % env.cipher->block_size != 0) {
        ec = errc::bad_key_file;
        return false;
    }
    return true;
}

// Reads one key of the private section; `pub` receives the public blob its public fields
// make, for comparison with the envelope's.
std::unique_ptr<Botan::Private_Key> read_key(wire::reader& r, const key_type_info& type, bytes& pub,
                                             error_code& ec) {
    wire::writer w;
    w.string(type.name);
    std::unique_ptr<Botan::Private_Key> key;
    if (type.type == key_type::ed25519) {
        // string pk(32), string sk(64) = seed || pk.
        const auto pk = r.string(ed25519_key_bytes);
        const auto sk = r.string(2 * ed25519_key_bytes);
        if (r.failed() || pk.size() != ed25519_key_bytes || sk.size() != 2 * ed25519_key_bytes ||
            !std::equal(pk.begin(), pk.end(), sk.begin() + ed25519_key_bytes)) {
            ec = errc::bad_key_file;
            return nullptr;
        }
        w.string(pk);
        key = make_ed25519_key(sk.first(ed25519_key_bytes), ec);
    } else if (type.type == key_type::rsa) {
        // mpint n, e, d, iqmp, p, q.
        const auto limit = wire::limits::max_key_blob_length;
        const auto n = r.mpint_unsigned(limit);
        const auto e = r.mpint_unsigned(limit);
        const auto d = to_bigint(r.mpint_unsigned(limit));
        const auto iqmp = to_bigint(r.mpint_unsigned(limit));
        const auto p = to_bigint(r.mpint_unsigned(limit));
        const auto q = to_bigint(r.mpint_unsigned(limit));
        if (r.failed()) {
            ec = errc::bad_key_file;
            return nullptr;
        }
        w.mpint_unsigned(e);
        w.mpint_unsigned(n);
        key = make_rsa_key(p, q, to_bigint(e), d, to_bigint(n), ec);
        if (key && dynamic_cast<const Botan::RSA_PrivateKey&>(*key).get_c() != iqmp) {
            ec = errc::bad_key_file;
            return nullptr;
        }
    } else {
        // string curve, string Q, mpint d.
        const auto curve = r.text(max_name);
        const auto point = r.string(wire::limits::max_ec_point_bytes);
        const auto d = r.mpint_unsigned(ecdsa_scalar_bytes(type.type) + 1);
        if (r.failed() || curve != type.curve_id) {
            ec = errc::bad_key_file;
            return nullptr;
        }
        w.string(curve);
        w.string(point);
        key = make_ecdsa_key(type.type, to_bigint(d), ec);
    }
    pub = w.take();
    return key;
}

// The decrypted section: check-ints, one key, comment, padding 1, 2, 3, ...
std::optional<private_key> read_private_section(bytes_view plain, const public_key& outer,
                                                bool encrypted, error_code& ec) {
    wire::reader r{plain};
    const auto check1 = r.uint32();
    const auto check2 = r.uint32();
    if (r.failed()) {
        ec = errc::bad_key_file;
        return std::nullopt;
    }
    if (check1 != check2) {
        // Random bytes after decryption with the wrong key (PROTOCOL.key).
        ec = encrypted ? errc::wrong_passphrase : errc::bad_key_file;
        return std::nullopt;
    }
    const auto* type = find_key_type(r.text(max_name));
    if (type == nullptr || type->type != outer.type()) {
        ec = errc::bad_key_file;
        return std::nullopt;
    }
    bytes inner_pub;
    auto key = read_key(r, *type, inner_pub, ec);
    if (!key)
        return std::nullopt;
    const auto comment = r.text(max_key_file_size);
    for (std::uint8_t i = 1; !r.failed() && r.remaining() != 0; ++i)
        if (r.byte() != i) {
            ec = errc::bad_key_file;
            return std::nullopt;
        }
    if (r.failed()) {
        ec = errc::bad_key_file;
        return std::nullopt;
    }
    auto out = wrap_private_key(*key, std::string(comment), ec);
    if (!out)
        return std::nullopt;
    // The stored public keys and the one the secret values give must all be the same key.
    const auto derived = out->public_key().blob();
    if (!std::ranges::equal(inner_pub, outer.blob()) ||
        !std::ranges::equal(derived, outer.blob())) {
        ec = errc::bad_key_file;
        return std::nullopt;
    }
    return out;
}

} // namespace

std::optional<private_key> parse_openssh_key_v1(bytes_view decoded,
                                                std::optional<std::string_view> passphrase,
                                                const key_load_options& options, error_code& ec,
                                                std::string* hint) {
    envelope env;
    if (!read_envelope(decoded, env, ec, hint))
        return std::nullopt;
    auto outer = public_key::from_blob(env.public_blob, ec);
    if (!outer) {
        if (ec == errc::bad_key_blob)
            ec = errc::bad_key_file;
        return std::nullopt;
    }
    const bool encrypted = env.cipher->botan != nullptr;
    secure_bytes plain;
    if (encrypted) {
        if (env.rounds > options.max_kdf_rounds) {
            ec = errc::kdf_rounds_too_high;
            if (hint)
                *hint = "the key's KDF rounds (" + std::to_string(env.rounds) +
                        ") exceed the limit (" + std::to_string(options.max_kdf_rounds) +
                        "); lower them with `ssh-keygen -p -a 16 -f KEY`";
            return std::nullopt;
        }
        if (!passphrase) {
            ec = errc::passphrase_required;
            return std::nullopt;
        }
        if (!decrypt_key_section(*env.cipher, *passphrase, env.salt, env.rounds, env.encrypted,
                                 env.tag, plain, ec))
            return std::nullopt;
    } else {
        plain.assign(env.encrypted.begin(), env.encrypted.end());
    }
    try {
        return read_private_section(plain, *outer, encrypted, ec);
    } catch (const std::exception&) {
        ec = errc::bad_key_file;
        return std::nullopt;
    }
}

} // namespace ssh::crypto::detail
