// Large output from a simulated Linux host: `head -c N /dev/zero` on an exec channel streams
// N zero bytes from a count (exec_result::zero_fill), window by window, to our client, with
// the output faults applied to it; the simulator holds none of it queued.
#include "sim_support.hpp"

#include <algorithm>

using namespace client_support;
using sim_support::running_fleet;
using namespace std::chrono_literals;

namespace {

sim::fleet_options linux_fleet(std::string faults = {}) {
    sim::fleet_options o;
    o.devices = 1;
    o.mix = "linux=1";
    o.faults = std::move(faults);
    o.seed = 5;
    o.host_key_types = {ssh::crypto::key_type::ed25519};
    return o;
}

struct streamed {
    ssh::asio::exec_result result; // out and err stay empty: the bytes are counted here
    std::uint64_t out_bytes = 0;
    std::uint64_t nonzero_bytes = 0;
    std::uint64_t err_bytes = 0;
};

// Runs `command` on the fleet's device, counting its output as it arrives.
streamed exec_counting(const running_fleet& f, const std::string& command) {
    return run([&]() -> net::awaitable<streamed> {
        streamed s;
        auto [c, err] = co_await ssh::asio::client::connect(
            co_await net::this_coro::executor, f.client_options(f.device("linux-0001")));
        BOOST_REQUIRE_MESSAGE(c, err.message);
        ssh::asio::exec_options o;
        o.timeout = 60s;
        o.on_output = [&](ssh::connection::data_stream stream, std::string_view bytes) {
            if (stream == ssh::connection::data_stream::err) {
                s.err_bytes += bytes.size();
                return;
            }
            s.out_bytes += bytes.size();
            s.nonzero_bytes += static_cast<std::uint64_t>(
                std::count_if(bytes.begin(), bytes.end(), [](char b) { return b != '\0'; }));
        };
        s.result = co_await c->exec(command, o);
        c->close();
        co_return s;
    });
}

std::uint64_t max_queued_output(running_fleet& f) {
    return f.on_fleet([](sim::fleet& fleet) { return fleet.stats().max_queued_output; });
}

} // namespace

BOOST_AUTO_TEST_SUITE(sim_stream)

BOOST_AUTO_TEST_CASE(eight_mib_of_zeros_arrive_exactly) {
    running_fleet f(linux_fleet());
    const std::uint64_t n = 8 * 1024 * 1024;
    const auto s = exec_counting(f, "head -c " + std::to_string(n) + " /dev/zero");
    BOOST_TEST(!s.result.error, s.result.error.message);
    BOOST_TEST(s.out_bytes == n);
    BOOST_TEST(s.nonzero_bytes == 0u);
    BOOST_TEST(s.err_bytes == 0u);
    BOOST_TEST(s.result.exit_status.value_or(255) == 0u);
    // The answer was a count: no byte of it waited in the simulator's queues.
    BOOST_TEST(max_queued_output(f) == 0u);

    // Text before the zeros is queued as text; the zeros still are not.
    const auto mixed = exec_counting(f, "echo start; head -c 1M /dev/zero");
    BOOST_TEST(mixed.out_bytes == 6u + 1024u * 1024u);
    BOOST_TEST(mixed.nonzero_bytes == 6u); // "start\n"
    BOOST_TEST(max_queued_output(f) == 6u);
}

BOOST_AUTO_TEST_CASE(refusals_arrive_on_stderr_with_a_failing_status) {
    running_fleet f(linux_fleet());
    const auto s = exec_counting(f, "head -c 2M /dev/zero | wc -c");
    BOOST_TEST(!s.result.error, s.result.error.message);
    BOOST_TEST(s.out_bytes == 0u);
    BOOST_TEST(s.err_bytes > 0u);
    BOOST_TEST(s.result.exit_status.value_or(0) == 1u);
}

BOOST_AUTO_TEST_CASE(drop_output_sends_half_of_text_and_zeros_then_drops) {
    running_fleet f(linux_fleet("drop-output"));
    const auto s = exec_counting(f, "echo 12345; head -c 1000000 /dev/zero");
    BOOST_TEST(static_cast<bool>(s.result.error), "a dropped connection must be an error");
    BOOST_TEST(s.out_bytes == (6u + 1000000u) / 2);
    BOOST_TEST(s.nonzero_bytes == 6u); // "12345\n"
}

BOOST_AUTO_TEST_CASE(trickle_paces_zeros_to_the_last_byte) {
    running_fleet f(linux_fleet("trickle=100000"));
    const auto s = exec_counting(f, "head -c 250000 /dev/zero"); // 25 parts of 10000
    BOOST_TEST(!s.result.error, s.result.error.message);
    BOOST_TEST(s.out_bytes == 250000u);
    BOOST_TEST(s.nonzero_bytes == 0u);
    BOOST_TEST(s.result.exit_status.value_or(255) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
