#include <ssh/transport/errc.hpp>
#include <ssh/transport/packet_codec.hpp>
#include <ssh/wire/limits.hpp>

#include <algorithm>

namespace ssh::transport {
namespace {

void put_u32(std::uint8_t* p, std::uint32_t v) noexcept {
    p[0] = static_cast<std::uint8_t>(v >> 24);
    p[1] = static_cast<std::uint8_t>(v >> 16);
    p[2] = static_cast<std::uint8_t>(v >> 8);
    p[3] = static_cast<std::uint8_t>(v);
}

// RFC 4253 §6: at least 4 bytes of padding; the padded part a multiple of the block size.
std::size_t padding_for(std::size_t payload, std::size_t block, bool length_aligned) noexcept {
    const std::size_t unpadded = (length_aligned ? 4 : 0) + 1 + payload;
    std::size_t padding = block - unpadded % block;
    if (padding < 4)
        padding += block;
    return padding;
}

// Smallest packet_length: padding_length byte + one payload byte + 4 bytes of padding.
constexpr std::size_t min_packet_length = 1 + 1 + 4;

} // namespace

packet_writer::packet_writer()
    : sealer_(crypto::make_plain_sealer()) {}

void packet_writer::set_sealer(std::unique_ptr<crypto::packet_sealer> sealer) {
    sealer_ = std::move(sealer);
    counters_ = {};
}

void packet_writer::write(wire::bytes_view payload, crypto::random_source& random,
                          std::vector<std::uint8_t>& out) {
    const std::size_t padding =
        padding_for(payload.size(), sealer_->block_size(), sealer_->length_is_aligned());
    const std::size_t packet_length = 1 + payload.size() + padding;
    const std::size_t start = out.size();
    const std::size_t total = 4 + packet_length + sealer_->tag_size();
    out.resize(start + total);
    std::uint8_t* p = out.data() + start;
    put_u32(p, static_cast<std::uint32_t>(packet_length));
    p[4] = static_cast<std::uint8_t>(padding);
    std::copy(payload.begin(), payload.end(), p + 5);
    random.fill({p + 5 + payload.size(), padding});
    sealer_->seal(seq_, {p, 4 + packet_length}, {p + 4 + packet_length, sealer_->tag_size()});
    ++seq_; // wraps modulo 2^32 (RFC 4253 §6.4)
    ++total_packets_;
    ++counters_.packets;
    counters_.bytes += total;
}

packet_reader::packet_reader()
    : opener_(crypto::make_plain_opener()) {}

void packet_reader::set_opener(std::unique_ptr<crypto::packet_opener> opener) {
    opener_ = std::move(opener);
    counters_ = {};
}

std::size_t packet_reader::wanted() const noexcept {
    const std::size_t target =
        have_length_ ? 4 + packet_length_ + opener_->tag_size() : opener_->length_prefix_size();
    return target - buf_.size();
}

std::size_t packet_reader::feed(wire::bytes_view data, boost::system::error_code& ec) {
    if (delivered_) {
        buf_.clear();
        have_length_ = false;
        delivered_ = false;
    }
    std::size_t used = 0;
    while (used < data.size() && wanted() > 0) {
        const std::size_t n = std::min(wanted(), data.size() - used);
        buf_.insert(buf_.end(), data.begin() + static_cast<std::ptrdiff_t>(used),
                    data.begin() + static_cast<std::ptrdiff_t>(used + n));
        used += n;
        if (have_length_ || wanted() > 0)
            continue;
        // The length is checked before a single byte of the body is buffered.
        const std::uint32_t length = opener_->read_length(seq_, buf_);
        const std::size_t block = opener_->block_size();
        const std::size_t aligned = opener_->length_is_aligned() ? 4 + length : length;
        if (length > wire::limits::max_packet_length) {
            ec = errc::packet_too_large;
            return used;
        }
        if (length < min_packet_length || aligned % block != 0) {
            ec = errc::bad_packet_length;
            return used;
        }
        packet_length_ = length;
        have_length_ = true;
        buf_.reserve(4 + packet_length_ + opener_->tag_size());
    }
    return used;
}

std::optional<wire::bytes_view> packet_reader::next(boost::system::error_code& ec) {
    if (delivered_ || !have_length_ || wanted() > 0)
        return std::nullopt;
    const std::size_t tag = opener_->tag_size();
    const auto packet = std::span(buf_).first(4 + packet_length_);
    if (!opener_->open(seq_, packet, std::span(buf_).subspan(4 + packet_length_, tag))) {
        ec = errc::mac_mismatch;
        return std::nullopt;
    }
    const std::size_t padding = packet[4];
    if (padding < 4 || padding + 1 > packet_length_) {
        ec = errc::bad_padding;
        return std::nullopt;
    }
    if (padding + 1 == packet_length_) {
        ec = errc::empty_payload;
        return std::nullopt;
    }
    delivered_ = true;
    ++seq_;
    ++total_packets_;
    ++counters_.packets;
    counters_.bytes += buf_.size();
    return packet.subspan(5, packet_length_ - padding - 1);
}

} // namespace ssh::transport
