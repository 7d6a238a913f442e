#include <ssh/transport/errc.hpp>

#include <string>

namespace ssh::transport {
namespace {

const char* describe(errc e) noexcept {
    switch (e) {
    case errc::banner_too_long:
        return "identification line too long";
    case errc::too_many_banner_lines:
        return "too many lines before the SSH identification";
    case errc::banner_invalid:
        return "invalid characters in the SSH identification";
    case errc::not_ssh:
        return "peer is not an SSH implementation";
    case errc::protocol_version_mismatch:
        return "peer does not speak SSH protocol version 2";
    case errc::packet_too_large:
        return "packet too large";
    case errc::bad_packet_length:
        return "bad packet length";
    case errc::bad_padding:
        return "bad packet padding";
    case errc::empty_payload:
        return "packet without a message number";
    case errc::mac_mismatch:
        return "packet authentication (MAC) failed";
    case errc::bad_message:
        return "malformed message";
    case errc::unexpected_message:
        return "unexpected message";
    case errc::strict_kex_violation:
        return "strict key exchange violated";
    case errc::no_common_algorithm:
        return "no algorithm in common with the peer";
    case errc::kex_failed:
        return "key exchange failed";
    case errc::host_key_signature_invalid:
        return "host key signature does not verify";
    case errc::host_key_algorithm_mismatch:
        return "host key does not match the negotiated algorithm";
    case errc::host_key_rejected:
        return "host key rejected";
    case errc::peer_disconnected:
        return "disconnected by the peer";
    case errc::connection_closed:
        return "connection closed";
    case errc::service_refused:
        return "service request refused";
    }
    return "unknown transport error";
}

class category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "ssh.transport"; }
    std::string message(int ev) const override { return describe(static_cast<errc>(ev)); }
};

} // namespace

const boost::system::error_category& transport_category() noexcept {
    static const category instance;
    return instance;
}

boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), transport_category()};
}

} // namespace ssh::transport
