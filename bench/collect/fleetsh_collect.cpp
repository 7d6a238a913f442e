#include "fleetsh_collect.hpp"

#include <bench/child.hpp>
#include <bench/report.hpp>
#include <fcntl.h>
#include <sys/wait.h>

#include <test_common/temp_dir.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <stdexcept>

namespace collect_bench {

namespace json = boost::json;

namespace {

// Throws std::runtime_error "fleetsh collect: what" with the tail of its log.
[[noreturn]] void collect_failed(const collect_settings& s, const std::string& what) {
    std::string log;
    try {
        log = test_common::read_file(s.log);
    } catch (const std::exception&) {
        log = "(no log)";
    }
    throw std::runtime_error("fleetsh collect: " + what + "\n--- its output (last 15 lines) ---\n" +
                             bench::tail(log, 15));
}

std::string text(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::int64_t whole(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v)
        return -1;
    if (const auto* i = v->if_int64())
        return *i;
    if (const auto* u = v->if_uint64())
        return static_cast<std::int64_t>(*u);
    return -1;
}

// Reads and checks summary.json of the run in `folder`; the devices by port.
collect_result read_summary(const collect_settings& s, const std::filesystem::path& folder,
                            std::size_t expected_devices) {
    json::value doc;
    try {
        doc = json::parse(test_common::read_file(folder / "summary.json"));
    } catch (const std::exception& e) {
        collect_failed(s, "cannot read " + (folder / "summary.json").string() + ": " + e.what());
    }
    const auto* run = doc.if_object();
    const auto* devices = run && run->if_contains("devices")
                              ? run->at("devices").if_array()
                              : static_cast<const json::array*>(nullptr);
    if (!devices)
        collect_failed(s, "summary.json has no devices array");
    const auto total = whole(*run, "devices_total"), ok = whole(*run, "devices_ok");
    const auto expected = static_cast<std::int64_t>(expected_devices);
    if (total != expected || ok != expected || std::ssize(*devices) != expected)
        collect_failed(s, "summary.json: devices_total " + std::to_string(total) + ", devices_ok " +
                              std::to_string(ok) + ", " + std::to_string(devices->size()) +
                              " device entries; expected " + std::to_string(expected) +
                              " devices, all ok");

    collect_result out;
    std::vector<std::string> problems;
    for (const auto& entry : *devices) {
        const auto* d = entry.if_object();
        if (!d) {
            problems.push_back("a device entry that is not an object");
            continue;
        }
        const auto name = text(*d, "name");
        const auto port = whole(*d, "port");
        const auto* commands = d->if_contains("commands")
                                   ? d->at("commands").if_array()
                                   : static_cast<const json::array*>(nullptr);
        if (text(*d, "status") != "ok" || port <= 0 || port > 65535 || !commands ||
            commands->size() != s.commands.size()) {
            problems.push_back(name + ": status '" + text(*d, "status") + "', " +
                               (commands ? std::to_string(commands->size()) : "no") +
                               " commands: " + text(*d, "error"));
            continue;
        }
        collected_device device{name, {}};
        for (std::size_t i = 0; i < commands->size(); ++i) {
            const auto* c = (*commands)[i].if_object();
            const auto* complete =
                c && c->if_contains("complete") ? c->at("complete").if_bool() : nullptr;
            const auto bytes = c ? whole(*c, "bytes") : -1;
            if (!c || text(*c, "command") != s.commands[i] || !complete || !*complete ||
                bytes <= 0 || text(*c, "file").empty()) {
                problems.push_back(name + ": command " + std::to_string(i + 1) + " ('" +
                                   s.commands[i] + "') incomplete, empty or not the one asked");
                continue;
            }
            out.output_bytes += static_cast<std::size_t>(bytes);
            device.files.push_back(folder / text(*c, "file"));
        }
        if (!out.by_port.emplace(static_cast<std::uint16_t>(port), std::move(device)).second)
            problems.push_back(name + ": port " + std::to_string(port) + " twice in the summary");
    }
    if (!problems.empty()) {
        std::string list;
        for (std::size_t i = 0; i < problems.size() && i < 5; ++i)
            list += "\n  " + problems[i];
        collect_failed(s, std::to_string(problems.size()) + " problems in summary.json:" + list);
    }
    out.devices = devices->size();
    return out;
}

} // namespace

collect_result run_fleetsh_collect(const launcher& l, const collect_settings& s,
                                   std::size_t expected_devices) {
    const bench::unique_fd log(
        ::open(s.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (log.get() < 0)
        bench::throw_errno("open " + s.log.string());
    launch_spec spec;
    spec.argv = {s.fleetsh.string(),
                 "collect",
                 "-i",
                 s.inventory.string(),
                 "--out",
                 s.out.string(),
                 "--concurrency",
                 std::to_string(s.concurrency)};
    for (const auto& c : s.commands)
        spec.argv.insert(spec.argv.end(), {"-c", c});
    spec.argv.insert(spec.argv.end(), s.options.begin(), s.options.end());
    spec.stdout_fd = spec.stderr_fd = log.get();
    spec.report = s.out.string() + ".rusage";

    const auto usage = l.run(spec);
    if (!WIFEXITED(usage.status) || WEXITSTATUS(usage.status) != 0 || usage.timed_out)
        collect_failed(s, "ended with " + describe(usage, l.timeout()) + ", not exit 0");
    auto result = read_summary(s, s.out / "latest", expected_devices);
    result.usage = usage;
    return result;
}

} // namespace collect_bench
