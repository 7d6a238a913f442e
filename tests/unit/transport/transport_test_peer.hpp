#pragma once
// A scripted SSH server for sans-io tests of the client transport: it writes the server's
// identification and packets (plain until its NEWKEYS, then sealed with the derived keys),
// reads back what the client queued, and can run the server half of curve25519-sha256 with
// a real host key so that the client reaches the host key verdict and NEWKEYS.

#include <ssh/crypto/hash.hpp>
#include <ssh/crypto/key_agreement.hpp>
#include <ssh/crypto/key_derivation.hpp>
#include <ssh/crypto/key_exchange.hpp>
#include <ssh/crypto/packet_cipher.hpp>
#include <ssh/crypto/private_key.hpp>
#include <ssh/crypto/random.hpp>
#include <ssh/transport/algorithm_preferences.hpp>
#include <ssh/transport/errc.hpp>
#include <ssh/transport/kexinit.hpp>
#include <ssh/transport/packet_codec.hpp>
#include <ssh/transport/transport.hpp>
#include <ssh/wire/limits.hpp>
#include <ssh/wire/msg.hpp>
#include <ssh/wire/reader.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/system/error_code.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace transport_test {

namespace crypto = ssh::crypto;
namespace tr = ssh::transport;
namespace wire = ssh::wire;
using bytes = std::vector<std::uint8_t>;

inline constexpr std::string_view server_identification = "SSH-2.0-TestServer_1.0";

// One algorithm per list, each in the client's default offer. aes128-ctr with
// hmac-sha2-256 (encrypt-and-MAC) puts the sequence number into every MAC, so a sequence
// number out of step shows as a MAC failure.
inline tr::algorithm_lists server_lists(bool strict = false,
                                        std::string kex = "curve25519-sha256") {
    tr::algorithm_lists l;
    l.kex = {std::move(kex)};
    if (strict)
        l.kex.emplace_back(crypto::kex_strict_s);
    l.host_key = {"ssh-ed25519"};
    l.cipher_c2s = l.cipher_s2c = {"aes128-ctr"};
    l.mac_c2s = l.mac_s2c = {"hmac-sha2-256"};
    l.compression_c2s = l.compression_s2c = {"none"};
    return l;
}

inline tr::transport_config client_config() {
    tr::transport_config c;
    c.offer = tr::default_client_offer();
    return c;
}

// A host key generated once per seed (Ed25519 generation is cheap, but keys are reused).
inline const crypto::private_key& test_key(crypto::key_type type, std::uint64_t seed) {
    struct entry {
        crypto::key_type type;
        std::uint64_t seed;
        std::unique_ptr<crypto::private_key> key;
    };
    static std::vector<entry> cache;
    for (const auto& e : cache)
        if (e.type == type && e.seed == seed)
            return *e.key;
    auto rng = crypto::make_deterministic_random(seed);
    boost::system::error_code ec;
    auto key = crypto::private_key::generate(type, *rng, ec);
    if (!key)
        throw std::runtime_error("key generation failed: " + ec.message());
    cache.push_back({type, seed, std::make_unique<crypto::private_key>(std::move(*key))});
    return *cache.back().key;
}

// --- transport messages -------------------------------------------------------------------

inline bytes ignore_msg(std::string_view data = "padding") {
    wire::writer w;
    w.byte(wire::number(wire::msg::ignore));
    w.string(data);
    return w.take();
}

inline bytes debug_msg(std::string_view text = "debug text") {
    wire::writer w;
    w.byte(wire::number(wire::msg::debug));
    w.boolean(false);
    w.string(text);
    w.string(std::string_view{});
    return w.take();
}

inline bytes unimplemented_msg(std::uint32_t seq) {
    wire::writer w;
    w.byte(wire::number(wire::msg::unimplemented));
    w.uint32(seq);
    return w.take();
}

inline bytes disconnect_msg(std::uint32_t reason, wire::bytes_view description) {
    wire::writer w;
    w.byte(wire::number(wire::msg::disconnect));
    w.uint32(reason);
    w.string(description);
    w.string(std::string_view{});
    return w.take();
}

inline bytes ext_info_msg(std::string_view server_sig_algs) {
    wire::writer w;
    w.byte(wire::number(wire::msg::ext_info));
    w.uint32(1);
    w.string(std::string_view{"server-sig-algs"});
    w.string(server_sig_algs);
    return w.take();
}

// The parts of a DISCONNECT the client sent.
struct disconnect_fields {
    std::uint32_t reason = 0;
    std::string description;
};

inline std::optional<disconnect_fields> parse_disconnect(wire::bytes_view payload) {
    wire::reader r{payload};
    if (r.byte() != wire::number(wire::msg::disconnect))
        return std::nullopt;
    disconnect_fields d;
    d.reason = r.uint32();
    d.description = std::string(r.text(wire::limits::max_string_length));
    r.text(wire::limits::max_string_length);
    r.expect_end();
    if (r.failed())
        return std::nullopt;
    return d;
}

