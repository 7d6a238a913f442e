#include "client_impl.hpp"

#include <ssh/auth/errc.hpp>
#include <ssh/connection/errc.hpp>
#include <ssh/session/errc.hpp>
#include <ssh/transport/errc.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace ssh::asio::detail {
namespace {

session::client_session_config session_config(const client_options& o) {
    session::client_session_config c;
    c.transport.offer = o.algorithms;
    c.transport.rekey = o.rekey;
    c.auth.user = o.user;
    c.auth.keys = o.keys;
    if (o.password)
        c.auth.password = auth::secret(*o.password);
    c.auth.methods.clear();
    for (const auto& name : o.preferred_authentications)
        if (auto m = auth::parse_method(name))
            c.auth.methods.push_back(*m);
    c.keepalive_interval = o.keepalive_interval;
    c.keepalive_count_max = o.keepalive_count_max;
    return c;
}

} // namespace

client_core::client_core(net::any_io_executor ex, client_options opts)
    : io_loop(ex)
    , options(std::move(opts))
    , session(session_config(options), crypto::system_random())
    , state_wake(ex) {
    // The session keeps its own copy of the algorithm lists; a second one per connection is
    // about a kilobyte that thousands of idle connections would hold for nothing.
    options.algorithms = {};
}

std::optional<std::chrono::seconds> client_core::idle_tick() const {
    // Keepalives start from the ticker: poll at their interval until a deadline exists.
    if (options.keepalive_interval.count() > 0)
        return options.keepalive_interval;
    return std::nullopt;
}

error_info client_core::describe(boost::system::error_code ec) const {
    const auto& t = session.transport_layer();
    if (ec == transport::errc::no_common_algorithm)
        return {ec, t.diagnostics().negotiation};
    if (ec == transport::errc::peer_disconnected) {
        const auto& d = t.diagnostics();
        return {ec, "disconnected by the server (reason " + std::to_string(d.disconnect_reason) +
                        "): " + d.disconnect_text};
    }
    return {ec, ec.message()};
}

void client_core::on_fail() {
    state_wake.notify();
    for (auto& [id, ch] : channels)
        ch->wake.notify();
}

void client_core::handle(session::session_event& e) {
    if (auto* hk = std::get_if<session::host_key_check>(&e)) {
        auto verdict = options.verify_host_key
                           ? options.verify_host_key(options.host, options.port, hk->offer)
                           : host_key_verdict{false, {}, "no host key verifier configured"};
        if (verdict.accepted) {
            session.accept_host_key();
            host_key_accepted_at = clock::now();
            return;
        }
        session.reject_host_key(); // nothing more is sent but DISCONNECT
        fail({verdict.error ? verdict.error : make_error_code(errc::host_key_rejected),
              verdict.message});
        return;
    }
    if (auto* a = std::get_if<auth::auth_event>(&e))
        return handle_auth(*a);
    if (auto* c = std::get_if<connection::connection_event>(&e))
        return handle_connection(*c);
}

void client_core::handle_auth(auth::auth_event& e) {
    if (auto* b = std::get_if<auth::banner_event>(&e)) {
        if (options.on_banner)
            options.on_banner(b->message);
    } else if (auto* p = std::get_if<auth::prompts_event>(&e)) {
        if (p->answered)
            return;
        std::optional<std::vector<std::string>> answers;
        if (options.answer_prompts) {
            std::vector<prompt> prompts;
            for (const auto& q : p->prompts)
                prompts.push_back({q.text, q.echo});
            answers = options.answer_prompts(p->name, p->instruction, prompts);
        }
        if (!answers) {
            session.authentication().cancel();
            return;
        }
        std::vector<auth::secret> secrets;
        for (auto& a : *answers)
            secrets.emplace_back(a);
        boost::system::error_code ec;
        session.authentication().answer_prompts(std::move(secrets), ec);
        if (ec)
            fail(describe(ec));
    } else if (std::holds_alternative<auth::success_event>(e)) {
        authenticated = true;
        state_wake.notify();
    } else if (auto* f = std::get_if<auth::failure_event>(&e)) {
        fail({f->error, f->message});
    }
}

