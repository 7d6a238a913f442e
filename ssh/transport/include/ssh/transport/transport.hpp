#pragma once
// The SSH transport layer (RFC 4253) as a sans-io state machine: version exchange, binary
// packets, key exchange and re-exchange, strict KEX, EXT_INFO, and the generic transport
// messages. The layers above (authentication, connection) see only their own payloads.
//
// Flow (the session drives it):
//     transport t{config, random};
//     loop:
//         n = t.feed(received, ec)            // consumes bytes; may queue output
//         while (auto p = t.next_payload(ec)) // messages 5, 6 and 50+ for the upper layers
//             dispatch(*p);
//         if (t.host_key_to_check())          // the exchange waits for the verdict
//             t.accept_host_key() or t.reject_host_key();
//         write(t.pending_output()); t.consume_output(n);
//         t.send(payload)                     // upper layers; held back during key exchange
//
// Time enters through on_timer(now) and leaves through next_deadline() (time-based rekey).
//
// Both roles share everything here but the kex step function (kex_client / kex_server),
// which side may send pre-identification lines, which pseudo-algorithms the first KEXINIT
// carries, who checks the host key (the client) and who sends EXT_INFO (the server).

#include <ssh/crypto/random.hpp>
#include <ssh/transport/errc.hpp>
#include <ssh/transport/kex_client.hpp>
#include <ssh/transport/kex_server.hpp>
#include <ssh/transport/kexinit.hpp>
#include <ssh/transport/negotiation.hpp>
#include <ssh/transport/packet_codec.hpp>
#include <ssh/transport/payload_sink.hpp>
#include <ssh/transport/version_exchange.hpp>

#include <boost/system/error_code.hpp>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ssh::transport {

using clock = std::chrono::steady_clock;

struct rekey_limits {
    // RFC 4253 §9 recommends re-exchanging after 1 GB or 1 hour; RFC 4344 §3.1 before
    // 2^32 packets (we use 2^31 like OpenSSH).
    std::uint64_t bytes = std::uint64_t{1} << 30;
    std::uint64_t packets = std::uint64_t{1} << 31;
    std::chrono::seconds interval{3600};
};

enum class role { client, server };

struct transport_config {
    role side = role::client;
    std::string software_version = "fleetsh_0.1";
    // What we offer: kex methods without the pseudo-algorithms, which the transport adds to
    // the first KEXINIT itself (ext-info-c, kex-strict-c-v00@openssh.com).
    algorithm_lists offer;
    rekey_limits rekey;
    // Server: the host keys. The host key algorithms offered are those of offer.host_key that
    // one of these keys can sign with, in offer.host_key's order.
    std::vector<std::shared_ptr<const crypto::private_key>> host_keys;
    // Server: the user key algorithms announced in EXT_INFO server-sig-algs (RFC 8308
    // §3.1), sent when the client asks with ext-info-c. Without it OpenSSH clients never
    // use RSA user keys.
    name_list server_signature_algorithms;
};

// What the peer told us, kept apart from our own text (it is untrusted and shown to people
// only sanitised and truncated).
struct transport_diagnostics {
    std::string negotiation;             // why negotiation failed, naming both lists
    std::uint32_t disconnect_reason = 0; // the peer's DISCONNECT reason code, if any
    std::string disconnect_text;         // the peer's DISCONNECT description, sanitised
};

// A host key that signed the exchange and now needs the application's verdict.
struct host_key_offer {
    std::string algorithm;   // the negotiated signature algorithm, e.g. "rsa-sha2-512"
    std::string key_type;    // the key blob's type, e.g. "ssh-rsa"
    crypto::bytes blob;      // K_S
    std::string fingerprint; // "SHA256:..."
};

class transport final : public payload_sink {
public:
    transport(transport_config config, crypto::random_source& random);
    ~transport();

    // Consumes received bytes; returns how many. Stops early while a host key verdict is
    // pending, and after an error.
    std::size_t feed(wire::bytes_view data, boost::system::error_code& ec);

    // The next payload for the upper layers (SERVICE_ACCEPT and messages 50 and up), a view
    // valid until the next call to feed() or next_payload().
    std::optional<wire::bytes_view> next_payload(boost::system::error_code& ec);

    // Queues a payload of an upper layer. While a key exchange is running it is held back
    // and sent, in order, right after our NEWKEYS (RFC 4253 §7.1).
    void send(wire::bytes_view payload) override;
    // Replies SSH_MSG_UNIMPLEMENTED for a message the upper layers do not know.
    void send_unimplemented(std::uint32_t sequence);
    // Sends DISCONNECT (RFC 4253 §11.1); nothing is sent after it.
    void disconnect(std::uint32_t reason, std::string_view description);

