// Requests: ours with their replies in order (RFC 4254 §5.4), the peer's answered or refused,
// global requests (§4), refused channel opens (§5.1), pty-req encoding (§6.2, §8), and the
// server role's decisions.
#include "peer.hpp"

using namespace conn_test;
using ssh::wire::number;

BOOST_AUTO_TEST_SUITE(requests)

BOOST_AUTO_TEST_CASE(replies_match_our_requests_in_order_per_channel) {
    fixture f;
    boost::system::error_code ec;
    const auto a = f.open(10, 0);
    const auto b = f.open(11, 0);
    f.c.pty(a, {}, ec);
    f.c.env(a, "LANG", "C", ec); // no reply wanted
    f.c.shell(a, ec);
    f.c.subsystem(b, "sftp", ec);
    BOOST_TEST(!ec);
    BOOST_TEST(f.out.take().size() == 4u);

    BOOST_TEST(!f.feed(success_msg(b)));
    BOOST_TEST(!f.feed(success_msg(a)));
    BOOST_TEST(!f.feed(failure_msg(a)));
    const auto e = f.events();
    BOOST_REQUIRE_EQUAL(e.size(), 3u);
    const auto r0 = std::get<sc::request_result>(e[0]);
    const auto r1 = std::get<sc::request_result>(e[1]);
    const auto r2 = std::get<sc::request_result>(e[2]);
    BOOST_TEST((r0.id == b && r0.kind == sc::request_kind::subsystem && r0.success));
    BOOST_TEST((r1.id == a && r1.kind == sc::request_kind::pty && r1.success));
    BOOST_TEST((r2.id == a && r2.kind == sc::request_kind::shell && !r2.success));

    // A reply nobody asked for is ignored, as OpenSSH does.
    BOOST_TEST(!f.feed(success_msg(a)));
    BOOST_TEST(f.events().empty());
}

BOOST_AUTO_TEST_CASE(want_reply_false_requests_as_openssh_sends_them) {
    fixture f;
    boost::system::error_code ec;
    const auto id = f.open(10, 0);
    f.c.env(id, "LANG", "C.UTF-8", ec);
    f.c.window_change(id, {132, 43, 0, 0}, ec);
    f.c.signal(id, "INT", ec);
    BOOST_TEST(!ec);
    const auto out = f.out.take();
    BOOST_REQUIRE_EQUAL(out.size(), 3u);
    BOOST_TEST(out[0] == bytes(message(msg::channel_request)
                                   .u32(10)
                                   .str("env")
                                   .boolean(false)
                                   .str("LANG")
                                   .str("C.UTF-8")));
    BOOST_TEST(out[1] == bytes(message(msg::channel_request)
                                   .u32(10)
                                   .str("window-change")
                                   .boolean(false)
                                   .u32(132)
                                   .u32(43)
                                   .u32(0)
                                   .u32(0)));
    BOOST_TEST(
        out[2] ==
        bytes(message(msg::channel_request).u32(10).str("signal").boolean(false).str("INT")));
    BOOST_TEST(!f.feed(success_msg(id))); // nothing pending: ignored
    BOOST_TEST(f.events().empty());
}

BOOST_AUTO_TEST_CASE(too_many_pending_requests_are_refused_locally) {
    fixture f;
    boost::system::error_code ec;
    const auto id = f.open(10, 0);
    for (unsigned i = 0; i < sc::detail::request_fifo::capacity; ++i)
        f.c.exec(id, "x", ec);
    BOOST_TEST(!ec);
    f.out.take();
    f.c.exec(id, "x", ec);
    BOOST_TEST(ec == sc::errc::too_many_requests);
    BOOST_TEST(f.out.take().empty());
}

