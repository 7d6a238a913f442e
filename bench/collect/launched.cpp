#include "launched.hpp"

#include <bench/proc.hpp>

#include <test_common/temp_dir.hpp>

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace collect_bench {

using namespace std::chrono_literals;

namespace {

// The value of "name=VALUE" in the launcher's line; throws when it is missing or not a number.
long long field(std::string_view line, std::string_view name) {
    const auto key = std::string(name) + "=";
    auto at = line.find(key);
    while (at != std::string_view::npos && at != 0 && line[at - 1] != ' ')
        at = line.find(key, at + 1);
    long long value = 0;
    if (at == std::string_view::npos)
        throw std::runtime_error("launcher report without " + std::string(name) + ": " +
                                 std::string(line));
    const char* first = line.data() + at + key.size();
    const auto [end, ec] = std::from_chars(first, line.data() + line.size(), value);
    if (ec != std::errc{} || (end != line.data() + line.size() && *end != ' ' && *end != '\n'))
        throw std::runtime_error("launcher report with a bad " + std::string(name) + ": " +
                                 std::string(line));
    return value;
}

} // namespace

launcher::launcher(std::filesystem::path binary, std::chrono::seconds timeout,
                   std::vector<std::string> env)
    : binary_(std::move(binary))
    , timeout_(timeout)
    , env_(std::move(env)) {}

bench::child launcher::start(const launch_spec& spec) const {
    std::vector<std::string> argv = {binary_.string(), spec.report.string(),
                                     std::to_string(timeout_.count())};
    argv.insert(argv.end(), spec.argv.begin(), spec.argv.end());
    return bench::spawn_child({.program = binary_.string(),
                               .argv = std::move(argv),
                               .env = env_,
                               .stdin_fd = -1,
                               .stdout_fd = spec.stdout_fd,
                               .stderr_fd = spec.stderr_fd});
}

usage_report launcher::finish(const bench::child_exit& ended,
                              const std::filesystem::path& report) const {
    std::string line;
    try {
        line = test_common::read_file(report);
    } catch (const std::exception&) {
        throw std::runtime_error("collect_bench_launch ended (" +
                                 bench::describe_status(ended.status) + ") without a report in " +
                                 report.string());
    }
    usage_report r;
    r.status = static_cast<int>(field(line, "status"));
    r.wall_s = static_cast<double>(field(line, "wall_ns")) / 1e9;
    r.cpu_ms = static_cast<double>(field(line, "utime_us") + field(line, "stime_us")) / 1000.0;
    r.max_rss_kib = static_cast<double>(field(line, "maxrss_kib"));
    r.timed_out = field(line, "timed_out") != 0;
    // wait4() counts the children a process reaped in its own figures: the program's CPU is
    // in the launcher's.
    r.launcher_cpu_ms = std::max(0.0, bench::cpu_ms(ended.usage) - r.cpu_ms);
    return r;
}

usage_report launcher::run(const launch_spec& spec) const {
    auto c = start(spec);
    const auto bound = std::chrono::duration_cast<std::chrono::milliseconds>(timeout_ + 15s);
    if (!bench::wait_for_end(c, bound)) {
        const auto stopped = bench::stop_child(c, 5s);
        throw std::runtime_error(
            spec.argv.front() + " still running after " + std::to_string(bound.count() / 1000) +
            " s; its launcher was stopped (" + bench::describe_status(stopped.status) + ")");
    }
    return finish(bench::reap(c), spec.report);
}

std::string describe(const usage_report& r, std::chrono::seconds timeout) {
    auto text = bench::describe_status(r.status);
    if (r.timed_out)
        text += " (killed after the " + std::to_string(timeout.count()) + " s limit)";
    return text;
}

} // namespace collect_bench
