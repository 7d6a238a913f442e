#include <ssh/connection/errc.hpp>
#include <ssh/connection/terminal.hpp>
#include <ssh/wire/writer.hpp>

namespace ssh::connection {

std::vector<std::uint8_t> encode_tty_modes(std::span<const tty_mode> modes,
                                           boost::system::error_code& ec) {
    std::vector<std::uint8_t> buffer;
    buffer.reserve(modes.size() * 5 + 1);
    wire::writer w{std::move(buffer)};
    for (const auto& m : modes) {
        // RFC 4254 §8: 1-159 take a uint32; 160-255 are undefined and would stop a parser.
        if (m.opcode == tty_op::end || m.opcode > tty_op::last_defined) {
            ec = errc::invalid_argument;
            return {};
        }
        w.byte(m.opcode);
        w.uint32(m.value);
    }
    w.byte(tty_op::end);
    return w.take();
}

} // namespace ssh::connection
