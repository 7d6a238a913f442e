// `fleetsh bench`'s workloads and what they measure. Each workload runs against a list of
// targets (from an inventory, or a simulated fleet) at a given concurrency, under the fleet
// runner, and returns its samples and figures; a sweep is a list of such results.
//
//   jobs::bench_settings s{.workload = jobs::bench_workload::sessions, .concurrency = 100};
//   auto result = jobs::run_bench(targets, s);
//   // result.rate: sessions per second; result.phases["kex"].p99; result.cpu_seconds ...
//
// Workloads:
//   sessions  per device: TCP connect, key exchange, authentication, one command, close
//   commands  per device: one connection, `commands_per_connection` commands one after another
//   channels  per device: one connection, `channels_per_connection` commands at once
//   bulk      per device: one connection, one command whose output is counted, not kept
//   idle      per device: `idle_sessions_per_device` connections, held open until every
//             device has its own, when the process's RSS is read; then all close (the
//             concurrency is the number of devices: every session is open at once)
#pragma once

#include <jobs/collect.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace jobs {

enum class bench_workload { sessions, commands, channels, bulk, idle };
std::string_view workload_name(bench_workload w) noexcept;

struct bench_settings {
    bench_workload workload = bench_workload::sessions;
    std::size_t concurrency = 100;
    unsigned threads = 0;                      // 0: one per core
    std::size_t commands_per_connection = 20;  // commands
    std::size_t channels_per_connection = 10;  // channels
    std::size_t idle_sessions_per_device = 1;  // idle
    std::chrono::milliseconds timeout{30'000}; // each command
};

// One device's run in a workload. Times are microseconds from the workload's start.
struct bench_sample {
    std::size_t target = 0;    // index into the targets
    std::string name;          // the target's name
    std::int64_t start_us = 0; // the connection attempt began
    std::int64_t end_us = 0;   // the connection was closed (or failed)
    std::string error_class;   // empty when it succeeded
    std::string error_message;
    std::uint64_t commands = 0; // commands completed
    std::uint64_t bytes = 0;    // output bytes received
    // Phase durations in microseconds: "tcp", "kex", "auth" (connection); "open",
    // "first_byte", "complete" (per command, each from the exec call; the mean for several).
    std::map<std::string, std::int64_t> phases_us;
};

struct percentiles {
    std::int64_t count = 0;
    double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0; // milliseconds
};

struct bench_result {
    bench_workload workload = bench_workload::sessions;
    std::size_t concurrency = 0;
    std::size_t devices = 0;
    double wall_seconds = 0;
    double cpu_seconds = 0;        // this process, user + system, during the workload
    std::int64_t peak_rss_kib = 0; // this process, at the end of the workload
    std::uint64_t ok = 0, failed = 0;
    std::uint64_t commands = 0, bytes = 0;
    double rate = 0;                 // sessions/s (sessions) or commands/s (the others)
    double megabytes_per_second = 0; // output bytes / wall (1 MB = 10^6 bytes)
    double cpu_ms_per_session = 0;   // cpu_seconds / ok devices, in ms
    // idle: sessions held open at once, and this process's RSS before and with them all open.
    std::uint64_t idle_sessions = 0;
    std::int64_t rss_before_kib = 0, rss_idle_kib = 0;
    double kib_per_idle_session = 0;
    std::map<std::string, percentiles> phases;
    std::map<std::string, std::uint64_t> errors; // error class -> devices
    std::vector<bench_sample> samples;
};

// Runs one workload across `targets` (their plans' connection options and first command are
// used; a workload's commands repeat that first command).
bench_result run_bench(const std::vector<collect_target>& targets, const bench_settings& settings);

// p50/p90/p99/max/mean of the values (microseconds in, milliseconds out); count 0 when empty.
percentiles percentiles_of(std::vector<std::int64_t> values_us);

// The whole run as JSON: {"fleet": {...}, "results": [...]} with every figure and sample.
struct bench_run {
    std::string target_description; // "inventory lab.yaml (300 devices)", "simulated fleet ..."
    std::string started;            // ISO 8601 UTC
    std::vector<bench_result> results;
};
std::string bench_json(const bench_run& run);

} // namespace jobs