BOOST_AUTO_TEST_CASE(pty_request_bytes_are_exact) {
    fixture f;
    boost::system::error_code ec;
    const auto id = f.open(0x01020304, 0);
    sc::pty_request pty;
    pty.term = "xterm";
    pty.size = {80, 24, 640, 480};
    pty.modes = {{sc::tty_op::echo, 0}, {sc::tty_op::icanon, 1}, {sc::tty_op::ospeed, 38400}};
    f.c.pty(id, pty, ec);
    BOOST_TEST(!ec);
    const auto out = f.out.take();
    BOOST_REQUIRE_EQUAL(out.size(), 1u);
    const bytes expected{
        98,                                                         // SSH_MSG_CHANNEL_REQUEST
        0x01, 0x02, 0x03, 0x04,                                     // recipient channel
        0,    0,    0,    7,    'p',  't', 'y', '-', 'r', 'e', 'q', // request type
        1,                                                          // want reply
        0,    0,    0,    5,    'x',  't', 'e', 'r', 'm',           // TERM
        0,    0,    0,    80,                                       // columns
        0,    0,    0,    24,                                       // rows
        0,    0,    2,    128,                                      // width, pixels
        0,    0,    1,    224,                                      // height, pixels
        0,    0,    0,    16,                                       // encoded terminal modes
        53,   0,    0,    0,    0,                                  // ECHO 0
        51,   0,    0,    0,    1,                                  // ICANON 1
        129,  0,    0,    0x96, 0x00,                               // TTY_OP_OSPEED 38400
        0,                                                          // TTY_OP_END
    };
    BOOST_TEST(out[0] == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(tty_modes_reject_undefined_opcodes) {
    boost::system::error_code ec;
    const std::vector<sc::tty_mode> none;
    BOOST_TEST(sc::encode_tty_modes(none, ec) == (bytes{0}));
    BOOST_TEST(!ec);
    const std::vector<sc::tty_mode> last{{159, 7}};
    BOOST_TEST(sc::encode_tty_modes(last, ec) == (bytes{159, 0, 0, 0, 7, 0}));
    BOOST_TEST(!ec);
    for (const std::uint8_t op : {std::uint8_t{0}, std::uint8_t{160}, std::uint8_t{255}}) {
        const std::vector<sc::tty_mode> bad{{sc::tty_op::echo, 1}, {op, 1}};
        ec = {};
        BOOST_TEST(sc::encode_tty_modes(bad, ec).empty());
        BOOST_TEST(ec == sc::errc::invalid_argument);
    }
    // A bad mode sends nothing and queues no reply.
    fixture f;
    const auto id = f.open(1, 0);
    sc::pty_request pty;
    pty.modes = {{200, 1}};
    ec = {};
    f.c.pty(id, pty, ec);
    BOOST_TEST(ec == sc::errc::invalid_argument);
    BOOST_TEST(f.out.take().empty());
    BOOST_TEST(!f.feed(success_msg(id)));
    BOOST_TEST(f.events().empty());
}

BOOST_AUTO_TEST_CASE(peer_requests_failed_if_reply_wanted_else_ignored) {
    fixture f;
    const auto id = f.open(20, 0);
    BOOST_TEST(!f.feed(request_msg(id, "x-unknown@example.com", true)));
    BOOST_TEST(!f.feed(request_msg(id, "keepalive@openssh.com", true))); // sshd ClientAlive
    BOOST_TEST(!f.feed(request_msg(id, "x-unknown@example.com", false)));
    BOOST_TEST(!f.feed(request_msg(id, "eow@openssh.com", false)));
    BOOST_TEST(f.events().empty());
    const auto out = f.out.take();
    BOOST_REQUIRE_EQUAL(out.size(), 2u);
    BOOST_TEST(out[0] == bytes(failure_msg(20)));
    BOOST_TEST(out[1] == bytes(failure_msg(20)));

    // exit-status with want_reply is answered SUCCESS (as the OpenSSH client does).
    BOOST_TEST(
        !f.feed(message(msg::channel_request).u32(id).str("exit-status").boolean(true).u32(1)));
    BOOST_TEST(only<sc::exit_status>(f.events()).code == 1u);
    BOOST_TEST(f.out.take() == (std::vector<bytes>{success_msg(20)}));
}

BOOST_AUTO_TEST_CASE(exit_signal_event) {
    fixture f;
    const auto id = f.open(20, 0);
    BOOST_TEST(!f.feed(exit_signal_msg(id, "SEGV", true, "crashed\r\n")));
    const auto e = only<sc::exit_signal>(f.events());
    BOOST_TEST(e.id == id);
    BOOST_TEST(e.signal == "SEGV");
    BOOST_TEST(e.core_dumped);
    BOOST_TEST(e.message == "crashed??");
    BOOST_TEST(f.out.take().empty());
}

BOOST_AUTO_TEST_CASE(global_requests_from_the_peer_are_refused_in_order) {
    fixture f;
    BOOST_TEST(!f.feed(global_request_msg("keepalive@openssh.com", true)));
    BOOST_TEST(!f.feed(global_request_msg("hostkeys-00@openssh.com", false)));
    BOOST_TEST(!f.feed(
        message(msg::global_request).str("tcpip-forward").boolean(true).str("0.0.0.0").u32(8080)));
    BOOST_TEST(f.events().empty());
    const auto out = f.out.take();
    BOOST_REQUIRE_EQUAL(out.size(), 2u);
    BOOST_TEST(out[0] == (bytes{number(msg::request_failure)}));
    BOOST_TEST(out[1] == (bytes{number(msg::request_failure)}));
}

BOOST_AUTO_TEST_CASE(our_global_requests_get_their_replies_in_order) {
    fixture f;
    boost::system::error_code ec;
    const bytes none;
    ssh::wire::writer forward; // address to bind, port
    forward.string("");
    forward.uint32(0);
    f.c.send_global_request("keepalive@openssh.com", true, none, ec);
    f.c.send_global_request("no-more-sessions@openssh.com", false, none, ec);
    f.c.send_global_request("tcpip-forward", true, forward.data(), ec);
    BOOST_TEST(!ec);
    BOOST_TEST(f.c.pending_global_replies() == 2u);
    const auto out = f.out.take();
    BOOST_REQUIRE_EQUAL(out.size(), 3u);
    BOOST_TEST(out[0] == bytes(global_request_msg("keepalive@openssh.com", true)));
    BOOST_TEST(out[1] == bytes(global_request_msg("no-more-sessions@openssh.com", false)));
    BOOST_TEST(
        out[2] ==
        bytes(message(msg::global_request).str("tcpip-forward").boolean(true).str("").u32(0)));

    BOOST_TEST(!f.feed(bytes{number(msg::request_failure)}));
    BOOST_TEST(!only<sc::global_reply>(f.events()).success);
    BOOST_TEST(!f.feed(message(msg::request_success).u32(40000)));
    const auto r = only<sc::global_reply>(f.events());
    BOOST_TEST(r.success);
    BOOST_TEST(r.data.size() == 4u); // the bound port
    BOOST_TEST(f.c.pending_global_replies() == 0u);
    BOOST_TEST(!f.feed(bytes{number(msg::request_success)})); // unsolicited: ignored
    BOOST_TEST(f.events().empty());
}

BOOST_AUTO_TEST_CASE(client_refuses_every_channel_the_peer_opens) {
    fixture f;
    struct refusal {
        std::string type;
        std::uint32_t reason;
    };
    const std::vector<refusal> cases{
        {"forwarded-tcpip", sc::open_failure::administratively_prohibited},
        {"x11", sc::open_failure::administratively_prohibited},
        {"auth-agent@openssh.com", sc::open_failure::administratively_prohibited},
        {"session", sc::open_failure::administratively_prohibited},
        {"bogus@example.com", sc::open_failure::unknown_channel_type},
    };
    std::uint32_t sender = 900;
    for (const auto& c : cases) {
        BOOST_TEST(!f.feed(channel_open_msg(c.type, sender, 1 << 20, 32768)));
        const auto out = f.out.take();
        BOOST_REQUIRE_EQUAL(out.size(), 1u);
        sent m{out[0]};
        BOOST_TEST(m.type == number(msg::channel_open_failure));
        BOOST_TEST(m.r.uint32() == sender);
        BOOST_TEST(m.r.uint32() == c.reason, c.type);
        BOOST_TEST(!m.r.text(1024).empty());
        BOOST_TEST(m.r.text(1024) == "");
        m.r.expect_end();
        BOOST_TEST(!m.r.failed());
        ++sender;
    }
    BOOST_TEST(f.events().empty());
    BOOST_TEST(f.c.channel_count() == 0u);
}

BOOST_AUTO_TEST_CASE(server_role_lets_the_application_decide_in_order) {
    sc::connection_config config;
    config.side = sc::role::server;
    config.max_channels = 2;
    fixture f{config};
    boost::system::error_code ec;

    BOOST_TEST(!f.feed(channel_open_msg("session", 0, 1 << 20, 16384)));
    const auto req = only<sc::open_request>(f.events());
    BOOST_TEST(req.type == "session");
    BOOST_TEST(f.out.take().empty());
    BOOST_TEST(f.feed(data_msg(req.id, "early")) == sc::errc::unknown_channel);
    f.c.accept_open(req.id, ec);
    BOOST_TEST(!ec);
    BOOST_TEST(f.out.take() ==
               (std::vector<bytes>{confirmation_msg(0, req.id, 2 * 1024 * 1024, 32768)}));
    const auto id = req.id;

    // pty-req awaits the application; keepalive's automatic FAILURE waits behind it.
    BOOST_TEST(!f.feed(message(msg::channel_request)
                           .u32(id)
                           .str("pty-req")
                           .boolean(true)
                           .str("vt100")
                           .u32(80)
                           .u32(24)
                           .u32(0)
                           .u32(0)
                           .str("")));
    const auto pty = only<sc::channel_request>(f.events());
    BOOST_TEST(pty.name == "pty-req");
    BOOST_TEST(pty.want_reply);
    BOOST_TEST(pty.data.size() == 4u + 5 + 16 + 4);
    BOOST_TEST(!f.feed(request_msg(id, "keepalive@openssh.com", true)));
    BOOST_TEST(!f.feed(message(msg::channel_request).u32(id).str("exec").boolean(true).str("ls")));
    BOOST_TEST(only<sc::channel_request>(f.events()).name == "exec");
    BOOST_TEST(f.out.take().empty());
    f.c.reply_request(id, true, ec); // pty-req
    BOOST_TEST(f.out.take() == (std::vector<bytes>{success_msg(0), failure_msg(0)}));
    f.c.reply_request(id, false, ec); // exec
    BOOST_TEST(f.out.take() == (std::vector<bytes>{failure_msg(0)}));
    f.c.reply_request(id, true, ec);
    BOOST_TEST(ec == sc::errc::invalid_argument); // nothing left to answer

    // Full table: RESOURCE_SHORTAGE. Other types: refused.
    ec = {};
    BOOST_TEST(!f.feed(channel_open_msg("session", 1, 0, 16384)));
    const auto second = only<sc::open_request>(f.events());
    BOOST_TEST(!f.feed(channel_open_msg("session", 2, 0, 16384)));
    BOOST_TEST(f.events().empty());
    BOOST_TEST(
        f.out.take() ==
        (std::vector<bytes>{
            message(msg::channel_open_failure).u32(2).u32(4).str("too many channels").str("")}));
    f.c.reject_open(second.id, sc::open_failure::connect_failed, "no", ec);
    BOOST_TEST(
        f.out.take() ==
        (std::vector<bytes>{message(msg::channel_open_failure).u32(1).u32(2).str("no").str("")}));
    BOOST_TEST(!f.feed(channel_open_msg("direct-tcpip", 3, 0, 16384)));
    BOOST_TEST(f.out.take().size() == 1u);

    // no-more-sessions@openssh.com: later sessions are refused.
    BOOST_TEST(!f.feed(global_request_msg("no-more-sessions@openssh.com", true)));
    BOOST_TEST(f.out.take() == (std::vector<bytes>{bytes{number(msg::request_success)}}));
    BOOST_TEST(!f.feed(channel_open_msg("session", 4, 0, 16384)));
    BOOST_TEST(f.events().empty());
    const auto refused = f.out.take();
    BOOST_REQUIRE_EQUAL(refused.size(), 1u);
    sent m{refused[0]};
    BOOST_TEST(m.type == number(msg::channel_open_failure));
    BOOST_TEST(m.r.uint32() == 4u);
    BOOST_TEST(m.r.uint32() == sc::open_failure::administratively_prohibited);
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_CASE(server_role_owed_replies_are_bounded) {
    sc::connection_config config;
    config.side = sc::role::server;
    fixture f{config};
    boost::system::error_code ec;
    BOOST_TEST(!f.feed(channel_open_msg("session", 0, 0, 16384)));
    const auto id = only<sc::open_request>(f.events()).id;
    f.c.accept_open(id, ec);
    for (unsigned i = 0; i < sc::detail::reply_queue::capacity; ++i)
        BOOST_TEST(!f.feed(request_msg(id, "x", true)));
    BOOST_TEST(f.feed(request_msg(id, "x", true)) == sc::errc::too_many_pending_requests);
    BOOST_TEST(!f.feed(request_msg(id, "x", false))); // no reply owed: fine
}

BOOST_AUTO_TEST_SUITE_END()
