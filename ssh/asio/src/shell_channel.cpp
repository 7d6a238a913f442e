#include "client_impl.hpp"

#include <utility>

#include <boost/asio/this_coro.hpp>

namespace ssh::asio {
using detail::channel_state;
using detail::clock;
namespace net = boost::asio;

struct shell_channel::state {
    std::shared_ptr<channel_state> channel;
};

shell_channel::shell_channel(std::shared_ptr<client> owner, std::shared_ptr<state> st)
    : owner_(std::move(owner))
    , state_(std::move(st)) {}

shell_channel::~shell_channel() {
    close();
}

void shell_channel::close() {
    auto& core = *owner_->impl_;
    auto& ch = *state_->channel;
    if (ch.state != channel_state::phase::open || core.stopped)
        return;
    boost::system::error_code ignored;
    core.session.channels().close(ch.id, ignored);
    core.after_activity();
}

std::string_view shell_channel::buffered() const noexcept {
    return state_->channel->out;
}

error_info shell_channel::resize(std::uint32_t columns, std::uint32_t rows) {
    auto& core = *owner_->impl_;
    boost::system::error_code ec;
    connection::terminal_size size;
    size.cols = columns;
    size.rows = rows;
    core.session.channels().window_change(state_->channel->id, size, ec);
    core.after_activity();
    return ec ? core.describe(ec) : error_info{};
}

error_info shell_channel::signal(std::string_view name) {
    auto& core = *owner_->impl_;
    boost::system::error_code ec;
    core.session.channels().signal(state_->channel->id, name, ec);
    core.after_activity();
    return ec ? core.describe(ec) : error_info{};
}

net::awaitable<error_info> shell_channel::send(std::string_view text) {
    co_await net::this_coro::throw_if_cancelled(false);
    auto& core = *owner_->impl_;
    auto& ch = *state_->channel;
    const auto* data = reinterpret_cast<const std::uint8_t*>(text.data());
    std::size_t sent = 0;
    while (sent < text.size()) {
        boost::system::error_code ec;
        sent += core.session.channels().send_data(ch.id, {data + sent, text.size() - sent},
                                                  connection::data_stream::out, ec);
        core.after_activity();
        if (ec)
            co_return core.describe(ec);
        if (sent == text.size())
            break;
        // The peer's window is full: wait for it to open (no deadline of our own: the
        // caller's read_until deadline or cancellation bounds a stuck device).
        const std::size_t before = sent;
        auto err = co_await core.wait_for(ch, clock::time_point::max(), [&] {
            return core.session.channels().remote_window(ch.id) > 0 ||
                   ch.state != channel_state::phase::open || before != sent;
        });
        if (err)
            co_return err;
        if (ch.state != channel_state::phase::open)
            co_return error_info{errc::connection_lost, "shell channel closed"};
    }
    co_return error_info{};
}

net::awaitable<read_result> shell_channel::read_until(match_function match,
                                                      std::chrono::milliseconds timeout) {
    co_await net::this_coro::throw_if_cancelled(false);
    auto& core = *owner_->impl_;
    auto& ch = *state_->channel;
    const auto deadline = clock::now() + timeout;
    read_result result;
    std::optional<std::size_t> end;
    result.error = co_await core.wait_for(ch, deadline, [&] {
        end = match(ch.out);
        return end.has_value() || ch.state != channel_state::phase::open || ch.eof;
    });
    if (end) {
        result.text = ch.out.substr(0, *end);
        ch.out.erase(0, *end);
        result.error = {};
        co_return result;
    }
    if (!result.error)
        result.error = {errc::connection_lost, "shell ended before the expected output"};
    result.text = std::exchange(ch.out, {}); // what arrived: partial output is kept
    co_return result;
}

net::awaitable<read_result> shell_channel::read_until(std::string_view literal,
                                                      std::chrono::milliseconds timeout) {
    const std::string needle(literal);
    return read_until(
        [needle](std::string_view text) -> std::optional<std::size_t> {
            const auto pos = text.find(needle);
            if (pos == std::string_view::npos)
                return std::nullopt;
            return pos + needle.size();
        },
        timeout);
}

net::awaitable<client::shell_result> client::open_shell(shell_options options) {
    co_await net::this_coro::throw_if_cancelled(false);
    auto& core = *impl_;
    shell_result result;
    const auto deadline = clock::now() + options.timeout;
    // A shell's output is read as it comes; the cap bounds what a chatty device can pile up
    // between reads.
    constexpr std::size_t max_unread = std::size_t{64} << 20;
    auto ch = core.open_channel(max_unread, result.error);
    if (!ch)
        co_return result;
    auto& st = *ch;
    result.error = co_await core.wait_for(
        st, deadline, [&] { return st.state != channel_state::phase::opening; });
    if (!result.error && st.state == channel_state::phase::failed)
        result.error = {errc::channel_open_failed, "channel refused: " + st.failure};
    if (!result.error) {
        connection::pty_request pty;
        pty.term = options.term;
        pty.size.cols = options.columns;
        pty.size.rows = options.rows;
        boost::system::error_code ec;
        core.session.channels().pty(st.id, pty, ec);
        result.error = co_await core.await_reply(st, deadline, ec);
    }
    if (!result.error) {
        boost::system::error_code ec;
        core.session.channels().shell(st.id, ec);
        result.error = co_await core.await_reply(st, deadline, ec);
    }
    if (result.error) {
        boost::system::error_code ignored;
        core.session.channels().close(st.id, ignored);
        core.after_activity();
        co_return result;
    }
    auto shell_state = std::make_shared<shell_channel::state>(shell_channel::state{ch});
    result.shell.reset(new shell_channel(shared_from_this(), std::move(shell_state)));
    co_return result;
}

} // namespace ssh::asio
