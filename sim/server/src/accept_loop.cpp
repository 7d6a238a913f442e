#include "device_runtime.hpp"
#include "sim_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <array>

namespace sim::server {
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// What a silent or dying server does: read and discard until the peer gives up, `limit`
// passes, or the fleet stops (stop() closes the socket). With `close_after_kexinit`, the
// socket closes once the client's identification line and the start of its next packet (its
// KEXINIT, RFC 4253 §7.1) have arrived.
net::awaitable<void> hold_socket(std::shared_ptr<tcp::socket> socket, std::chrono::seconds limit,
                                 bool close_after_kexinit) {
    co_await net::this_coro::throw_if_cancelled(false);
    const auto ex = co_await net::this_coro::executor;
    if (close_after_kexinit) {
        static constexpr std::string_view ident = "SSH-2.0-fleetsh_sim\r\n";
        co_await net::async_write(*socket, net::buffer(ident), net::as_tuple(net::use_awaitable));
    }
    net::steady_timer deadline(ex, limit);
    deadline.async_wait([socket](boost::system::error_code ec) {
        if (!ec) {
            boost::system::error_code ignored;
            socket->close(ignored);
        }
    });
    std::array<char, 4096> buffer;
    std::string seen; // up to the end of the identification line, then a count
    std::size_t after_ident = 0;
    for (std::size_t reads = 0; reads < 4096; ++reads) {
        auto [ec, n] = co_await socket->async_read_some(net::buffer(buffer),
                                                        net::as_tuple(net::use_awaitable));
        if (ec)
            break;
        if (!close_after_kexinit)
            continue;
        for (std::size_t i = 0; i < n; ++i) {
            if (seen.ends_with("\n"))
                ++after_ident;
            else if (seen.size() < 8192)
                seen += buffer[i];
        }
        // 5 bytes: a packet's length and padding length: the KEXINIT has begun to arrive.
        if (after_ident >= 5)
            break;
    }
    deadline.cancel();
    boost::system::error_code ignored;
    socket->shutdown(tcp::socket::shutdown_both, ignored);
    socket->close(ignored);
}

template <typename T>
void prune(std::vector<std::weak_ptr<T>>& list) {
    std::erase_if(list, [](const std::weak_ptr<T>& w) { return w.expired(); });
}

} // namespace

net::awaitable<void> accept_loop(std::shared_ptr<device_runtime> device) {
    co_await net::this_coro::throw_if_cancelled(false);
    const auto ex = co_await net::this_coro::executor;
    auto& counters = device->shared->counters;
    const auto& behaviour = device->info.behaviour;
    while (!device->stopped) {
        tcp::socket socket(ex);
        auto [ec] =
            co_await device->acceptor.async_accept(socket, net::as_tuple(net::use_awaitable));
        if (device->stopped || ec == net::error::operation_aborted)
            break;
        if (ec)
            continue; // e.g. EMFILE: the next accept may succeed
        ++counters.connections;
        prune(device->live);
        prune(device->held_sockets);
        const bool over_limit =
            behaviour.connection_limit && device->open_connections >= *behaviour.connection_limit;
        if (over_limit || !device->startups->admit()) {
            ++counters.refused;
            continue; // the socket closes here
        }
        if (behaviour.banner_stall || behaviour.kex_close) {
            device->startups->release();
            auto held = std::make_shared<tcp::socket>(std::move(socket));
            device->held_sockets.push_back(held);
            net::co_spawn(ex,
                          hold_socket(held,
                                      device->info.behaviour.banner_stall
                                          ? std::chrono::seconds(300)
                                          : std::chrono::seconds(30),
                                      behaviour.kex_close),
                          net::detached);
            continue;
        }
        auto state = std::make_shared<sim_connection>(device);
        auto conn = ssh::asio::start_server_connection(
            std::move(socket), device->connection_options(),
            [state](ssh::asio::server_connection& c, ssh::session::server_session_event& e) {
                state->on_event(c, e);
            },
            device->startups);
        device->live.push_back(conn);
    }
}

} // namespace sim::server
