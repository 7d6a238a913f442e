#include <ssh/asio/tcp_connect.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <string>

namespace ssh::asio {
namespace net = boost::asio;
using boost::system::error_code;
using net::ip::tcp;

namespace {

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

net::awaitable<error_code> resolve_and_connect(tcp::socket& socket, std::string host,
                                               std::uint16_t port) {
    tcp::resolver resolver(socket.get_executor());
    auto [resolve_ec, endpoints] =
        co_await resolver.async_resolve(host, std::to_string(port), use_tuple);
    if (resolve_ec)
        co_return resolve_ec;
    error_code last = net::error::host_not_found;
    for (const auto& entry : endpoints) {
        error_code ignored;
        socket.close(ignored);
        auto [connect_ec] = co_await socket.async_connect(entry.endpoint(), use_tuple);
        last = connect_ec;
        if (!connect_ec) {
            socket.set_option(tcp::no_delay(true), last);
            co_return last;
        }
    }
    co_return last;
}

} // namespace

net::awaitable<error_code> connect_tcp(tcp::socket& socket, std::string_view host,
                                       std::uint16_t port, std::chrono::milliseconds timeout) {
    using namespace net::experimental::awaitable_operators;
    net::steady_timer deadline(socket.get_executor());
    deadline.expires_after(timeout);
    // Whichever finishes first cancels the other.
    auto outcome = co_await (resolve_and_connect(socket, std::string(host), port) ||
                             deadline.async_wait(use_tuple));
    if (outcome.index() == 1) {
        error_code ignored;
        socket.close(ignored);
        co_return net::error::timed_out;
    }
    co_return std::get<0>(outcome);
}

} // namespace ssh::asio
