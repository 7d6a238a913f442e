#pragma once
// Settings of the connection layer: our side's flow control and how many channels we keep.

#include <cstdint>

namespace ssh::connection {

// Which side of the connection we are. Only changes what we accept from the peer: the client
// refuses every channel the server opens and handles exit-status/exit-signal itself; the
// server lets the application accept "session" channels and answer their requests.
enum class role : std::uint8_t { client, server };

struct connection_config {
    role side = role::client;
    // The window we advertise for each channel and restore as the application consumes data
    // (RFC 4254 §5.2). OpenSSH uses 2 MiB (64 packets of 32 KiB) for session channels.
    std::uint32_t initial_window = 2 * 1024 * 1024;
    // The largest data message we accept, and the largest we send (RFC 4254 §5.1); at most
    // 255 KiB so that it fits in one packet.
    std::uint32_t max_packet = 32 * 1024;
    // Channels open at once, ours and the peer's (OpenSSH caps at 16K).
    std::uint32_t max_channels = 1024;
    // Data beyond the window is tolerated up to this share of the window, then fatal. Some
    // peers overshoot slightly; 0 is strict.
    std::uint32_t window_slack_percent = 10;
};

} // namespace ssh::connection
