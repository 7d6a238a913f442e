#include "bench_report.hpp"

#include <jobs/bench.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <queue>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::size_t count(std::string_view haystack, std::string_view needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string_view::npos;
         at = haystack.find(needle, at + needle.size()))
        ++n;
    return n;
}

// The page from `marker` on, up to the end of the <svg> element it is in (or the page's end).
std::string_view svg_from(std::string_view html, std::string_view marker) {
    const auto at = html.find(marker);
    if (at == std::string_view::npos)
        return {};
    const auto end = html.find("</svg>", at);
    return html.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
}

// `devices` sessions run `concurrency` at a time (each starts when an earlier one ends), their
// phases slower as concurrency grows; one in 250 is a straggler, `failed` of them (spread evenly,
// target 0 first) fail with `error_class`. The figures are computed from the samples.
jobs::bench_result make_result(jobs::bench_workload w, std::size_t concurrency, std::size_t devices,
                               std::size_t failed, const std::string& error_class,
                               std::uint32_t seed) {
    std::mt19937 random(seed);
    std::uniform_int_distribution<std::int64_t> jitter(0, 20'000);
    jobs::bench_result r;
    r.workload = w;
    r.concurrency = concurrency;
    r.devices = devices;
    std::map<std::string, std::vector<std::int64_t>> phases;
    std::priority_queue<std::int64_t, std::vector<std::int64_t>, std::greater<>> free_at;
    for (std::size_t slot = 0; slot < std::max<std::size_t>(concurrency, 1); ++slot)
        free_at.push(0);
    const auto load = 1 + static_cast<std::int64_t>(concurrency) / 200;
    std::int64_t end = 0;
    for (std::size_t i = 0; i < devices; ++i) {
        jobs::bench_sample s;
        s.target = i;
        s.start_us = free_at.top();
        free_at.pop();
        s.phases_us = {{"tcp", 300 + jitter(random) / 100},
                       {"kex", load * (12'000 + jitter(random))},
                       {"auth", load * (3'000 + jitter(random) / 4)},
                       {"complete", 2'000 + jitter(random) / 2}};
        std::int64_t total = 0;
        for (const auto& [name, us] : s.phases_us)
            total += us;
        s.end_us = s.start_us + total * (i % 250 == 123 ? 8 + jitter(random) / 1'000 : 1);
        free_at.push(s.end_us);
        if (failed > 0 && i % (devices / failed) == 0) {
            s.error_class = error_class;
            s.error_message = "connection closed <by> peer & \"gone\"";
            s.phases_us.erase("complete");
            ++r.failed;
        } else {
            ++r.ok;
            ++r.commands;
            s.commands = 1;
            s.bytes = 2'000;
        }
        for (const auto& [name, us] : s.phases_us)
            phases[name].push_back(us);
        end = std::max(end, s.end_us);
        r.samples.push_back(std::move(s));
    }
    for (auto& [name, values] : phases)
        r.phases[name] = jobs::percentiles_of(std::move(values));
    if (failed > 0)
        r.errors[error_class] = failed;
    r.wall_seconds = static_cast<double>(end) / 1e6;
    r.cpu_seconds = r.wall_seconds * 0.4;
    r.peak_rss_kib = 40'000 + static_cast<std::int64_t>(devices) * 30;
    r.rate = static_cast<double>(r.ok) / r.wall_seconds;
    r.megabytes_per_second = static_cast<double>(r.ok) * 2'000 / 1e6 / r.wall_seconds;
    r.cpu_ms_per_session = r.ok > 0 ? r.cpu_seconds * 1e3 / static_cast<double>(r.ok) : 0;
    r.bytes = r.ok * 2'000;
    return r;
}

const std::vector<std::size_t> sweep = {10, 100, 1000};

jobs::bench_run make_run(std::string description) {
    jobs::bench_run run;
    run.target_description = std::move(description);
    run.started = "2026-11-26T08:00:00Z";
    return run;
}

jobs::bench_run small_run() {
    auto run = make_run("inventory <lab&co>.yaml (\"12\" devices)");
    std::uint32_t seed = 1;
    for (const auto w : {jobs::bench_workload::sessions, jobs::bench_workload::commands})
        for (const auto c : sweep)
            run.results.push_back(
                make_result(w, c, 12, c == 1000 ? 1 : 0, "auth<&>failed", seed++));
    return run;
}

} // namespace

BOOST_AUTO_TEST_CASE(page_is_self_contained_and_balanced) {
    const auto html = app::bench_html(small_run());
    BOOST_TEST(html.starts_with("<!DOCTYPE html>"));
    BOOST_TEST(html.find("</html>") != std::string::npos);
    BOOST_TEST(count(html, "<svg") > 0);
    BOOST_TEST(count(html, "<svg") == count(html, "</svg>"));
    BOOST_TEST(count(html, "<figure>") == count(html, "</figure>"));
    BOOST_TEST(count(html, "<script") == 0u);
    const auto links = count(html, "http://") + count(html, "https://");
    BOOST_TEST(links == count(html, "http://www.w3.org/2000/svg"));
}

BOOST_AUTO_TEST_CASE(text_is_escaped) {
    const auto html = app::bench_html(small_run());
    BOOST_TEST(html.find("inventory &lt;lab&amp;co&gt;.yaml (&quot;12&quot; devices)") !=
               std::string::npos);
    BOOST_TEST(html.find("<lab&co>") == std::string::npos);
    BOOST_TEST(html.find("auth&lt;&amp;&gt;failed") != std::string::npos);
    BOOST_TEST(html.find("auth<&>failed") == std::string::npos);
    BOOST_TEST(html.find("<by>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_concurrency_is_a_point_label) {
    const auto html = app::bench_html(small_run());
    for (const auto* workload : {"sessions throughput", "commands throughput"}) {
        const auto chart = svg_from(html, workload);
        BOOST_TEST_CONTEXT(workload) {
            BOOST_TEST(count(chart, "class=\"point\"") == sweep.size());
            for (const auto c : sweep) {
                const auto at = chart.find(">c=" + std::to_string(c) + ": ");
                BOOST_REQUIRE(at != std::string_view::npos);
                const auto element = chart.substr(chart.rfind('<', at));
                BOOST_TEST(element.starts_with("<text class=\"point-label\""));
            }
        }
    }
    // Concurrency 10 to 1000: a log scale, and the rate's unit on each chart.
    BOOST_TEST(count(html, "concurrency (log scale)") == 2u);
    BOOST_TEST(svg_from(html, "sessions throughput").find("sessions/s") != std::string_view::npos);
    BOOST_TEST(svg_from(html, "commands throughput").find("commands/s") != std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(failed_sample_is_red_with_its_error_class_in_a_title) {
    const auto html = app::bench_html(small_run());
    const auto timeline = svg_from(html, "sessions, concurrency 1000 (12 devices) timeline");
    BOOST_TEST(count(timeline, "<rect class=\"bar ") == 12u);
    BOOST_TEST(count(timeline, "<rect class=\"bar tl-failed") == 1u);
    BOOST_TEST(timeline.find("<title>device 0: auth&lt;&amp;&gt;failed, ") !=
               std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(phases_in_order_with_their_percentiles) {
    const auto html = app::bench_html(small_run());
    const auto chart = svg_from(html, "sessions, concurrency 10 latency");
    const auto tcp = chart.find(">tcp<"), kex = chart.find(">kex<"), auth = chart.find(">auth<"),
               complete = chart.find(">complete<");
    BOOST_TEST(tcp < kex);
    BOOST_TEST(kex < auth);
    BOOST_TEST(auth < complete);
    BOOST_TEST(complete != std::string_view::npos);
    BOOST_TEST(chart.find(">open<") == std::string_view::npos);
    for (const auto* p : {"p50", "p90", "p99", "max"})
        BOOST_TEST(chart.find(std::string("<title>kex ") + p + ": ") != std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(timeline_is_capped_at_2000_bars_and_keeps_the_slowest) {
    auto run = make_run("simulated fleet");
    run.results.push_back(make_result(jobs::bench_workload::sessions, 500, 5000, 3, "timeout", 7));
    auto& slowest = run.results.back().samples[4321];
    slowest.end_us = slowest.start_us + 60'000'000;
    const auto html = app::bench_html(run);
    BOOST_TEST(count(html, "<rect class=\"bar ") == 2000u);
    BOOST_TEST(html.find("2000 of 5000 devices shown") != std::string::npos);
    BOOST_TEST(html.find("slowest: device 4321, 60.") != std::string::npos);
    BOOST_TEST(html.size() < 1'000'000u);
}

BOOST_AUTO_TEST_CASE(empty_run_still_makes_a_page) {
    const auto html = app::bench_html(jobs::bench_run{});
    BOOST_TEST(html.starts_with("<!DOCTYPE html>"));
    BOOST_TEST(count(html, "<svg") == 0u);
}

BOOST_AUTO_TEST_CASE(odd_results_make_no_nan_and_no_empty_charts) {
    auto run = make_run("one of each");
    // One device, failed, no phases, no rate; and a result with concurrency 0 and no samples.
    run.results.push_back(make_result(jobs::bench_workload::bulk, 1, 1, 1, "refused", 3));
    run.results.back().phases.clear();
    run.results.back().rate = 0;
    jobs::bench_result empty;
    empty.workload = jobs::bench_workload::channels;
    run.results.push_back(empty);
    const auto html = app::bench_html(run);
    for (const auto* bad : {"nan", "inf", "NaN"})
        BOOST_TEST(html.find(bad) == std::string::npos, bad);
    BOOST_TEST(count(html, "<svg") == count(html, "</svg>"));
    BOOST_TEST(html.find("No phase timings in this result.") != std::string::npos);
    BOOST_TEST(html.find("No samples in this result.") != std::string::npos);
    BOOST_TEST(count(html, "<rect class=\"bar tl-failed") == 1u);
}

// FLEETSH_BENCH_REPORT_OUT=page.html test_bench_report: writes the page of a larger run to
// look at in a browser.
BOOST_AUTO_TEST_CASE(writes_a_page_to_look_at) {
    const char* path = std::getenv("FLEETSH_BENCH_REPORT_OUT");
    if (path == nullptr)
        return;
    auto run = make_run("simulated fleet of 5000 devices <ios & eos>");
    std::uint32_t seed = 100;
    for (const auto c : {1, 10, 100, 1000})
        run.results.push_back(make_result(jobs::bench_workload::sessions, c, 5000,
                                          c == 1000 ? 40 : 0, "timeout", seed++));
    for (const auto c : {50, 100, 200})
        run.results.push_back(
            make_result(jobs::bench_workload::commands, c, 400, 0, "timeout", seed++));
    std::ofstream(path) << app::bench_html(run);
}
