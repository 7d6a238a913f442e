#include "client_impl.hpp"

#include <ssh/asio/tcp_connect.hpp>
#include <ssh/session/errc.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>

namespace ssh::asio {
using detail::channel_state;
using detail::clock;
namespace net = boost::asio;

client::client(std::unique_ptr<impl> p)
    : impl_(std::move(p)) {}

client::~client() = default;

net::awaitable<client::connect_result> client::connect(net::any_io_executor executor,
                                                       client_options options) {
    co_await net::this_coro::throw_if_cancelled(false);
    const std::string where = options.host + ":" + std::to_string(options.port);
    auto c = std::shared_ptr<client>(new client(std::make_unique<impl>(executor, options)));
    auto& core = *c->impl_;

    const auto started = clock::now();
    const auto ec =
        co_await connect_tcp(core.socket, options.host, options.port, options.connect_timeout);
    const auto since = [](clock::time_point t) {
        return std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - t);
    };
    core.timings.tcp = since(started);
    if (ec)
        co_return connect_result{nullptr, {ec, "cannot connect to " + where + ": " + ec.message()}};

    net::co_spawn(executor, core.reader(c), net::detached);
    net::co_spawn(executor, core.writer(c), net::detached);
    net::co_spawn(executor, core.ticker(c), net::detached);

    // Key exchange (identification included) within kex_timeout of the TCP connection;
    // authentication within auth_timeout of the exchange.
    const auto kex_deadline = clock::now() + options.kex_timeout;
    std::optional<clock::time_point> auth_deadline;
    while (!core.authenticated) {
        if (core.stopped)
            break;
        const bool secure = core.session.transport_layer().secure();
        if (secure && !auth_deadline)
            auth_deadline = clock::now() + options.auth_timeout;
        const auto deadline = secure ? *auth_deadline : kex_deadline;
        const auto outcome = co_await core.state_wake.wait_until(deadline);
        if (outcome == detail::signal::outcome::deadline) {
            core.fail(
                secure
                    ? error_info{errc::auth_timeout, "timed out authenticating to " + where}
                    : error_info{errc::kex_timeout, "timed out during key exchange with " + where});
        } else if (outcome == detail::signal::outcome::cancelled) {
            core.fail({net::error::operation_aborted, "cancelled"});
        }
    }
    if (!core.authenticated) {
        auto err = core.error;
        c->close();
        co_return connect_result{nullptr, std::move(err)};
    }
    // The key exchange's time ends when the host key is accepted (NEWKEYS follows at once);
    // authentication's when the server says it succeeded.
    if (core.host_key_accepted_at)
        core.timings.kex = std::chrono::duration_cast<std::chrono::microseconds>(
                               *core.host_key_accepted_at - started) -
                           core.timings.tcp;
    core.timings.auth = since(started) - core.timings.tcp - core.timings.kex;
    co_return connect_result{std::move(c), {}};
}

net::awaitable<exec_result> client::exec(std::string command, exec_options options) {
    co_await net::this_coro::throw_if_cancelled(false);
    auto& core = *impl_;
    auto self = shared_from_this();
    exec_result result;
    const auto started = clock::now();
    const auto deadline = started + options.timeout;
    auto ch = core.open_channel(options.max_output, result.error);
    if (!ch)
        co_return result;
    ch->on_output = std::move(options.on_output);

    auto& st = *ch;
    result.error = co_await core.wait_for(
        st, deadline, [&] { return st.state != channel_state::phase::opening; });
    if (!result.error && st.state == channel_state::phase::failed)
        result.error = {errc::channel_open_failed, "channel refused: " + st.failure};
    if (!result.error) {
        boost::system::error_code ec;
        for (const auto& [name, value] : options.env)
            if (!ec)
                core.session.channels().env(st.id, name, value, ec);
        if (!ec)
            core.session.channels().exec(st.id, command, ec);
        result.error = co_await core.await_reply(st, deadline, ec);
    }
    if (!result.error)
        result.error = co_await core.wait_for(
            st, deadline, [&] { return st.state == channel_state::phase::closed; });
    if (!result.error && st.over_limit)
        result.error = {errc::output_limit,
                        "output exceeds " + std::to_string(options.max_output) + " bytes"};
    if (result.error && st.state == channel_state::phase::open) {
        boost::system::error_code ignored;
        core.session.channels().close(st.id, ignored);
        core.after_activity();
    }
    result.out = std::move(st.out);
    result.err = std::move(st.err);
    result.exit_status = st.exit_status;
    result.exit_signal = st.exit_signal;
    const auto after = [&](std::optional<clock::time_point> t) {
        return t ? std::chrono::duration_cast<std::chrono::microseconds>(*t - started)
                 : std::chrono::microseconds{0};
    };
    result.timings = {after(st.opened_at), after(st.first_data_at), after(clock::now())};
    co_return result;
}

void client::close(std::string_view reason) {
    auto& core = *impl_;
    if (core.stopped)
        return;
    core.session.disconnect(reason);
    core.fail({session::errc::closed, "closed"});
}

bool client::is_open() const noexcept {
    return !impl_->stopped;
}

const error_info& client::last_error() const noexcept {
    return impl_->error;
}

const std::optional<transport::negotiated_algorithms>& client::algorithms() const noexcept {
    return impl_->session.transport_layer().algorithms();
}

const std::string& client::server_identification() const noexcept {
    return impl_->session.transport_layer().peer_identification();
}

const connect_timings& client::timings() const noexcept {
    return impl_->timings;
}

} // namespace ssh::asio