void client_core::handle_connection(connection::connection_event& e) {
    const auto find = [&](connection::channel_id id) -> channel_state* {
        const auto it = channels.find(id);
        return it == channels.end() ? nullptr : it->second.get();
    };
    std::visit(
        [&](auto& ev) {
            using T = std::decay_t<decltype(ev)>;
            if constexpr (requires { ev.id; }) {
                auto* ch = find(ev.id);
                if (ch == nullptr)
                    return;
                if constexpr (std::is_same_v<T, connection::open_confirmed>) {
                    ch->state = channel_state::phase::open;
                    ch->opened_at = clock::now();
                } else if constexpr (std::is_same_v<T, connection::open_failed>) {
                    ch->state = channel_state::phase::failed;
                    ch->failure = ev.description;
                    channels.erase(ev.id);
                } else if constexpr (std::is_same_v<T, connection::channel_data>) {
                    const std::string_view text(reinterpret_cast<const char*>(ev.bytes.data()),
                                                ev.bytes.size());
                    if (!ch->first_data_at)
                        ch->first_data_at = clock::now();
                    if (ch->on_output) {
                        ch->on_output(ev.stream, text);
                    } else if (ch->out.size() + ch->err.size() + text.size() > ch->max_output) {
                        ch->over_limit = true;
                        boost::system::error_code ignored;
                        session.channels().close(ev.id, ignored);
                    } else {
                        (ev.stream == connection::data_stream::out ? ch->out : ch->err)
                            .append(text);
                    }
                    boost::system::error_code ec;
                    session.channels().consumed(ev.id, ev.bytes.size(), ec);
                } else if constexpr (std::is_same_v<T, connection::channel_eof>) {
                    ch->eof = true;
                } else if constexpr (std::is_same_v<T, connection::channel_closed>) {
                    ch->state = channel_state::phase::closed;
                    auto keep = channels[ev.id]; // the waiter holds it too
                    channels.erase(ev.id);
                    keep->wake.notify();
                    return;
                } else if constexpr (std::is_same_v<T, connection::request_result>) {
                    ch->replies.push_back(ev.success);
                } else if constexpr (std::is_same_v<T, connection::exit_status>) {
                    ch->exit_status = ev.code;
                } else if constexpr (std::is_same_v<T, connection::exit_signal>) {
                    ch->exit_signal = ev.signal;
                }
                ch->wake.notify();
            }
        },
        e);
}

std::shared_ptr<channel_state> client_core::open_channel(std::size_t max_output, error_info& err) {
    if (stopped) {
        err = error ? error : error_info{errc::not_connected, "not connected"};
        return nullptr;
    }
    boost::system::error_code ec;
    const auto id = session.channels().open_session(ec);
    if (ec) {
        err = describe(ec);
        return nullptr;
    }
    auto ch = std::make_shared<channel_state>(executor);
    ch->id = id;
    ch->max_output = max_output;
    channels[id] = ch;
    after_activity();
    return ch;
}

net::awaitable<error_info> client_core::wait_for(channel_state& ch, clock::time_point deadline,
                                                 const std::function<bool()>& done) {
    while (!done()) {
        if (stopped)
            co_return error ? error : error_info{errc::connection_lost, "connection closed"};
        // (Not a switch on the co_await: GCC 12 miscompiles co_await in a switch condition.)
        const auto outcome = co_await ch.wake.wait_until(deadline);
        if (outcome == signal::outcome::deadline)
            co_return error_info{errc::command_timeout, "timed out"};
        if (outcome == signal::outcome::cancelled)
            co_return error_info{net::error::operation_aborted, "cancelled"};
    }
    co_return error_info{};
}

net::awaitable<error_info> client_core::await_reply(channel_state& ch, clock::time_point deadline,
                                                    boost::system::error_code ec) {
    after_activity();
    if (ec)
        co_return describe(ec);
    const auto before = ch.replies.size();
    auto err = co_await wait_for(ch, deadline, [&] {
        return ch.replies.size() > before || ch.state != channel_state::phase::open;
    });
    if (!err && ch.replies.size() == before)
        err = {errc::connection_lost, "the channel closed before the server answered"};
    if (!err && !ch.replies.back())
        err = {errc::request_refused, "the server refused the request"};
    co_return err;
}

} // namespace ssh::asio::detail
