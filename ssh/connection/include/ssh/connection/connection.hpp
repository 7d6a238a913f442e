#pragma once
// The SSH connection protocol (RFC 4254) as a sans-io state machine: channels with their
// windows, max packets, requests, EOF and CLOSE, and global requests. Role-neutral: the
// config's role only changes what we accept from the peer.
//
// Flow (the session drives it, on one thread):
//     connection c{transport, config};
//     auto id = c.open_session(ec);                // CHANNEL_OPEN "session"
//     on each payload 80-127 from the transport:
//         c.handle(payload, ec);                   // may send replies through the sink
//         while (auto e = c.next_event())          // drain before the next handle()
//             dispatch(*e);                        // open_confirmed → c.exec(id, "uptime", ec)
//     channel_data → the application takes it → c.consumed(id, n, ec) returns window
//     n = c.send_data(id, bytes, data_stream::out, ec); if n < size wait for window_available
//
// Errors from handle() other than unimplemented_message are protocol violations: the session
// disconnects. A message is checked completely before it changes anything. Local operations
// report refusals through ec and send nothing then.

#include <ssh/connection/channel_table.hpp>
#include <ssh/connection/config.hpp>
#include <ssh/connection/errc.hpp>
#include <ssh/connection/events.hpp>
#include <ssh/connection/terminal.hpp>
#include <ssh/transport/payload_sink.hpp>
#include <ssh/wire/reader.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace ssh::connection {

class connection {
public:
    // Throws std::invalid_argument if max_packet is 0 or above 255 KiB (it must fit in one
    // packet, RFC 4253 §6.1), max_channels is 0, or initial_window is below max_packet.
    connection(transport::payload_sink& out, connection_config config = {});

    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    // --- Input ---

    // One payload of the connection protocol (message numbers 80-127), as the transport
    // delivered it. Views in the events it queues stay valid until the next handle().
    void handle(wire::bytes_view payload, boost::system::error_code& ec);
    std::optional<connection_event> next_event();

    // --- Channels (RFC 4254 §5, §6) ---

    // Sends CHANNEL_OPEN "session" with our window and max packet. The answer comes as
    // open_confirmed or open_failed.
    channel_id open_session(boost::system::error_code& ec);

    // Requests with want_reply TRUE; each answer comes as a request_result, in order.
    void pty(channel_id id, const pty_request& request, boost::system::error_code& ec);
    void shell(channel_id id, boost::system::error_code& ec);
    void exec(channel_id id, std::string_view command, boost::system::error_code& ec);
    void subsystem(channel_id id, std::string_view name, boost::system::error_code& ec);
    // Requests with want_reply FALSE, as OpenSSH sends them.
    void env(channel_id id, std::string_view name, std::string_view value,
             boost::system::error_code& ec);
    void window_change(channel_id id, const terminal_size& size, boost::system::error_code& ec);
    void signal(channel_id id, std::string_view name, boost::system::error_code& ec); // "TERM"
    // Any other request: `type_specific` follows the name and want_reply as is.
    void request(channel_id id, std::string_view name, bool want_reply,
                 wire::bytes_view type_specific, boost::system::error_code& ec);

    // Sends what the peer's window and max packet allow now, in as many messages as needed,
    // and returns how much. When that is less than data.size(), a window_available event
    // follows once the peer opens the window.
    std::size_t send_data(channel_id id, wire::bytes_view data, data_stream stream,
                          boost::system::error_code& ec);
    // EOF (RFC 4254 §5.3): we send no more data; idempotent.
    void send_eof(channel_id id, boost::system::error_code& ec);
    // CLOSE (RFC 4254 §5.3). The channel ends with channel_closed once the peer's CLOSE
    // arrives (or open_failed if it was still opening). Idempotent.
    void close(channel_id id, boost::system::error_code& ec);
    // The application has taken n bytes of received data: returns window to the peer per
    // OpenSSH's rule. No-op on a channel that is closing or gone.
    void consumed(channel_id id, std::size_t n, boost::system::error_code& ec);

    // --- Server role: answers to open_request and channel_request ---

    void accept_open(channel_id id, boost::system::error_code& ec);
    void reject_open(channel_id id, std::uint32_t reason, std::string_view description,
                     boost::system::error_code& ec);
    // Answers the oldest channel_request with want_reply not yet answered on this channel.
    void reply_request(channel_id id, bool success, boost::system::error_code& ec);

    // --- Global requests (RFC 4254 §4) ---

    // If want_reply, the answer comes as a global_reply, in order.
    void send_global_request(std::string_view name, bool want_reply, wire::bytes_view extra,
                             boost::system::error_code& ec);

    // --- State ---

    std::size_t channel_count() const noexcept { return channels_.size(); }
    // What we may still send on the channel; 0 if it is not open.
    std::uint32_t remote_window(channel_id id) const noexcept;
    // What the peer may still send on the channel before we return window; 0 if not open.
    std::uint32_t local_window(channel_id id) const noexcept;
    std::size_t pending_global_replies() const noexcept { return global_pending_; }

private:
    template <typename Fields>
    void send_request(channel_id id, std::string_view name, bool want_reply, request_kind kind,
                      Fields&& fields, boost::system::error_code& ec);
    detail::channel* usable(channel_id id, boost::system::error_code& ec) noexcept;
    void send(const wire::writer& w, boost::system::error_code& ec);
    void send_close(detail::channel& ch);
    void send_open_failure(std::uint32_t recipient, std::uint32_t reason,
                           std::string_view description);
    void send_replies(detail::channel& ch);
    void return_window(detail::channel& ch);
    void push(connection_event e);

    // Input, one per message (channel_input.cpp, request_input.cpp).
    void on_global_request(wire::reader& r, boost::system::error_code& ec);
    void on_global_reply(bool success, wire::reader& r, boost::system::error_code& ec);
    void on_channel_open(wire::reader& r, boost::system::error_code& ec);
    void on_open_confirmation(wire::reader& r, boost::system::error_code& ec);
    void on_open_failure(wire::reader& r, boost::system::error_code& ec);
    void on_window_adjust(wire::reader& r, boost::system::error_code& ec);
    void on_data(wire::reader& r, bool extended, boost::system::error_code& ec);
    void on_eof(wire::reader& r, boost::system::error_code& ec);
    void on_close(wire::reader& r, boost::system::error_code& ec);
    void on_channel_request(wire::reader& r, boost::system::error_code& ec);
    void on_channel_reply(bool success, wire::reader& r, boost::system::error_code& ec);
    detail::channel* recipient(channel_id id, boost::system::error_code& ec) noexcept;
    void client_request(channel_id id, detail::channel& ch, std::string_view name, bool want_reply,
                        wire::reader& r, boost::system::error_code& ec);
    void server_request(channel_id id, detail::channel& ch, std::string_view name, bool want_reply,
                        wire::reader& r, boost::system::error_code& ec);

    transport::payload_sink& out_;
    connection_config config_;
    detail::channel_table channels_;
    std::vector<connection_event> events_;
    std::size_t next_event_ = 0;
    std::size_t global_pending_ = 0; // our global requests awaiting replies
    bool no_more_sessions_ = false;  // server role: the client sent no-more-sessions@openssh.com
};

} // namespace ssh::connection
