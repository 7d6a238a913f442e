// Private: one client connection to a simulated device. Answers authentication with the
// fleet's credentials, runs exec channels and shells on the device model, and applies the
// device's faults and quirks to what it sends.
#pragma once

#include "channel_sender.hpp"
#include "device_runtime.hpp"

#include <sim/cli_terminal.hpp>

#include <map>
#include <memory>
#include <optional>

namespace sim::server {

class sim_connection {
public:
    explicit sim_connection(std::shared_ptr<device_runtime> device);
    ~sim_connection();
    sim_connection(const sim_connection&) = delete;
    sim_connection& operator=(const sim_connection&) = delete;

    void on_event(ssh::asio::server_connection& conn, ssh::session::server_session_event& e);

private:
    struct channel {
        std::shared_ptr<channel_sender> sender;
        terminal_settings terminal{.pty = false, .columns = 80, .rows = 24};
        std::optional<cli_terminal> shell;
        bool started = false; // exec or shell began: a second one is refused
        bool exec = false;
        bool ended = false; // EOF, exit-status and CLOSE queued
        // Shell input received but not yet fed to the terminal; its window goes back to the
        // client only as it is fed (below).
        std::string input;
        std::size_t input_at = 0;
        bool input_ended = false; // the client sent EOF
        bool hung = false;        // hang fault: nothing more is answered
    };

    void on_auth(ssh::asio::server_connection& conn, ssh::auth::server_auth_event& e);
    void on_channel(ssh::asio::server_connection& conn, ssh::connection::connection_event& e);
    void on_request(ssh::asio::server_connection& conn, const ssh::connection::channel_request& r);
    void start_exec(channel& ch, std::string_view command);
    void start_shell(ssh::asio::server_connection& conn, ssh::connection::channel_id id,
                     channel& ch);
    void queue_answer(channel& ch, std::string bytes, std::uint64_t zeros);
    // Folds what the channel holds queued into the fleet's max_queued_output.
    void note_queued(const channel& ch);
    void feed_shell(ssh::asio::server_connection& conn, ssh::connection::channel_id id);
    void end_shell(channel& ch);
    bool credentials_ok(std::string_view user, std::string_view password) const;
    bool key_ok(std::string_view user, const ssh::crypto::public_key& key) const;

    std::shared_ptr<device_runtime> device_;
    std::map<ssh::connection::channel_id, channel> channels_;
};

} // namespace sim::server
