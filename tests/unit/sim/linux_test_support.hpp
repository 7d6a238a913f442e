// What the Linux host's tests (linux_test.cpp, linux_head_test.cpp) share: a profile, a host
// whose exec channel they call, and an exact check of an exec's answer.
#pragma once

#include <sim/device_model.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace linux_test {

using namespace std::chrono_literals;
using sim::sim_clock;

inline const sim_clock::time_point boot = sim_clock::time_point{} + 100h;

inline sim::device_profile profile(std::uint64_t seed = 7, std::string name = "linux-0001",
                                   std::string user = "admin") {
    sim::device_profile p;
    p.name = std::move(name);
    p.platform = "linux";
    p.seed = seed;
    p.hostname = "web1";
    p.username = std::move(user);
    return p;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

struct host {
    std::unique_ptr<sim::device_model> model;

    explicit host(const sim::device_profile& p = profile())
        : model(sim::make_linux_host(p, boot)) {}

    sim::exec_result exec(std::string_view command, sim_clock::time_point now = boot) {
        return model->exec(command, now);
    }
    std::string out(std::string_view command) { return exec(command).out; }
};

inline void check_exec(const sim::exec_result& r, const std::string& out, const std::string& err,
                       std::uint32_t status) {
    BOOST_TEST(r.out == out);
    BOOST_TEST(r.err == err);
    BOOST_TEST(r.exit_status == status);
    BOOST_TEST(r.zero_fill == 0u);
}

} // namespace linux_test
