#pragma once
// `fleetsh bench`'s report for people: one self-contained HTML page (inline CSS and SVG, no
// scripts, fonts or images from anywhere; it opens offline) with
//   1. the run's description, start time and a table of every result;
//   2. throughput against concurrency, one line chart per workload;
//   3. latency per phase (p50, p90, p99, max) for each result, or for the last result of each
//      workload when there are many;
//   4. a timeline of sessions (one bar per device, green ok, red failed) for each workload's
//      result with the highest concurrency, at most 2000 bars.
//
//   std::ofstream("bench.html") << app::bench_html(run);

#include <jobs/bench.hpp>

#include <string>

namespace app {

std::string bench_html(const jobs::bench_run& run);

} // namespace app
