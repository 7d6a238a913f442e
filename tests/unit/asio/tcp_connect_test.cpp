// connect_tcp against real sockets on 127.0.0.1.
#include <ssh/asio/tcp_connect.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>

namespace net = boost::asio;
using net::ip::tcp;
using namespace std::chrono_literals;

namespace {

const auto loopback = net::ip::make_address("127.0.0.1");

// Runs connect_tcp to completion, bounded by the test's own 10 s limit.
boost::system::error_code run_connect(net::io_context& io, tcp::socket& socket, std::uint16_t port,
                                      std::chrono::milliseconds timeout) {
    std::optional<boost::system::error_code> result;
    net::co_spawn(io, ssh::asio::connect_tcp(socket, "127.0.0.1", port, timeout),
                  [&](std::exception_ptr e, boost::system::error_code ec) {
                      BOOST_REQUIRE(!e);
                      result = ec;
                  });
    io.run_for(10s);
    BOOST_REQUIRE(result.has_value());
    return *result;
}

} // namespace

BOOST_AUTO_TEST_SUITE(tcp_connect)

BOOST_AUTO_TEST_CASE(connects_to_a_listener_with_nodelay_set) {
    net::io_context io;
    tcp::acceptor acceptor(io, {loopback, 0});
    tcp::socket socket(io);
    const auto ec = run_connect(io, socket, acceptor.local_endpoint().port(), 5s);
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(socket.is_open());
    tcp::no_delay nodelay;
    socket.get_option(nodelay);
    BOOST_TEST(nodelay.value());
    tcp::socket accepted(io);
    acceptor.accept(accepted);
    BOOST_TEST((accepted.remote_endpoint() == socket.local_endpoint()));
}

BOOST_AUTO_TEST_CASE(closed_port_is_connection_refused) {
    net::io_context io;
    std::uint16_t port = 0;
    {
        tcp::acceptor probe(io, {loopback, 0});
        port = probe.local_endpoint().port();
    }
    tcp::socket socket(io);
    const auto ec = run_connect(io, socket, port, 5s);
    BOOST_TEST((ec == net::error::connection_refused), ec.message());
}

BOOST_AUTO_TEST_CASE(full_accept_queue_times_out_at_the_deadline) {
    // Linux drops SYNs for a listener whose accept queue is full, so a connect to it hangs:
    // the loopback stand-in for a silent firewall.
    net::io_context io;
    tcp::acceptor acceptor(io, {loopback, 0}, /*reuse_address=*/true);
    acceptor.listen(0);
    const auto port = acceptor.local_endpoint().port();
    tcp::socket filler(io);
    filler.connect({loopback, port});

    tcp::socket socket(io);
    const auto started = std::chrono::steady_clock::now();
    const auto ec = run_connect(io, socket, port, 300ms);
    const auto took = std::chrono::steady_clock::now() - started;
    BOOST_TEST((ec == net::error::timed_out), ec.message());
    BOOST_TEST(!socket.is_open());
    BOOST_TEST((took >= 300ms));
}

BOOST_AUTO_TEST_SUITE_END()
