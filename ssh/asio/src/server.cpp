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
    c.connection.max_channels = o.max_sessions;
    c.login_grace = o.login_grace;
    return c;
}

} // namespace

startup_tracker::startup_tracker(max_startups limits)
    : limits_(limits)
    , random_(std::random_device{}()) {}

bool startup_tracker::admit() {
    if (count_ >= limits_.full)
        return false;
    if (count_ >= limits_.start) {
        // sshd's random early drop: rate% at `start`, rising linearly to 100% at `full`.
        const std::size_t span = limits_.full - limits_.start; // > 0 here
        const std::size_t rate = std::min<unsigned>(limits_.rate, 100);
        const std::size_t percent = rate + (100 - rate) * (count_ - limits_.start) / span;
        if (random_() % 100 < percent)
            return false;
    }
    ++count_;
    return true;
}

void startup_tracker::release() noexcept {
    if (count_ > 0)
        --count_;
}

struct server_connection::impl : detail::io_loop<impl> {
    impl(net::any_io_executor ex, const server_options& options, server_handler h,
         std::shared_ptr<startup_tracker> t, server_connection& owner)
        : io_loop(ex)
        , session(session_config(options), crypto::system_random())
        , handler(std::move(h))
        , tracker(std::move(t))
        , owner(owner) {
        max_queued_output = options.max_queued_output;
    }
    ~impl() { leave_startups(); }

    session::server_session session;
    server_handler handler;
    std::shared_ptr<startup_tracker> tracker; // released once authenticated or gone
    server_connection& owner;

    session::server_session& io_session() noexcept { return session; }
    void handle(session::server_session_event& e) {
        if (auto* a = std::get_if<auth::server_auth_event>(&e);
            a && std::holds_alternative<auth::authenticated>(*a))
            leave_startups();
        handler(owner, e);
    }
    error_info describe(boost::system::error_code ec) const { return {ec, ec.message()}; }
    void on_fail() { leave_startups(); }
    std::optional<std::chrono::seconds> idle_tick() const { return std::nullopt; }

    void leave_startups() noexcept {
        if (tracker)
            tracker->release();
        tracker.reset();
    }
};

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
net::any_io_executor server_connection::get_executor() const noexcept {
    return impl_->executor;
}

void server_connection::close(std::string_view reason) {
    if (impl_->stopped)
        return;
    impl_->session.disconnect(11, reason); // BY_APPLICATION (RFC 4250 §4.2.2)
    impl_->fail({session::errc::closed, "closed"});
}

void server_connection::abort() {
    if (impl_->stopped)
        return;
    // Without disconnect(): the writer flushes what is queued, then closes the socket.
    impl_->fail({session::errc::closed, "aborted"});
}

std::shared_ptr<server_connection>
start_server_connection(net::ip::tcp::socket socket, const server_options& options,
                        server_handler handler, std::shared_ptr<startup_tracker> tracker) {
    boost::system::error_code ignored;
    socket.set_option(net::ip::tcp::no_delay(true), ignored);
    const auto ex = socket.get_executor();
    std::shared_ptr<server_connection> conn(new server_connection());
    conn->impl_ = std::make_unique<server_connection::impl>(ex, options, std::move(handler),
                                                            std::move(tracker), *conn);
    auto& core = *conn->impl_;
    core.socket = std::move(socket);
    core.after_activity(); // our identification and KEXINIT go out at once
    net::co_spawn(ex, core.reader(conn), net::detached);
    net::co_spawn(ex, core.writer(conn), net::detached);
    net::co_spawn(ex, core.ticker(conn), net::detached);
    return conn;
}

net::awaitable<void> serve(net::ip::tcp::acceptor& acceptor, server_options options,
                           server_handler handler) {
    co_await net::this_coro::throw_if_cancelled(false);
    const auto ex = co_await net::this_coro::executor;
    auto tracker = std::make_shared<startup_tracker>(options.startups);
    for (;;) {
        net::ip::tcp::socket socket(ex);
        auto [ec] = co_await acceptor.async_accept(socket, net::as_tuple(net::use_awaitable));
        if (ec == net::error::operation_aborted || !acceptor.is_open())
            co_return;
        if (ec)
            continue; // e.g. EMFILE: the next accept may succeed
        if (!tracker->admit())
            continue; // the socket closes here, as sshd drops beyond MaxStartups
        start_server_connection(std::move(socket), options, handler, tracker);
    }
}

} // namespace ssh::asio
