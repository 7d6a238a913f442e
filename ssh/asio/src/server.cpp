#include "io_loop.hpp"

#include <ssh/asio/server.hpp>
#include <ssh/auth/errc.hpp>
#include <ssh/session/errc.hpp>
#include <ssh/transport/errc.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

namespace ssh::asio {
namespace net = boost::asio;

namespace {

session::server_session_config session_config(const server_options& o) {
    session::server_session_config c;
    c.transport.side = transport::role::server;
    c.transport.offer = o.algorithms;
    c.transport.host_keys = o.host_keys;
    c.transport.server_signature_algorithms = o.auth.signature_algorithms;
    c.auth = o.auth;
    c.connection.side = connection::role::server;
    c.login_grace = o.login_grace;
    return c;
}

} // namespace

struct server_connection::impl : detail::io_loop<impl> {
    impl(net::any_io_executor ex, const server_options& options, server_handler h,
         server_connection& owner)
        : io_loop(ex)
        , session(session_config(options), crypto::system_random())
        , handler(std::move(h))
        , owner(owner) {}

    session::server_session session;
    server_handler handler;
    server_connection& owner;

    session::server_session& io_session() noexcept { return session; }
    void handle(session::server_session_event& e) { handler(owner, e); }
    error_info describe(boost::system::error_code ec) const { return {ec, ec.message()}; }
    void on_fail() {}
    std::optional<std::chrono::seconds> idle_tick() const { return std::nullopt; }
};

server_connection::server_connection(std::unique_ptr<impl> p)
    : impl_(std::move(p)) {}
server_connection::~server_connection() = default;

session::server_session& server_connection::session() noexcept {
    return impl_->session;
}
void server_connection::flush() {
    impl_->after_activity();
}
bool server_connection::is_open() const noexcept {
    return !impl_->stopped;
}
const error_info& server_connection::last_error() const noexcept {
    return impl_->error;
}

void server_connection::close(std::string_view reason) {
    if (impl_->stopped)
        return;
    impl_->session.disconnect(11, reason); // BY_APPLICATION (RFC 4250 §4.2.2)
    impl_->fail({session::errc::closed, "closed"});
}

net::awaitable<void> serve(net::ip::tcp::acceptor& acceptor, server_options options,
                           server_handler handler) {
    co_await net::this_coro::throw_if_cancelled(false);
    const auto ex = co_await net::this_coro::executor;
    for (;;) {
        net::ip::tcp::socket socket(ex);
        auto [ec] = co_await acceptor.async_accept(socket, net::as_tuple(net::use_awaitable));
        if (ec == net::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (ec)
            continue; // e.g. EMFILE: the next accept may succeed
        boost::system::error_code ignored;
        socket.set_option(net::ip::tcp::no_delay(true), ignored);
        std::shared_ptr<server_connection> conn(new server_connection(nullptr));
        conn->impl_ = std::make_unique<server_connection::impl>(ex, options, handler, *conn);
        auto& core = *conn->impl_;
        core.socket = std::move(socket);
        core.after_activity(); // our identification and KEXINIT go out at once
        net::co_spawn(ex, core.reader(conn), net::detached);
        net::co_spawn(ex, core.writer(conn), net::detached);
        net::co_spawn(ex, core.ticker(conn), net::detached);
    }
}

} // namespace ssh::asio
