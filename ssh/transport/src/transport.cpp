#include <ssh/crypto/key_derivation.hpp>
#include <ssh/crypto/key_exchange.hpp>
#include <ssh/crypto/public_key.hpp>
#include <ssh/transport/errc.hpp>
#include <ssh/transport/transport.hpp>
#include <ssh/wire/limits.hpp>
#include <ssh/wire/msg.hpp>
#include <ssh/wire/writer.hpp>

#include <algorithm>

namespace ssh::transport {
namespace {

using wire::msg;
using wire::number;

// DISCONNECT reason codes (RFC 4250 §4.2.2).
constexpr std::uint32_t reason_protocol_error = 2;
constexpr std::uint32_t reason_key_exchange_failed = 3;
constexpr std::uint32_t reason_mac_error = 5;
constexpr std::uint32_t reason_host_key_not_verifiable = 9;

// Peer text is shown to people: printable ASCII only, and not too much of it.
std::string sanitise(std::string_view text) {
    constexpr std::size_t max_shown = 400;
    std::string out;
    for (char c : text.substr(0, max_shown))
        out.push_back(c >= 0x20 && c <= 0x7e ? c : '?');
    if (text.size() > max_shown)
        out += "...";
    return out;
}

bool is_kex_method_message(std::uint8_t type) noexcept {
    return type >= 30 && type <= 49;
}

// Messages the upper layers handle: SERVICE_REQUEST/ACCEPT and everything from 50 up.
bool is_upper_layer_message(std::uint8_t type) noexcept {
    return type == number(msg::service_request) || type == number(msg::service_accept) ||
           type >= 50;
}

} // namespace

transport::transport(transport_config config, crypto::random_source& random)
    : config_(std::move(config))
    , random_(random)
    , our_identification_(make_identification(config_.software_version))
    , ident_(/*accept_pre_lines=*/config_.side == role::client) {
    if (!is_client()) {
        // Offer only the host key algorithms some configured key can sign with.
        name_list usable;
        for (const auto& alg : config_.offer.host_key)
            for (const auto& key : config_.host_keys)
                if (key && key->public_key().accepts(alg)) {
                    usable.push_back(alg);
                    break;
                }
        config_.offer.host_key = std::move(usable);
    }
    out_.insert(out_.end(), our_identification_.begin(), our_identification_.end());
    out_.push_back('\r');
    out_.push_back('\n');
    // Sending KEXINIT without waiting for the peer's identification saves a round trip;
    // RFC 4253 §7.1 lets both sides start at once.
    send_kexinit();
}

transport::~transport() = default;

const std::string& transport::peer_identification() const noexcept {
    return ident_.identification();
}

std::span<const std::uint8_t> transport::pending_output() const noexcept {
    return std::span(out_).subspan(out_consumed_);
}

void transport::consume_output(std::size_t n) noexcept {
    out_consumed_ = std::min(out_.size(), out_consumed_ + n);
    if (out_consumed_ == out_.size()) {
        out_.clear();
        out_consumed_ = 0;
    }
}

void transport::take_output(std::vector<std::uint8_t>& buffer) {
    buffer.clear();
    if (out_consumed_ > 0)
        out_.erase(out_.begin(), out_.begin() + static_cast<std::ptrdiff_t>(out_consumed_));
    out_consumed_ = 0;
    out_.swap(buffer);
}

void transport::write_packet(wire::bytes_view payload) {
    writer_.write(payload, random_, out_);
}

void transport::fail(boost::system::error_code& ec, errc e, std::uint32_t disconnect_reason) {
    ec = e;
    if (!dead_ && disconnect_reason != 0)
        disconnect(disconnect_reason, make_error_code(e).message());
    dead_ = true;
}

void transport::disconnect(std::uint32_t reason, std::string_view description) {
    if (disconnect_sent_)
        return;
    wire::writer w;
    w.byte(number(msg::disconnect));
    w.uint32(reason);
    w.string(description);
    w.string(std::string_view{}); // language tag
    write_packet(w.data());
    disconnect_sent_ = true;
    dead_ = true;
}

void transport::send(wire::bytes_view payload) {
    if (dead_)
        return;
    // From our KEXINIT to our NEWKEYS only key exchange messages may be sent (§7.1).
    if (kex_sent_) {
        held_.emplace_back(payload.begin(), payload.end());
        return;
    }
    write_packet(payload);
    check_rekey_limits();
}

void transport::send_unimplemented(std::uint32_t sequence) {
    if (dead_)
        return;
    wire::writer w;
    w.byte(number(msg::unimplemented));
    w.uint32(sequence);
    write_packet(w.data()); // messages 1-19 may be sent during a key exchange (§7.1)
}

void transport::send_kexinit() {
    algorithm_lists lists = config_.offer;
    if (first_kex_) {
        // Extension signals go in the first KEXINIT only (RFC 8308 §2.1; PROTOCOL §1.10).
        if (is_client())
            lists.kex.emplace_back(crypto::ext_info_c);
        lists.kex.emplace_back(is_client() ? crypto::kex_strict_c : crypto::kex_strict_s);
    }
    our_kexinit_ = encode_kexinit(lists, false, random_);
    our_lists_ = std::move(lists);
    kex_sent_ = true;
    newkeys_sent_ = false;
    write_packet(our_kexinit_);
}

void transport::start_rekey() {
    if (dead_ || in_kex() || first_kex_)
        return;
    send_kexinit();
}

std::size_t transport::feed(wire::bytes_view data, boost::system::error_code& ec) {
    if (dead_ || host_key_offer_)
        return 0;
    std::size_t used = 0;
    if (!ident_.done()) {
        used = ident_.feed(data, ec);
        if (ec) {
            dead_ = true;
            return used;
        }
    }
    if (ident_.done() && used < data.size())
        used += reader_.feed(data.subspan(used), ec);
    if (ec)
        fail(ec, static_cast<errc>(ec.value()), reason_protocol_error);
    return used;
}

std::optional<wire::bytes_view> transport::next_payload(boost::system::error_code& ec) {
    while (!dead_ && !host_key_offer_) {
        const auto payload = reader_.next(ec);
        if (ec) {
            const auto e = static_cast<errc>(ec.value());
            fail(ec, e, e == errc::mac_mismatch ? reason_mac_error : reason_protocol_error);
            return std::nullopt;
        }
        if (!payload)
            return std::nullopt;
        const std::uint8_t type = payload->front();
        if (is_upper_layer_message(type)) {
            // Nothing but key exchange may arrive before the first NEWKEYS, nor between the
            // peer's KEXINIT and its NEWKEYS (RFC 4253 §7.1).
            if (first_kex_ || kex_received_) {
                fail(ec, strict_ ? errc::strict_kex_violation : errc::unexpected_message,
                     reason_protocol_error);
                return std::nullopt;
            }
            check_rekey_limits();
            return payload;
        }
        handle_transport_message(*payload, ec);
        if (ec)
            return std::nullopt;
    }
    return std::nullopt;
}

void transport::handle_transport_message(wire::bytes_view payload, boost::system::error_code& ec) {
    const std::uint8_t type = payload.front();
    // Strict KEX: during the first exchange only its own messages are allowed, IGNORE and
    // DEBUG included (OpenSSH PROTOCOL §1.10).
    const bool strict_initial = strict_ && first_kex_;
    if (type == number(msg::kexinit))
        return on_kexinit(payload, ec);
    if (type == number(msg::newkeys))
        return on_newkeys(ec);
    if (is_kex_method_message(type))
        return on_kex_message(payload, ec);
    if (type == number(msg::disconnect))
        return on_disconnect(payload, ec);
    if (strict_initial)
        return fail(ec, errc::strict_kex_violation, reason_protocol_error);
    if (type == number(msg::ignore) || type == number(msg::debug) ||
        type == number(msg::unimplemented))
        return;
    // EXT_INFO is valid only encrypted, right after NEWKEYS or before USERAUTH_SUCCESS
    // (RFC 8308 §2.4): a plaintext one could be forged by anyone on the path.
    if (type == number(msg::ext_info))
        return first_kex_ ? fail(ec, errc::unexpected_message, reason_protocol_error)
                          : on_ext_info(payload, ec);
    send_unimplemented(reader_.last_sequence());
}

void transport::on_kexinit(wire::bytes_view payload, boost::system::error_code& ec) {
    if (kex_received_)
        return fail(ec, errc::unexpected_message, reason_protocol_error);
    const auto peer = parse_kexinit(payload, ec);
    if (ec)
        return fail(ec, errc::bad_message, reason_protocol_error);
    kex_received_ = true;
    if (first_kex_) {
        const auto& kex = peer.lists.kex;
        const auto listed = [&](std::string_view name) {
            return std::find(kex.begin(), kex.end(), name) != kex.end();
        };
        strict_ = listed(is_client() ? crypto::kex_strict_s : crypto::kex_strict_c);
        peer_wants_ext_info_ = !is_client() && listed(crypto::ext_info_c);
        // Strict KEX: the peer's KEXINIT must be the very first packet (PROTOCOL §1.10).
        if (strict_ && reader_.total_packets() != 1)
            return fail(ec, errc::strict_kex_violation, reason_protocol_error);
    }
    if (!kex_sent_)
        send_kexinit(); // the peer started a re-exchange

    negotiation_failure failure;
    chosen_ = is_client() ? negotiate(our_lists_, peer.lists, failure)
                          : negotiate(peer.lists, our_lists_, failure);
    if (!chosen_) {
        diag_.negotiation = failure.message();
        return fail(ec, errc::no_common_algorithm, reason_key_exchange_failed);
    }
    ignore_next_kex_packet_ =
        peer.first_kex_packet_follows && kex_guess_was_wrong(peer.lists, *chosen_);
    start_kex(payload, ec);
}

void transport::start_kex(wire::bytes_view peer_kexinit, boost::system::error_code& ec) {
    const std::string& peer_id = ident_.identification();
    crypto::bytes peer_init(peer_kexinit.begin(), peer_kexinit.end());
    if (is_client()) {
        kex_inputs inputs{our_identification_, peer_id, our_kexinit_, std::move(peer_init),
                          *chosen_};
        kex_ = std::make_unique<kex_client>(std::move(inputs), random_);
        const auto first = kex_->start(ec);
        if (ec)
            return fail(ec, errc::kex_failed, reason_key_exchange_failed);
        return write_packet(first);
    }
    kex_inputs inputs{peer_id, our_identification_, std::move(peer_init), our_kexinit_, *chosen_};
    const crypto::private_key* host_key = nullptr;
    for (const auto& key : config_.host_keys)
        if (key && key->public_key().accepts(chosen_->host_key)) {
            host_key = key.get();
            break;
        }
    if (host_key == nullptr) // negotiation only offers algorithms we have keys for
        return fail(ec, errc::kex_failed, reason_key_exchange_failed);
    kex_server_ = std::make_unique<kex_server>(std::move(inputs), *host_key, random_);
}

void transport::on_kex_message(wire::bytes_view payload, boost::system::error_code& ec) {
    if ((!kex_ && !kex_server_) || kex_done_)
        return fail(ec, errc::unexpected_message, reason_protocol_error);
    if (ignore_next_kex_packet_) {
        ignore_next_kex_packet_ = false;
        return;
    }
    crypto::bytes reply;
    const bool done =
        kex_ ? kex_->handle(payload, reply, ec) : kex_server_->handle(payload, reply, ec);
    if (ec) {
        const bool transport_error = ec.category() == transport_category();
        return fail(ec, transport_error ? static_cast<errc>(ec.value()) : errc::kex_failed,
                    reason_key_exchange_failed);
    }
    if (!reply.empty())
        write_packet(reply);
    if (!done)
        return;
    kex_done_ = kex_ ? kex_->result() : kex_server_->result();
    if (!is_client())
        return send_newkeys(); // our own key signed H: nothing to decide
    if (!session_id_.empty()) {
        // A re-exchange must present the key the application already accepted.
        if (kex_done_->host_key_blob != accepted_host_key_)
            return fail(ec, errc::host_key_rejected, reason_host_key_not_verifiable);
        return send_newkeys();
    }
    boost::system::error_code key_ec;
    const auto key = crypto::public_key::from_blob(kex_done_->host_key_blob, key_ec);
    if (!key) // kex_client already parsed it to check the signature
        return fail(ec, errc::kex_failed, reason_key_exchange_failed);
    host_key_offer_ = host_key_offer{kex_done_->host_key_algorithm, std::string(key->type_name()),
                                     kex_done_->host_key_blob, key->fingerprint_sha256()};
}

const host_key_offer* transport::host_key_to_check() const noexcept {
    return host_key_offer_ ? &*host_key_offer_ : nullptr;
}

void transport::accept_host_key() {
    if (!host_key_offer_)
        return;
    accepted_host_key_ = host_key_offer_->blob;
    host_key_offer_.reset();
    send_newkeys();
}

void transport::reject_host_key() {
    if (!host_key_offer_)
        return;
    host_key_offer_.reset();
    boost::system::error_code ignored;
    fail(ignored, errc::host_key_rejected, reason_host_key_not_verifiable);
}

void transport::send_newkeys() {
    if (session_id_.empty())
        session_id_ = kex_done_->exchange_hash; // the first H, for the whole connection (§7.2)
    const std::uint8_t newkeys[] = {number(msg::newkeys)};
    write_packet(newkeys);
    install_keys(/*outgoing=*/true);
    if (strict_)
        writer_.reset_sequence(); // PROTOCOL §1.10: after every NEWKEYS sent
    if (peer_wants_ext_info_ && first_kex_) {
        send_ext_info(); // RFC 8308 §2.4: the next packet after the server's first NEWKEYS
    }
    newkeys_sent_ = true;
    kex_sent_ = false;
    while (!held_.empty() && !dead_) {
        write_packet(held_.front());
        held_.pop_front();
    }
    finish_kex_if_complete();
}

void transport::send_ext_info() {
    wire::writer w;
    w.byte(number(msg::ext_info));
    w.uint32(1);
    w.string(std::string_view("server-sig-algs"));
    std::string list;
    for (const auto& name : config_.server_signature_algorithms)
        list += (list.empty() ? "" : ",") + name;
    w.string(list);
    write_packet(w.data());
}

void transport::on_newkeys(boost::system::error_code& ec) {
    // NEWKEYS before the exchange finished (and before our verdict) is a protocol error.
    if (!kex_done_ || !kex_received_)
        return fail(ec, errc::unexpected_message, reason_protocol_error);
    install_keys(/*outgoing=*/false);
    if (strict_)
        reader_.reset_sequence(); // after every NEWKEYS received
    kex_received_ = false;
    finish_kex_if_complete();
}

void transport::finish_kex_if_complete() {
    if (kex_sent_ || kex_received_ || !newkeys_sent_)
        return;
    first_kex_ = false;
    kex_.reset();
    kex_server_.reset();
    kex_done_.reset(); // wipes K (secure_bytes)
    last_kex_time_ = now_;
}

void transport::install_keys(bool outgoing) {
    const auto& k = *kex_done_;
    // Client to server uses A, C, E; server to client B, D, F (RFC 4253 §7.2).
    const bool c2s = is_client() == outgoing;
    const auto& cipher_name = c2s ? chosen_->cipher_c2s : chosen_->cipher_s2c;
    const auto& mac_name = c2s ? chosen_->mac_c2s : chosen_->mac_s2c;
    const auto* cipher = crypto::find_cipher(cipher_name);
    const auto* mac = mac_name.empty() ? nullptr : crypto::find_mac(mac_name);
    const auto derive = [&](char letter, std::size_t size) {
        return crypto::derive_key(k.hash, k.encoded_k, k.exchange_hash, letter, session_id_, size);
    };
    crypto::direction_keys keys;
    keys.iv = derive(c2s ? 'A' : 'B', cipher->iv_size);
    keys.key = derive(c2s ? 'C' : 'D', cipher->key_size);
    if (mac != nullptr)
        keys.mac_key = derive(c2s ? 'E' : 'F', mac->key_size);
    if (outgoing)
        writer_.set_sealer(crypto::make_sealer(*cipher, mac, keys));
    else
        reader_.set_opener(crypto::make_opener(*cipher, mac, keys));
}

void transport::on_ext_info(wire::bytes_view payload, boost::system::error_code& ec) {
    // RFC 8308 §2.3: uint32 count, then count × (string name, string value).
    constexpr std::uint32_t max_extensions = 64;
    wire::reader r{payload};
    r.byte();
    const auto count = r.uint32();
    if (count > max_extensions)
        return fail(ec, errc::bad_message, reason_protocol_error);
    for (std::uint32_t i = 0; i < count && !r.failed(); ++i) {
        const auto name = r.text(wire::limits::max_string_length);
        const auto value = r.text(wire::limits::max_name_list_length);
        if (name != "server-sig-algs" || r.failed())
            continue; // unknown extensions are ignored (RFC 8308 §2.5)
        server_sig_algs_.clear();
        for (std::size_t start = 0; start <= value.size();) {
            const auto comma = std::min(value.find(',', start), value.size());
            if (comma > start)
                server_sig_algs_.emplace_back(value.substr(start, comma - start));
            start = comma + 1;
        }
    }
    r.expect_end();
    if (r.failed())
        fail(ec, errc::bad_message, reason_protocol_error);
}

void transport::on_disconnect(wire::bytes_view payload, boost::system::error_code& ec) {
    wire::reader r{payload};
    r.byte();
    diag_.disconnect_reason = r.uint32();
    diag_.disconnect_text = sanitise(r.text(wire::limits::max_string_length));
    ec = errc::peer_disconnected;
    dead_ = true;
}

void transport::check_rekey_limits() {
    if (!rekey_allowed_ || in_kex() || first_kex_)
        return;
    const auto& limits = config_.rekey;
    const auto& out = writer_.since_rekey();
    const auto& in = reader_.since_rekey();
    if (out.bytes >= limits.bytes || in.bytes >= limits.bytes || out.packets >= limits.packets ||
        in.packets >= limits.packets)
        start_rekey();
}

std::optional<clock::time_point> transport::next_deadline() const noexcept {
    if (!rekey_allowed_ || !last_kex_time_ || in_kex())
        return std::nullopt;
    return *last_kex_time_ + config_.rekey.interval;
}

void transport::on_timer(clock::time_point now) {
    now_ = now;
    if (!last_kex_time_ && !first_kex_ && !in_kex())
        last_kex_time_ = now;
    if (const auto due = next_deadline(); due && now >= *due)
        start_rekey();
    check_rekey_limits();
}

} // namespace ssh::transport
