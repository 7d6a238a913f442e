// What the tests of the IOS-shaped platforms (cisco_ios_test.cpp, arista_eos_test.cpp) share:
// the simulated times, a device profile, a CLI session driven line by line, and lookups in
// the text a device prints.
#pragma once

#include <sim/device_model.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace ios_like_test {

// The device boots at `boot`; sessions run their lines at `later`.
inline const sim::sim_clock::time_point boot =
    sim::sim_clock::time_point{} + std::chrono::minutes(10);
inline const sim::sim_clock::time_point later = boot + std::chrono::minutes(5);

// A device of `platform` named `name`, whose hostname is its name and whose enable secret is
// "s3cret" (what session::enable() types).
inline sim::device_profile make_profile(std::string platform, std::uint64_t seed,
                                        std::string name) {
    sim::device_profile p;
    p.name = std::move(name);
    p.platform = std::move(platform);
    p.seed = seed;
    p.hostname = p.name;
    p.enable_secret = "s3cret";
    return p;
}

struct session {
    std::unique_ptr<sim::cli_context> cli;

    std::string run(std::string_view line) { return cli->run(line, later).text; }
    std::string prompt() const { return cli->prompt(); }
    void enable() {
        run("enable");
        run("s3cret");
        BOOST_REQUIRE(prompt().ends_with("#"));
    }
    // "conf t", the lines, "end"; what they print is not looked at.
    void configure(std::initializer_list<std::string_view> lines) {
        run("conf t");
        for (const auto line : lines) {
            run(line);
        }
        run("end");
    }
};

inline session open(sim::device_model& model) {
    return session{model.open_cli(boot)};
}

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The whole line of `text` that holds `part`; "" when none does.
inline std::string line_with(const std::string& text, const std::string& part) {
    const auto at = text.find(part);
    if (at == std::string::npos) {
        return {};
    }
    const auto start = text.rfind('\n', at) + 1; // npos + 1 == 0
    return text.substr(start, text.find('\n', at) - start);
}

} // namespace ios_like_test