    std::span<const std::uint8_t> pending_output() const noexcept;
    void consume_output(std::size_t n) noexcept;
    // Hands all pending output over in `buffer` (cleared first) and keeps `buffer`'s old
    // storage for what comes next: an I/O layer can write one buffer while the transport
    // fills the other, with no copy and no reallocation once both are warm.
    void take_output(std::vector<std::uint8_t>& buffer);

    // Non-null while the exchange waits for the application to accept or reject the host
    // key. Until then nothing (no NEWKEYS, no password, no signature) is sent.
    const host_key_offer* host_key_to_check() const noexcept;
    void accept_host_key();
    void reject_host_key();

    // True once the first key exchange finished in both directions.
    bool secure() const noexcept { return session_id_.size() > 0 && !in_kex(); }
    bool in_kex() const noexcept { return kex_sent_ || kex_received_; }
    const crypto::bytes& session_id() const noexcept { return session_id_; }
    const std::optional<negotiated_algorithms>& algorithms() const noexcept { return chosen_; }
    bool strict_kex() const noexcept { return strict_; }
    const std::string& peer_identification() const noexcept;
    // server-sig-algs from the peer's EXT_INFO (RFC 8308 §3.1); empty if none was sent.
    const name_list& server_signature_algorithms() const noexcept { return server_sig_algs_; }
    std::uint32_t last_received_sequence() const noexcept { return reader_.last_sequence(); }
    const transport_diagnostics& diagnostics() const noexcept { return diag_; }
    // No more packets will be accepted or produced (after an error or a DISCONNECT).
    bool finished() const noexcept { return dead_; }

    // Re-exchange keys on our own initiative (e.g. the byte limits were reached). OpenSSH
    // never starts one before authentication completes; the session calls
    // allow_rekey() then.
    void allow_rekey() noexcept { rekey_allowed_ = true; }
    void start_rekey();

    std::optional<clock::time_point> next_deadline() const noexcept;
    void on_timer(clock::time_point now);

private:
    void write_packet(wire::bytes_view payload);
    void send_kexinit();
    void handle_transport_message(wire::bytes_view payload, boost::system::error_code& ec);
    void on_kexinit(wire::bytes_view payload, boost::system::error_code& ec);
    void on_kex_message(wire::bytes_view payload, boost::system::error_code& ec);
    void on_newkeys(boost::system::error_code& ec);
    void on_ext_info(wire::bytes_view payload, boost::system::error_code& ec);
    void on_disconnect(wire::bytes_view payload, boost::system::error_code& ec);
    void send_newkeys();
    void install_keys(bool outgoing);
    void finish_kex_if_complete();
    void check_rekey_limits();
    void fail(boost::system::error_code& ec, errc e, std::uint32_t disconnect_reason);

    transport_config config_;
    crypto::random_source& random_;
    std::string our_identification_;
    identification_reader ident_;
    packet_writer writer_;
    packet_reader reader_;
    std::vector<std::uint8_t> out_;
    std::size_t out_consumed_ = 0;
    std::deque<std::vector<std::uint8_t>> held_; // upper-layer payloads held during kex

    crypto::bytes our_kexinit_;
    algorithm_lists our_lists_; // as sent in our_kexinit_
    std::optional<negotiated_algorithms> chosen_;
    bool is_client() const noexcept { return config_.side == role::client; }
    void start_kex(wire::bytes_view peer_kexinit, boost::system::error_code& ec);
    void send_ext_info();

    std::unique_ptr<kex_client> kex_;        // client role
    std::unique_ptr<kex_server> kex_server_; // server role
    bool peer_wants_ext_info_ = false;       // server: the client sent ext-info-c
    std::optional<kex_result> kex_done_;
    std::optional<host_key_offer> host_key_offer_;
    crypto::bytes session_id_;
    crypto::bytes accepted_host_key_;
    name_list server_sig_algs_;
    transport_diagnostics diag_;

    bool kex_sent_ = false;     // our KEXINIT sent, our NEWKEYS not yet
    bool kex_received_ = false; // peer KEXINIT received, its NEWKEYS not yet
    bool newkeys_sent_ = false; // in the current exchange
    bool first_kex_ = true;
    bool strict_ = false;
    bool ignore_next_kex_packet_ = false; // the peer guessed wrong (RFC 4253 §7.1)
    bool rekey_allowed_ = false;
    bool dead_ = false;
    bool disconnect_sent_ = false;
    std::optional<clock::time_point> last_kex_time_;
    std::optional<clock::time_point> now_;
};

} // namespace ssh::transport
