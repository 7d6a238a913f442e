#pragma once
// A scripted peer for the connection layer: a recording payload_sink, builders for the
// messages a peer sends, and a parser for what we sent.

#include <ssh/connection/connection.hpp>
#include <ssh/transport/payload_sink.hpp>
#include <ssh/wire/msg.hpp>
#include <ssh/wire/reader.hpp>
#include <ssh/wire/writer.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Boost.Test prints both sides of a failed comparison.
namespace ssh::connection {
inline std::ostream& operator<<(std::ostream& os, errc e) {
    return os << make_error_code(e).message();
}
} // namespace ssh::connection

namespace conn_test {

namespace sc = ssh::connection;
using bytes = std::vector<std::uint8_t>;
using ssh::wire::msg;

struct recorder final : ssh::transport::payload_sink {
    std::vector<bytes> sent;
    void send(ssh::wire::bytes_view payload) override {
        sent.emplace_back(payload.begin(), payload.end());
    }
    std::vector<bytes> take() { return std::exchange(sent, {}); }
};

// Builds one payload.
class message {
public:
    explicit message(msg m) { w_.byte(ssh::wire::number(m)); }
    message& u32(std::uint32_t v) {
        w_.uint32(v);
        return *this;
    }
    message& str(std::string_view v) {
        w_.string(v);
        return *this;
    }
    message& boolean(bool v) {
        w_.boolean(v);
        return *this;
    }
    message& byte(std::uint8_t v) {
        w_.byte(v);
        return *this;
    }
    message& raw(std::string_view v) {
        w_.raw({reinterpret_cast<const std::uint8_t*>(v.data()), v.size()});
        return *this;
    }
    operator bytes() { return w_.take(); }

private:
    ssh::wire::writer w_;
};

inline bytes confirmation_msg(std::uint32_t recipient, std::uint32_t sender, std::uint32_t window,
                              std::uint32_t max_packet = 32768) {
    return message(msg::channel_open_confirmation)
        .u32(recipient)
        .u32(sender)
        .u32(window)
        .u32(max_packet);
}
inline bytes open_failure_msg(std::uint32_t recipient, std::uint32_t reason,
                              std::string_view text) {
    return message(msg::channel_open_failure).u32(recipient).u32(reason).str(text).str("en");
}
inline bytes data_msg(std::uint32_t recipient, std::string_view text) {
    return message(msg::channel_data).u32(recipient).str(text);
}
inline bytes extended_msg(std::uint32_t recipient, std::uint32_t type, std::string_view text) {
    return message(msg::channel_extended_data).u32(recipient).u32(type).str(text);
}
inline bytes adjust_msg(std::uint32_t recipient, std::uint32_t n) {
    return message(msg::channel_window_adjust).u32(recipient).u32(n);
}
inline bytes eof_msg(std::uint32_t recipient) {
    return message(msg::channel_eof).u32(recipient);
}
inline bytes close_msg(std::uint32_t recipient) {
    return message(msg::channel_close).u32(recipient);
}
inline bytes success_msg(std::uint32_t recipient) {
    return message(msg::channel_success).u32(recipient);
}
inline bytes failure_msg(std::uint32_t recipient) {
    return message(msg::channel_failure).u32(recipient);
}
inline bytes request_msg(std::uint32_t recipient, std::string_view name, bool want_reply) {
    return message(msg::channel_request).u32(recipient).str(name).boolean(want_reply);
}
inline bytes exit_status_msg(std::uint32_t recipient, std::uint32_t code) {
    return message(msg::channel_request).u32(recipient).str("exit-status").boolean(false).u32(code);
}
inline bytes exit_signal_msg(std::uint32_t recipient, std::string_view name, bool core,
                             std::string_view text) {
    return message(msg::channel_request)
        .u32(recipient)
        .str("exit-signal")
        .boolean(false)
        .str(name)
        .boolean(core)
        .str(text)
        .str("");
}
inline bytes global_request_msg(std::string_view name, bool want_reply) {
    return message(msg::global_request).str(name).boolean(want_reply);
}
inline bytes channel_open_msg(std::string_view type, std::uint32_t sender, std::uint32_t window,
                              std::uint32_t max_packet) {
    return message(msg::channel_open).str(type).u32(sender).u32(window).u32(max_packet);
}

inline std::string text(ssh::wire::bytes_view v) {
    return {reinterpret_cast<const char*>(v.data()), v.size()};
}
inline bytes to_bytes(std::string_view s) {
    return {s.begin(), s.end()};
}

// A payload we sent, with its message number read.
struct sent {
    explicit sent(const bytes& b)
        : r{b} {
        type = r.byte();
    }
    std::uint8_t type = 0;
    ssh::wire::reader r;
};

struct fixture {
    recorder out;
    sc::connection c;
    bytes last; // the payload events may view

    explicit fixture(sc::connection_config config = {})
        : c{out, config} {}

    boost::system::error_code feed(bytes payload) {
        last = std::move(payload);
        boost::system::error_code ec;
        c.handle(last, ec);
        return ec;
    }
    std::vector<sc::connection_event> events() {
        std::vector<sc::connection_event> all;
        while (auto e = c.next_event())
            all.push_back(std::move(*e));
        return all;
    }
    // A session the peer confirms as its channel `remote`; output and events cleared.
    sc::channel_id open(std::uint32_t remote, std::uint32_t window,
                        std::uint32_t max_packet = 32768) {
        boost::system::error_code ec;
        const auto id = c.open_session(ec);
        BOOST_REQUIRE(!ec);
        BOOST_REQUIRE(!feed(confirmation_msg(id, remote, window, max_packet)));
        const auto e = events();
        BOOST_REQUIRE(e.size() == 1);
        BOOST_REQUIRE(std::holds_alternative<sc::open_confirmed>(e[0]));
        out.take();
        return id;
    }
};

// The single event expected, of type T.
template <typename T>
T only(const std::vector<sc::connection_event>& events) {
    BOOST_REQUIRE_EQUAL(events.size(), 1u);
    const auto* e = std::get_if<T>(&events[0]);
    BOOST_REQUIRE(e != nullptr);
    return *e;
}

} // namespace conn_test
