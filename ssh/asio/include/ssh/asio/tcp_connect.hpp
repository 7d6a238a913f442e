#pragma once
// Opening the TCP connection an SSH session runs over.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <cstdint>
#include <string_view>

namespace ssh::asio {

// Resolves `host` (a name or a numeric address), then tries each address in turn until one
// accepts, all within `timeout`. On success the socket is connected with TCP_NODELAY set:
// SSH sends small request/reply packets, and Nagle's algorithm with delayed ACKs would hold
// each one up to 40 ms. Returns boost::asio::error::timed_out when the deadline passes, or
// the error of the last address tried. Never waits longer than `timeout`.
boost::asio::awaitable<boost::system::error_code> connect_tcp(boost::asio::ip::tcp::socket& socket,
                                                              std::string_view host,
                                                              std::uint16_t port,
                                                              std::chrono::milliseconds timeout);

} // namespace ssh::asio
