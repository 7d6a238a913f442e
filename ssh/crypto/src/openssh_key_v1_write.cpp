// Writing unencrypted openssh-key-v1 (OpenSSH PROTOCOL.key), as `ssh-keygen -N ''` does.
#include "key_botan.hpp"
#include "openssh_key_v1.hpp"
#include "pem_armor.hpp"
#include "private_key_impl.hpp"

#include <ssh/wire/writer.hpp>

#include <botan/ecdsa.h>
#include <botan/ed25519.h>
#include <botan/rsa.h>

#include <array>

namespace ssh::crypto {
namespace {

constexpr std::string_view magic{"openssh-key-v1\0", 15};
constexpr std::size_t block_size = 8;    // of cipher "none"
constexpr std::size_t base64_width = 70; // sshbuf_dtob64 wraps at 70 (ssh-conformance §7.1)

// A writer whose buffer never reallocates for key-sized content, so that no copy of the
// secrets is left in freed memory; the caller wipes what it takes out.
wire::writer secret_writer(std::size_t capacity) {
    std::vector<std::uint8_t> buffer;
    buffer.reserve(capacity);
    return wire::writer{std::move(buffer)};
}

void wipe(std::vector<std::uint8_t>& v) {
    secure_wipe(v.data(), v.size());
}

void write_key_fields(wire::writer& w, key_type type, const Botan::Private_Key& key) {
    if (type == key_type::ed25519) {
        const auto& ed = dynamic_cast<const Botan::Ed25519_PrivateKey&>(key);
        w.string(ed.get_public_key());
        w.string(ed.get_private_key()); // seed || public, 64 bytes
    } else if (type == key_type::rsa) {
        const auto& rsa = dynamic_cast<const Botan::RSA_PrivateKey&>(key);
        for (const auto* n : {&rsa.get_n(), &rsa.get_e(), &rsa.get_d(), &rsa.get_c(), &rsa.get_p(),
                              &rsa.get_q()}) // c = iqmp = q^-1 mod p
            w.mpint_unsigned(detail::to_secure_bytes(*n));
    } else {
        const auto& ec = dynamic_cast<const Botan::ECDSA_PrivateKey&>(key);
        w.string(describe(type).curve_id);
        w.string(ec.public_point().encode(Botan::PointGFp::UNCOMPRESSED));
        w.mpint_unsigned(detail::to_secure_bytes(ec.private_value()));
    }
}

} // namespace

secure_string private_key::to_openssh_text(random_source& rng) const {
    std::array<std::uint8_t, 4> check{};
    rng.fill(check);
    auto section = secret_writer(16 * 1024 + impl_->comment.size());
    section.raw(check); // check-int, twice
    section.raw(check);
    section.string(describe(impl_->type).name);
    write_key_fields(section, impl_->type, *impl_->botan);
    section.string(impl_->comment);
    for (std::uint8_t pad = 1; section.size() % block_size != 0; ++pad)
        section.byte(pad);
    auto section_bytes = section.take();

    const auto pub = impl_->pub.blob();
    auto file = secret_writer(section_bytes.size() + pub.size() + 128);
    file.raw({reinterpret_cast<const std::uint8_t*>(magic.data()), magic.size()});
    file.string("none"); // cipher
    file.string("none"); // kdf
    file.string("");     // kdf options
    file.uint32(1);      // number of keys
    file.string(pub);
    file.string(section_bytes);
    wipe(section_bytes);
    auto body = file.take();

    secure_string text;
    detail::write_armor(detail::openssh_key_label, body, base64_width, text);
    wipe(body);
    return text;
}

} // namespace ssh::crypto