inline std::vector<int> types_of(const std::vector<bytes>& payloads) {
    std::vector<int> out;
    for (const auto& p : payloads)
        out.push_back(p.empty() ? -1 : p.front());
    return out;
}

// --- the scripted server --------------------------------------------------------------------

// How peer::ecdh_reply() departs from an honest server.
struct reply_faults {
    const crypto::private_key* signer = nullptr; // sign with this key instead of the host's
    std::optional<bytes> sign_this;              // sign these bytes instead of H
    std::string signature_algorithm = "ssh-ed25519";
};

class peer {
public:
    explicit peer(std::uint64_t seed = 1)
        : rng_(crypto::make_deterministic_random(seed)) {}

    crypto::random_source& rng() { return *rng_; }

    // Server to client: raw text (pre-banner lines, identification) and packets.
    void text(std::string_view s) { to_client_.insert(to_client_.end(), s.begin(), s.end()); }
    void ident(std::string_view id = server_identification) {
        ident_ = std::string(id);
        text(id);
        text("\r\n");
    }
    void packet(wire::bytes_view payload) { writer_.write(payload, *rng_, to_client_); }
    const bytes& kexinit(const tr::algorithm_lists& lists, bool first_kex_follows = false) {
        server_kexinit_ = tr::encode_kexinit(lists, first_kex_follows, *rng_);
        packet(server_kexinit_);
        return server_kexinit_;
    }
    tr::packet_writer& writer() noexcept { return writer_; }
    std::size_t undelivered() const noexcept { return to_client_.size(); }

    // Feeds what is queued for the client, alternating feed() and next_payload() as the
    // session does, until all is consumed or the transport stops taking bytes (an error, or
    // a pending host key verdict). Upper-layer payloads are collected in upper().
    boost::system::error_code deliver(tr::transport& t) {
        boost::system::error_code ec;
        std::size_t used = 0;
        for (;;) {
            while (auto p = t.next_payload(ec))
                upper_.emplace_back(p->begin(), p->end());
            if (ec || used == to_client_.size())
                break;
            const std::size_t n = t.feed(wire::bytes_view(to_client_).subspan(used), ec);
            used += n;
            if (ec || n == 0)
                break;
        }
        to_client_.erase(to_client_.begin(),
                         to_client_.begin() + static_cast<std::ptrdiff_t>(used));
        return ec;
    }
    const std::vector<bytes>& upper() const noexcept { return upper_; }

    // Client to server: takes what the client queued and returns the payloads of the
    // complete packets in it. After the client's NEWKEYS, packets are opened with the keys
    // armed by expect_client_newkeys().
    std::vector<bytes> receive(tr::transport& t) {
        const auto out = t.pending_output();
        inbox_.insert(inbox_.end(), out.begin(), out.end());
        t.consume_output(out.size());
        std::vector<bytes> got;
        std::size_t pos = 0;
        if (!client_ident_) {
            const std::string_view all(reinterpret_cast<const char*>(inbox_.data()), inbox_.size());
            const auto crlf = all.find("\r\n");
            if (crlf == std::string_view::npos)
                return got;
            client_ident_ = std::string(all.substr(0, crlf));
            pos = crlf + 2;
        }
        while (!receive_error_) {
            while (auto p = reader_.next(receive_error_)) {
                got.emplace_back(p->begin(), p->end());
                on_client_packet(got.back());
            }
            if (receive_error_ || pos == inbox_.size())
                break;
            const std::size_t n =
                reader_.feed(wire::bytes_view(inbox_).subspan(pos), receive_error_);
            pos += n;
            if (n == 0)
                break;
        }
        inbox_.erase(inbox_.begin(), inbox_.begin() + static_cast<std::ptrdiff_t>(pos));
        return got;
    }
    const std::optional<std::string>& client_identification() const noexcept {
        return client_ident_;
    }
    const bytes& client_kexinit() const noexcept { return client_kexinit_; }
    // A failure to parse or open the client's packets (e.g. a sequence number out of step).
    const boost::system::error_code& receive_error() const noexcept { return receive_error_; }
    // Sequence number of the client packet returned last.
    std::uint32_t client_sequence() const noexcept { return reader_.last_sequence(); }

    // --- curve25519-sha256, server half --------------------------------------------------

