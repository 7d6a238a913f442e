// Private: one simulated device while the fleet runs — its listener, keys, model, behaviour
// and live connections — and what all devices of a fleet share.
#pragma once

#include "host_keys.hpp"

#include <sim/fleet.hpp>
#include <ssh/asio/server.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <memory>
#include <vector>

namespace sim::server {

// Shared by every device of a fleet (and kept alive by each, so that handlers still queued
// in the io_context when the fleet object is gone never dangle).
struct fleet_shared {
    fleet_stats counters;
    std::string username;
    ssh::auth::secret password;
    std::vector<ssh::crypto::public_key> authorized_keys;
    ssh::asio::server_options base_options; // algorithms, methods; keys set per device
};

struct device_runtime {
    device_runtime(boost::asio::io_context& io, std::shared_ptr<fleet_shared> shared)
        : shared(std::move(shared))
        , acceptor(io) {}

    std::shared_ptr<fleet_shared> shared;
    device_info info;
    std::vector<key_ptr> served_keys;
    boost::asio::ip::tcp::acceptor acceptor;
    std::shared_ptr<ssh::asio::startup_tracker> startups;
    std::size_t open_connections = 0;
    std::vector<std::weak_ptr<ssh::asio::server_connection>> live;
    std::vector<std::weak_ptr<boost::asio::ip::tcp::socket>> held_sockets; // pre-SSH faults
    bool stopped = false;

    // Created on first use: an idle device costs no model.
    device_model& model(sim_clock::time_point now);
    // server_options for one connection of this device.
    ssh::asio::server_options connection_options() const;
    // Closes the listener and every connection.
    void stop();

private:
    std::unique_ptr<device_model> model_;
};

// Accepts until the device stops; applies the accept-time faults (conn-limit, banner-stall,
// kex-close) and starts an SSH server connection for every other socket.
boost::asio::awaitable<void> accept_loop(std::shared_ptr<device_runtime> device);

} // namespace sim::server
