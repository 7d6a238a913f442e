// One `fleetsh collect` run as collect_bench measures it: started through the launcher, its
// results checked against what it was asked (summary.json: every device ok, every command
// complete and not empty).
#pragma once

#include "launched.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace collect_bench {

struct collect_settings {
    std::filesystem::path fleetsh;
    std::filesystem::path inventory;
    std::vector<std::string> commands;
    int concurrency = 100;
    std::vector<std::string> options; // extra arguments (-o Name=value, --filter ...)
    std::filesystem::path out;        // the results folder (--out)
    std::filesystem::path log;        // its standard output and error
};

struct collected_device {
    std::string name;
    std::vector<std::filesystem::path> files; // one per command, in the order asked
};

struct collect_result {
    usage_report usage;
    std::size_t devices = 0; // in summary.json, every one ok
    std::size_t output_bytes = 0;
    std::map<std::uint16_t, collected_device> by_port;
};

// Runs it; throws std::runtime_error, with the tail of its log, when it did not exit 0 or its
// summary is not `expected_devices` devices all ok with every command complete.
collect_result run_fleetsh_collect(const launcher& l, const collect_settings& s,
                                   std::size_t expected_devices);

} // namespace collect_bench
