#pragma once
// The binary packet protocol (RFC 4253 §6) for one direction: framing, padding, sequence
// numbers and size limits. The cryptography itself is a crypto::packet_sealer/opener that
// the transport swaps at NEWKEYS.

#include <ssh/crypto/packet_cipher.hpp>
#include <ssh/crypto/random.hpp>
#include <ssh/wire/reader.hpp>

#include <boost/system/error_code.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace ssh::transport {

// Traffic since the keys were last changed: the rekey triggers (RFC 4253 §9, RFC 4344 §3).
struct traffic_counters {
    std::uint64_t bytes = 0;
    std::uint64_t packets = 0;
};

// Frames outgoing payloads.
class packet_writer {
public:
    packet_writer();

    // Appends one packet carrying `payload` (message number first) to `out`.
    void write(wire::bytes_view payload, crypto::random_source& random,
               std::vector<std::uint8_t>& out);

    // NEWKEYS sent: later packets use `sealer`.
    void set_sealer(std::unique_ptr<crypto::packet_sealer> sealer);
    // Strict KEX resets the sequence number at every NEWKEYS (OpenSSH PROTOCOL §1.10).
    void reset_sequence() noexcept { seq_ = 0; }

    std::uint32_t sequence() const noexcept { return seq_; }
    const traffic_counters& since_rekey() const noexcept { return counters_; }
    // Packets sent in total, never reset: strict KEX uses it to spot a wrap.
    std::uint64_t total_packets() const noexcept { return total_packets_; }

private:
    std::unique_ptr<crypto::packet_sealer> sealer_;
    std::uint32_t seq_ = 0;
    std::uint64_t total_packets_ = 0;
    traffic_counters counters_;
};

// Extracts incoming packets from a byte stream.
//
// Flow: feed() appends received bytes (it copies at most what one packet still needs, so
// memory stays bounded by the largest packet); next() returns each complete payload, a view
// valid until the next call to feed() or next().
class packet_reader {
public:
    packet_reader();

    // Consumes as many bytes of `data` as fit in the current packet; returns how many.
    // Call repeatedly (alternating with next()) until all input is consumed.
    std::size_t feed(wire::bytes_view data, boost::system::error_code& ec);

    // A complete payload, if one is ready. Once an error is reported the reader is dead.
    std::optional<wire::bytes_view> next(boost::system::error_code& ec);

    // NEWKEYS received: the next packet uses `opener`.
    void set_opener(std::unique_ptr<crypto::packet_opener> opener);
    void reset_sequence() noexcept { seq_ = 0; }

    // Sequence number of the packet next() last returned (for SSH_MSG_UNIMPLEMENTED).
    std::uint32_t last_sequence() const noexcept { return seq_ - 1; }
    const traffic_counters& since_rekey() const noexcept { return counters_; }
    std::uint64_t total_packets() const noexcept { return total_packets_; }

private:
    std::size_t wanted() const noexcept;

    std::unique_ptr<crypto::packet_opener> opener_;
    std::vector<std::uint8_t> buf_;
    std::size_t packet_length_ = 0; // known once the length prefix was read
    bool have_length_ = false;
    bool delivered_ = false; // buf_ holds a packet next() already returned
    std::uint32_t seq_ = 0;
    std::uint64_t total_packets_ = 0;
    traffic_counters counters_;
};

} // namespace ssh::transport
