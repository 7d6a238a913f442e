#pragma once
// A simulated fleet running on its own thread for the duration of a test, and client options
// that reach one of its devices with its known_hosts checked strictly.
#include "client_support.hpp"

#include <sim/fleet.hpp>
#include <test_common/temp_dir.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include <future>
#include <thread>

namespace sim_support {

namespace net = boost::asio;

class running_fleet {
public:
    explicit running_fleet(const sim::fleet_options& options) {
        auto started = sim::fleet::start(io_, options);
        if (auto* e = std::get_if<sim::fleet_error>(&started))
            BOOST_FAIL("fleet did not start: " << e->message);
        fleet_ = std::move(std::get<std::unique_ptr<sim::fleet>>(started));
        test_common::write_file(known_hosts_path(), fleet_->known_hosts());
        thread_ = std::thread([this] { io_.run_for(std::chrono::seconds(600)); });
    }
    ~running_fleet() {
        net::post(io_, [this] {
            fleet_->stop();
            work_.reset();
        });
        thread_.join();
    }

    std::filesystem::path known_hosts_path() const { return dir_ / "known_hosts"; }

    // Fixed once started: safe to read from the test's thread.
    const std::vector<sim::device_info>& devices() const { return fleet_->devices(); }

    const sim::device_info& device(std::string_view name) const {
        const auto* d = fleet_->find(name);
        BOOST_REQUIRE_MESSAGE(d, "no device " << name);
        return *d;
    }

    // Runs `f` on the fleet's thread and returns its result (stats, for instance).
    template <typename F>
    auto on_fleet(F f) {
        std::packaged_task<decltype(f(*fleet_))()> task([&] { return f(*fleet_); });
        auto result = task.get_future();
        net::post(io_, [&] { task(); });
        return result.get();
    }

    // Password login as the fleet's user; strict host key checking against its known_hosts.
    ssh::asio::client_options client_options(const sim::device_info& d,
                                             const std::string& password = "admin") const {
        ssh::asio::client_options o;
        o.host = d.address;
        o.port = d.port;
        o.user = d.profile.username;
        o.password = password;
        client_support::check_host_keys_strictly(o, known_hosts_path());
        return o;
    }

private:
    net::io_context io_{1};
    net::executor_work_guard<net::io_context::executor_type> work_{io_.get_executor()};
    test_common::temp_dir dir_;
    std::unique_ptr<sim::fleet> fleet_;
    std::thread thread_;
};

} // namespace sim_support
