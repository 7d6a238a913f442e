#pragma once
// Building the payloads we send.

#include <ssh/wire/msg.hpp>
#include <ssh/wire/writer.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ssh::connection::detail {

// SSH_EXTENDED_DATA_STDERR (RFC 4254 §5.2).
inline constexpr std::uint32_t extended_data_stderr = 1;

// A writer holding the message number, with room for size_hint bytes.
inline wire::writer start_message(wire::msg m, std::size_t size_hint = 32) {
    std::vector<std::uint8_t> buffer;
    buffer.reserve(size_hint);
    wire::writer w{std::move(buffer)};
    w.byte(wire::number(m));
    return w;
}

} // namespace ssh::connection::detail
