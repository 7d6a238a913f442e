#include "sim_connection.hpp"

#include <ssh/crypto/hash.hpp>
#include <ssh/wire/reader.hpp>

#include <algorithm>

namespace sim::server {
namespace {

using ssh::connection::channel_id;

constexpr std::size_t max_command_length = 64 * 1024;
constexpr std::uint32_t max_terminal_dimension = 10'000;

std::uint32_t clamp_dimension(std::uint32_t v, std::uint32_t fallback) {
    return v == 0 || v > max_terminal_dimension ? fallback : v;
}

std::string_view as_text(ssh::wire::bytes_view b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

bool same_text(std::string_view a, std::string_view b) {
    return ssh::crypto::constant_time_equal(
        {reinterpret_cast<const std::uint8_t*>(a.data()), a.size()},
        {reinterpret_cast<const std::uint8_t*>(b.data()), b.size()});
}

} // namespace

sim_connection::sim_connection(std::shared_ptr<device_runtime> device)
    : device_(std::move(device)) {
    ++device_->open_connections;
    ++device_->shared->counters.open_connections;
}

sim_connection::~sim_connection() {
    for (auto& [id, ch] : channels_)
        ch.sender->cancel();
    --device_->open_connections;
    --device_->shared->counters.open_connections;
}

void sim_connection::on_event(ssh::asio::server_connection& conn,
                              ssh::session::server_session_event& e) {
    if (auto* a = std::get_if<ssh::auth::server_auth_event>(&e))
        on_auth(conn, *a);
    else
        on_channel(conn, std::get<ssh::connection::connection_event>(e));
}

bool sim_connection::credentials_ok(std::string_view user, std::string_view password) const {
    const auto& shared = *device_->shared;
    // Both compared, always: the time taken does not tell which one was wrong.
    const bool user_ok = same_text(user, shared.username);
    const bool password_ok = same_text(password, shared.password.view());
    return user_ok && password_ok && !device_->info.behaviour.auth_reject;
}

bool sim_connection::key_ok(std::string_view user, const ssh::crypto::public_key& key) const {
    const auto& shared = *device_->shared;
    if (device_->info.behaviour.auth_reject || user != shared.username)
        return false;
    return std::find(shared.authorized_keys.begin(), shared.authorized_keys.end(), key) !=
           shared.authorized_keys.end();
}

void sim_connection::on_auth(ssh::asio::server_connection& conn, ssh::auth::server_auth_event& e) {
    auto& auth = conn.session().authentication();
    auto& counters = device_->shared->counters;
    boost::system::error_code ec;
    const auto answer = [&](bool ok) {
        if (!ok)
            ++counters.auth_failures;
        auth.accept(ok, ec);
    };
    if (auto* q = std::get_if<ssh::auth::publickey_query>(&e)) {
        auth.accept_key_query(key_ok(q->user, q->key), ec);
    } else if (auto* k = std::get_if<ssh::auth::publickey_attempt>(&e)) {
        answer(key_ok(k->user, k->key));
    } else if (auto* p = std::get_if<ssh::auth::password_attempt>(&e)) {
        answer(credentials_ok(p->user, p->password.view()));
    } else if (std::holds_alternative<ssh::auth::kbd_start>(e)) {
        auth.send_prompts("", "", {{"Password: ", false}}, ec);
    } else if (auto* a = std::get_if<ssh::auth::kbd_answers>(&e)) {
        answer(a->answers.size() == 1 && credentials_ok(a->user, a->answers[0].view()));
    } else if (std::holds_alternative<ssh::auth::authenticated>(e)) {
        ++counters.authenticated;
    }
}

void sim_connection::on_channel(ssh::asio::server_connection& conn,
                                ssh::connection::connection_event& e) {
    namespace c = ssh::connection;
    auto& channels = conn.session().channels();
    boost::system::error_code ec;
    if (auto* open = std::get_if<c::open_request>(&e)) {
        channels.accept_open(open->id, ec);
        channel ch;
        ch.sender = std::make_shared<channel_sender>(open->id, conn.get_executor());
        channels_.insert_or_assign(open->id, std::move(ch));
    } else if (auto* r = std::get_if<c::channel_request>(&e)) {
        on_request(conn, *r);
    } else if (auto* d = std::get_if<c::channel_data>(&e)) {
        auto it = channels_.find(d->id);
        if (it == channels_.end() || !it->second.shell) {
            channels.consumed(d->id, d->bytes.size(), ec); // stdin of an exec: read, dropped
            return;
        }
        it->second.input.append(as_text(d->bytes));
        feed_shell(conn, d->id);
    } else if (auto* eof = std::get_if<c::channel_eof>(&e)) {
        // The client's input ended (ssh -tt with a script): once the shell has taken what
        // came before, it ends as on "exit".
        if (auto it = channels_.find(eof->id); it != channels_.end() && it->second.shell) {
            it->second.input_ended = true;
            feed_shell(conn, eof->id);
        }
    } else if (auto* w = std::get_if<c::window_available>(&e)) {
        if (auto it = channels_.find(w->id); it != channels_.end()) {
            it->second.sender->pump(conn);
            if (it->second.shell)
                feed_shell(conn, w->id);
        }
    } else if (auto* closed = std::get_if<c::channel_closed>(&e)) {
        if (auto it = channels_.find(closed->id); it != channels_.end()) {
            const bool exec = it->second.exec;
            it->second.sender->cancel();
            channels_.erase(it);
            // Cisco IOS ends the connection once an exec channel is done (CLOSE both ways,
            // so the client has its whole result first).
            if (exec && device_->info.behaviour.single_exec)
                conn.close("single exec channel per connection");
        }
    }
}

void sim_connection::on_request(ssh::asio::server_connection& conn,
                                const ssh::connection::channel_request& r) {
    auto& channels = conn.session().channels();
    boost::system::error_code ec;
    auto it = channels_.find(r.id);
    const auto reply = [&](bool ok) {
        if (r.want_reply)
            channels.reply_request(r.id, ok, ec);
    };
    if (it == channels_.end())
        return reply(false);
    auto& ch = it->second;
    ssh::wire::reader in{r.data};
    if (r.name == "pty-req") { // RFC 4254 §6.2
        in.text(256);          // TERM
        const auto cols = in.uint32();
        const auto rows = in.uint32();
        if (in.failed() || ch.started)
            return reply(false);
        ch.terminal = {
            .pty = true, .columns = clamp_dimension(cols, 80), .rows = clamp_dimension(rows, 24)};
        return reply(true);
    }
    if (r.name == "window-change") { // RFC 4254 §6.7
        const auto cols = in.uint32();
        const auto rows = in.uint32();
        if (!in.failed()) {
            ch.terminal.columns = clamp_dimension(cols, ch.terminal.columns);
            ch.terminal.rows = clamp_dimension(rows, ch.terminal.rows);
            if (ch.shell)
                ch.shell->resize(ch.terminal.columns, ch.terminal.rows);
        }
        return reply(true);
    }
    if (r.name == "exec" || r.name == "shell") {
        const auto command = r.name == "exec" ? in.text(max_command_length) : std::string_view{};
        if (in.failed() || ch.started)
            return reply(false);
        ch.started = true;
        reply(true);
        if (r.name == "exec")
            start_exec(ch, command);
        else
            start_shell(conn, r.id, ch);
        ch.sender->pump(conn);
        return;
    }
    // env (devices accept no variables, as sshd without AcceptEnv), signal, subsystem, x11,
    // agent forwarding: refused or ignored.
    reply(false);
}

// A line at a time, and only while little output waits to be sent: however much a client
// types ahead (up to its window), the answers queued stay about one command's worth.
void sim_connection::feed_shell(ssh::asio::server_connection& conn,
                                ssh::connection::channel_id id) {
    constexpr std::size_t max_queued_output = 64 * 1024;
    const auto it = channels_.find(id);
    if (it == channels_.end())
        return;
    auto& ch = it->second;
    std::size_t fed = 0;
    const auto now = sim_clock::now();
    const auto more = [&] {
        return ch.input_at < ch.input.size() && !ch.ended && !ch.hung &&
               ch.sender->queued_bytes() < max_queued_output;
    };
    // Each pass feeds at least one line or stops: bounded by the lines received.
    while (more()) {
        while (more()) {
            const auto rest = std::string_view(ch.input).substr(ch.input_at);
            const auto line_end = rest.find_first_of("\r\n");
            const auto n = line_end == std::string_view::npos ? rest.size() : line_end + 1;
            auto step = ch.shell->feed(rest.substr(0, n), now);
            ch.input_at += n;
            fed += n;
            for (auto& segment : step.segments) {
                if (ch.hung)
                    break;
                if (segment.command_output)
                    queue_answer(ch, std::move(segment.bytes), 0);
                else
                    ch.sender->push({send_step::kind::out, std::move(segment.bytes)});
            }
            if (step.closed && !ch.hung)
                end_shell(ch);
        }
        note_queued(ch);
        ch.sender->pump(conn); // what the client's window takes leaves room for more lines
    }
    if (ch.ended || ch.hung) { // what is left is read and dropped
        fed += ch.input.size() - ch.input_at;
        ch.input_at = ch.input.size();
    }
    if (ch.input_at == ch.input.size()) {
        ch.input.clear();
        ch.input_at = 0;
        if (ch.input_ended && !ch.ended && !ch.hung)
            end_shell(ch);
    }
    boost::system::error_code ec;
    conn.session().channels().consumed(id, fed, ec);
    ch.sender->pump(conn);
}

void sim_connection::queue_answer(channel& ch, std::string bytes, std::uint64_t zeros) {
    const auto& b = device_->info.behaviour;
    ++device_->shared->counters.commands;
    if (b.hang) {
        ch.hung = true; // the command was taken; its answer never comes
        return;
    }
    if (b.latency.count() > 0)
        ch.sender->push({send_step::kind::pause, {}, b.latency});
    ch.sender->push_answer(std::move(bytes), zeros, b.trickle_bytes_per_second, b.drop_output);
}

void sim_connection::note_queued(const channel& ch) {
    auto& most = device_->shared->counters.max_queued_output;
    most = std::max<std::uint64_t>(most, ch.sender->queued_bytes());
}

void sim_connection::start_exec(channel& ch, std::string_view command) {
    ch.exec = true;
    auto result = device_->model(sim_clock::now()).exec(command, sim_clock::now());
    queue_answer(ch, std::move(result.out), result.zero_fill);
    if (ch.hung)
        return;
    if (!result.err.empty())
        ch.sender->push({send_step::kind::err, std::move(result.err)});
    ch.sender->push({send_step::kind::eof});
    ch.sender->push({send_step::kind::exit_status, {}, {}, result.exit_status});
    ch.sender->push({send_step::kind::close});
    note_queued(ch);
}

void sim_connection::start_shell(ssh::asio::server_connection& conn, ssh::connection::channel_id id,
                                 channel& ch) {
    const auto now = sim_clock::now();
    ch.shell.emplace(device_->model(now).open_cli(now), ch.terminal);
    ch.sender->push({send_step::kind::out, ch.shell->start(now)});
    // After a latency or trickle pause, typed-ahead input may go on.
    ch.sender->on_resumed([this, id, weak = std::weak_ptr(conn.shared_from_this())] {
        if (auto c = weak.lock())
            feed_shell(*c, id);
    });
}

void sim_connection::end_shell(channel& ch) {
    ch.ended = true;
    ch.sender->push({send_step::kind::eof});
    ch.sender->push({send_step::kind::exit_status, {}, {}, 0});
    ch.sender->push({send_step::kind::close});
}

} // namespace sim::server
