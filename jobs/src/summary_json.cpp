// summary.json and --json lines, built with Boost.JSON so every string is escaped right.
#include "utc_text.hpp"

#include <jobs/results_store.hpp>

#include <boost/json.hpp>

namespace jobs {
namespace {

namespace json = boost::json;

std::string iso_utc(std::chrono::system_clock::time_point t) {
    return detail::utc_text(t, "%Y-%m-%dT%H:%M:%SZ");
}

json::object device_object(const device_record& d) {
    json::object o;
    o["name"] = d.name;
    o["address"] = d.address;
    o["port"] = d.port;
    o["platform"] = d.platform;
    o["status"] = std::string(status_name(d.status));
    if (d.status != device_status::ok) {
        o["error_class"] = d.error_class;
        o["error"] = d.error_message;
    }
    json::object timings;
    for (const auto& [phase, ms] : d.timings_ms)
        timings[phase] = ms;
    o["timings_ms"] = std::move(timings);
    o["bytes"] = d.bytes();
    json::array commands;
    for (const auto& c : d.commands)
        commands.push_back(json::object{{"command", c.command},
                                        {"file", c.file},
                                        {"bytes", c.bytes},
                                        {"complete", c.complete},
                                        {"duration_ms", c.duration.count()}});
    o["commands"] = std::move(commands);
    return o;
}

// Two-space indented JSON: summary.json is read by people as often as by programs.
void pretty(std::string& out, const json::value& v, int depth) {
    const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    const std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
    if (const auto* o = v.if_object(); o && !o->empty()) {
        out += "{\n";
        std::size_t i = 0;
        for (const auto& [key, value] : *o) {
            out += inner + json::serialize(json::string(key)) + ": ";
            pretty(out, value, depth + 1);
            out += ++i < o->size() ? ",\n" : "\n";
        }
        out += indent + "}";
    } else if (const auto* a = v.if_array(); a && !a->empty()) {
        out += "[\n";
        for (std::size_t i = 0; i < a->size(); ++i) {
            out += inner;
            pretty(out, (*a)[i], depth + 1);
            out += i + 1 < a->size() ? ",\n" : "\n";
        }
        out += indent + "]";
    } else {
        out += json::serialize(v);
    }
}

} // namespace

std::string summary_json(const run_summary& s) {
    json::object run;
    run["run_id"] = s.run_id;
    run["started"] = iso_utc(s.started);
    run["finished"] = s.finished ? json::value(iso_utc(*s.finished)) : json::value(nullptr);
    run["interrupted"] = s.interrupted;
    std::size_t counts[3] = {0, 0, 0};
    json::array devices;
    for (const auto& d : s.devices) {
        ++counts[static_cast<int>(d.status)];
        devices.push_back(device_object(d));
    }
    run["devices_total"] = s.devices.size();
    run["devices_ok"] = counts[0];
    run["devices_failed"] = counts[1];
    run["devices_interrupted"] = counts[2];
    run["devices"] = std::move(devices);
    std::string out;
    pretty(out, run, 0);
    return out + "\n";
}

std::string device_json_line(const device_record& device) {
    return json::serialize(device_object(device)) + "\n";
}

} // namespace jobs
