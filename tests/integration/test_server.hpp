#pragma once
// Our server role as the server tests run it: a listener on 127.0.0.1 (a free port), served on
// a thread of its own, with a fresh ed25519 host key; the test's handler answers what the
// sessions report. And the parts of the tests' echo device that do not vary.

#include <ssh/asio/client_options.hpp>
#include <ssh/asio/server.hpp>
#include <ssh/crypto/private_key.hpp>
#include <ssh/wire/reader.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

namespace test_server {

class background_server {
public:
    // Serves for `lifetime` at most. socket_buffer > 0: accepted sockets get SO_SNDBUF and
    // SO_RCVBUF of that size (inherited from the listener), so that the kernel holds little.
    background_server(ssh::asio::server_options options, ssh::asio::server_handler handler,
                      std::chrono::seconds lifetime, int socket_buffer = 0) {
        boost::system::error_code ec;
        auto key = ssh::crypto::private_key::generate(ssh::crypto::key_type::ed25519,
                                                      ssh::crypto::system_random(), ec);
        BOOST_REQUIRE(key.has_value());
        host_key_ = std::make_shared<const ssh::crypto::private_key>(std::move(*key));
        options.host_keys = {host_key_};
        if (socket_buffer > 0) {
            acceptor_.set_option(boost::asio::socket_base::send_buffer_size(socket_buffer));
            acceptor_.set_option(boost::asio::socket_base::receive_buffer_size(socket_buffer));
        }
        boost::asio::co_spawn(io_, ssh::asio::serve(acceptor_, options, std::move(handler)),
                              boost::asio::detached);
        thread_ = std::thread([this, lifetime] { io_.run_for(lifetime); });
    }
    ~background_server() {
        boost::asio::post(io_, [this] {
            acceptor_.close();
            io_.stop();
        });
        thread_.join();
    }
    background_server(const background_server&) = delete;
    background_server& operator=(const background_server&) = delete;

    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    const ssh::crypto::private_key& host_key() const { return *host_key_; }

private:
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_{io_, {boost::asio::ip::make_address("127.0.0.1"), 0}};
    std::shared_ptr<const ssh::crypto::private_key> host_key_;
    std::thread thread_;
};

// A client-side check that accepts `server`'s host key and no other.
inline ssh::asio::host_key_verifier accept_only(const background_server& server) {
    const auto blob = server.host_key().public_key().blob();
    return [expected = std::vector<std::uint8_t>(blob.begin(), blob.end())](
               std::string_view, std::uint16_t, const ssh::transport::host_key_offer& offer) {
        const bool same = offer.blob == expected;
        return ssh::asio::host_key_verdict{same, {}, same ? "" : "unexpected host key"};
    };
}

// The echo device's answer to an exec request for `command` on channel `id`: success, then
// "you said: <command>\n" on stdout, EOF, the exit status and CLOSE.
inline void answer_exec(ssh::connection::connection& channels, ssh::connection::channel_id id,
                        std::string_view command, std::uint32_t exit_status) {
    boost::system::error_code ec; // the connection ending meanwhile is not the test's concern
    const std::string out = "you said: " + std::string(command) + "\n";
    channels.reply_request(id, true, ec);
    channels.send_data(id, {reinterpret_cast<const std::uint8_t*>(out.data()), out.size()},
                       ssh::connection::data_stream::out, ec);
    channels.send_eof(id, ec);
    ssh::wire::writer status;
    status.uint32(exit_status);
    channels.request(id, "exit-status", false, status.data(), ec);
    channels.close(id, ec);
}

struct echo_settings {
    std::size_t max_command = 0; // the limit the command is read with (wire::reader::text)
    std::uint32_t exit_status = 0;
    std::string_view also_accepted = {}; // a request other than "exec" that succeeds ("env")
};

// The echo device's side of the connection protocol: every channel open is accepted, "exec"
// gets answer_exec(), other requests fail. Returns whether `event` was an exec it answered.
inline bool serve_echo_channels(ssh::connection::connection& channels,
                                const ssh::connection::connection_event& event,
                                const echo_settings& settings) {
    boost::system::error_code ec;
    if (const auto* open = std::get_if<ssh::connection::open_request>(&event)) {
        channels.accept_open(open->id, ec);
        return false;
    }
    const auto* req = std::get_if<ssh::connection::channel_request>(&event);
    if (req == nullptr) {
        return false;
    }
    if (req->name != "exec") {
        if (req->want_reply) {
            const bool accepted =
                !settings.also_accepted.empty() && req->name == settings.also_accepted;
            channels.reply_request(req->id, accepted, ec);
        }
        return false;
    }
    ssh::wire::reader r{req->data};
    answer_exec(channels, req->id, r.text(settings.max_command), settings.exit_status);
    return true;
}

} // namespace test_server