    // The KEX_ECDH_REPLY for the client's KEX_ECDH_INIT: K_S of `host`, a fresh Q_S, and a
    // signature over the exchange hash H (RFC 8731 §3, RFC 5656 §4). Remembers K and H for
    // the keys of expect_client_newkeys() and send_newkeys().
    bytes ecdh_reply(const crypto::private_key& host, wire::bytes_view ecdh_init,
                     const reply_faults& faults = {}) {
        wire::reader r{ecdh_init};
        r.byte();
        const auto q_c = r.string(wire::limits::max_ec_point_bytes);
        r.expect_end();
        if (r.failed())
            throw std::runtime_error("client KEX_ECDH_INIT does not parse");
        boost::system::error_code ec;
        auto agreement =
            crypto::make_key_agreement(*crypto::find_kex("curve25519-sha256"), *rng_, ec);
        if (!agreement)
            throw std::runtime_error("key agreement: " + ec.message());
        const auto shared = agreement->agree(q_c, ec);
        if (ec)
            throw std::runtime_error("key agreement: " + ec.message());
        wire::writer k;
        k.mpint_unsigned(shared);
        encoded_k_ = k.take();

        const auto blob = host.public_key().blob();
        wire::writer h;
        h.string(*client_ident_);
        h.string(ident_);
        h.string(client_kexinit_);
        h.string(server_kexinit_);
        h.string(blob);
        h.string(q_c);
        h.string(agreement->public_value());
        crypto::hasher hash(crypto::hash_alg::sha256);
        hash.update(h.data());
        hash.update(encoded_k_);
        exchange_hash_ = hash.final();
        if (session_id_.empty())
            session_id_ = exchange_hash_;

        const auto& signer = faults.signer != nullptr ? *faults.signer : host;
        const auto signature =
            signer.sign(faults.signature_algorithm,
                        faults.sign_this ? *faults.sign_this : exchange_hash_, *rng_, ec);
        if (!signature)
            throw std::runtime_error("signing: " + ec.message());
        wire::writer reply;
        reply.byte(wire::number(wire::kex_ecdh_reply));
        reply.string(blob);
        reply.string(agreement->public_value());
        reply.string(*signature);
        return reply.take();
    }
    const bytes& exchange_hash() const noexcept { return exchange_hash_; }
    const bytes& session_id() const noexcept { return session_id_; }

    // Arms the keys that open the client's packets after its NEWKEYS. With strict KEX the
    // sequence number restarts at 0 after NEWKEYS (OpenSSH PROTOCOL §1.10).
    void expect_client_newkeys(const tr::negotiated_algorithms& alg, bool strict) {
        const auto keys = derive('A', 'C', 'E', alg.cipher_c2s, alg.mac_c2s);
        client_opener_ = crypto::make_opener(*crypto::find_cipher(alg.cipher_c2s),
                                             crypto::find_mac(alg.mac_c2s), keys);
        reset_on_client_newkeys_ = strict;
    }
    // Sends the server's NEWKEYS and seals every later packet with the server-to-client keys.
    void send_newkeys(const tr::negotiated_algorithms& alg, bool strict) {
        packet(bytes{wire::number(wire::msg::newkeys)});
        const auto keys = derive('B', 'D', 'F', alg.cipher_s2c, alg.mac_s2c);
        writer_.set_sealer(crypto::make_sealer(*crypto::find_cipher(alg.cipher_s2c),
                                               crypto::find_mac(alg.mac_s2c), keys));
        if (strict)
            writer_.reset_sequence();
    }

private:
    void on_client_packet(const bytes& payload) {
        if (payload.front() == wire::number(wire::msg::kexinit))
            client_kexinit_ = payload;
        if (payload.front() == wire::number(wire::msg::newkeys) && client_opener_) {
            reader_.set_opener(std::move(client_opener_));
            if (reset_on_client_newkeys_)
                reader_.reset_sequence();
        }
    }

    crypto::direction_keys derive(char iv, char key, char mac, const std::string& cipher_name,
                                  const std::string& mac_name) const {
        const auto* cipher = crypto::find_cipher(cipher_name);
        const auto* m = mac_name.empty() ? nullptr : crypto::find_mac(mac_name);
        if (cipher == nullptr)
            throw std::runtime_error("unknown cipher " + cipher_name);
        const auto make = [&](char letter, std::size_t size) {
            return crypto::derive_key(crypto::hash_alg::sha256, encoded_k_, exchange_hash_, letter,
                                      session_id_, size);
        };
        crypto::direction_keys keys;
        keys.iv = make(iv, cipher->iv_size);
        keys.key = make(key, cipher->key_size);
        if (m != nullptr)
            keys.mac_key = make(mac, m->key_size);
        return keys;
    }

    std::unique_ptr<crypto::random_source> rng_;
    std::string ident_;
    bytes to_client_;
    tr::packet_writer writer_;
    bytes server_kexinit_;
    std::vector<bytes> upper_;

    bytes inbox_;
    std::optional<std::string> client_ident_;
    tr::packet_reader reader_;
    boost::system::error_code receive_error_;
    bytes client_kexinit_;
    std::unique_ptr<crypto::packet_opener> client_opener_;
    bool reset_on_client_newkeys_ = false;

    bytes encoded_k_;
    bytes exchange_hash_;
    bytes session_id_;
};

} // namespace transport_test
