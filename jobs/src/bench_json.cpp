// `fleetsh bench --json`: every figure and every sample, built with Boost.JSON.
#include <jobs/bench.hpp>

#include <boost/json.hpp>

namespace jobs {
namespace {

namespace json = boost::json;

json::object percentiles_object(const percentiles& p) {
    return {{"count", p.count}, {"p50_ms", p.p50}, {"p90_ms", p.p90},
            {"p99_ms", p.p99},  {"max_ms", p.max}, {"mean_ms", p.mean}};
}

json::object sample_object(const bench_sample& s) {
    json::object o{{"target", s.target}, {"name", s.name},         {"start_us", s.start_us},
                   {"end_us", s.end_us}, {"commands", s.commands}, {"bytes", s.bytes}};
    if (!s.error_class.empty()) {
        o["error_class"] = s.error_class;
        o["error"] = s.error_message;
    }
    json::object phases;
    for (const auto& [phase, us] : s.phases_us)
        phases[phase] = us;
    o["phases_us"] = std::move(phases);
    return o;
}

json::object result_object(const bench_result& r) {
    json::object o{{"workload", std::string(workload_name(r.workload))},
                   {"concurrency", r.concurrency},
                   {"devices", r.devices},
                   {"wall_s", r.wall_seconds},
                   {"cpu_s", r.cpu_seconds},
                   {"cpu_ms_per_session", r.cpu_ms_per_session},
                   {"peak_rss_kib", r.peak_rss_kib},
                   {"ok", r.ok},
                   {"failed", r.failed},
                   {"commands", r.commands},
                   {"bytes", r.bytes},
                   {"rate_per_s", r.rate},
                   {"mb_per_s", r.megabytes_per_second}};
    if (r.workload == bench_workload::idle) {
        o["idle_sessions"] = r.idle_sessions;
        o["rss_before_kib"] = r.rss_before_kib;
        o["rss_idle_kib"] = r.rss_idle_kib;
        o["kib_per_idle_session"] = r.kib_per_idle_session;
    }
    json::object phases;
    for (const auto& [phase, p] : r.phases)
        phases[phase] = percentiles_object(p);
    o["phases"] = std::move(phases);
    json::object errors;
    for (const auto& [name, n] : r.errors)
        errors[name] = n;
    o["errors"] = std::move(errors);
    json::array samples;
    for (const auto& s : r.samples)
        samples.push_back(sample_object(s));
    o["samples"] = std::move(samples);
    return o;
}

} // namespace

std::string bench_json(const bench_run& run) {
    json::array results;
    for (const auto& r : run.results)
        results.push_back(result_object(r));
    return json::serialize(json::object{{"target", run.target_description},
                                        {"started", run.started},
                                        {"results", std::move(results)}}) +
           "\n";
}

} // namespace jobs
