// What a collection run needs, whether it comes from `fleetsh collect`'s command line or from
// a job file run by `fleetsh run job.yaml`:
//
//   collect:
//     inventory: lab/inventory.yaml        # relative paths start at the job file's folder
//     filter: [platform=cisco_ios, tag=core]
//     commands: [show version, show ip interface brief]
//     commands_file: more-commands.txt     # one per line; '#' starts a comment line
//     out: results
//     concurrency: 100
//     platform_limits: {cisco_ios: 20}
//     options: {StrictHostKeyChecking: accept-new}   # or a list of "Name=value"
//     drivers: my-drivers/
//     command_timeout: 30s
//     device_timeout: 5m
//     grace: 10s
//     attempts: 3
//     session_log: true
//
// Every error names file:line:column; all of them are reported, none is guessed around.
#pragma once

#include <inventory/load.hpp>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace jobs {

struct collect_job {
    std::filesystem::path inventory;
    std::vector<std::string> filters; // inventory::parse_filter expressions
    std::vector<std::string> commands;
    std::filesystem::path commands_file; // empty: none
    std::filesystem::path out = "results";
    std::size_t concurrency = 256;
    std::map<std::string, std::size_t> platform_limits;       // platform → devices at once
    std::vector<std::string> options;                         // OpenSSH-style "Name=value"
    std::filesystem::path drivers;                            // empty: the shipped drivers only
    std::optional<std::chrono::milliseconds> command_timeout; // else the inventory's, else 60 s
    std::optional<std::chrono::milliseconds> device_timeout;  // else the inventory's, else none
    std::chrono::milliseconds grace{10'000}; // what running devices get after SIGINT
    unsigned attempts = 3;                   // for transient failures only
    bool session_log = false;                // <device>/session.log, secrets masked
    bool json = false;                       // one JSON line per device on standard output
};

using job = std::variant<collect_job>;

// A job file (at most 1 MiB), checked whole.
std::variant<job, inventory::error_list> load_job_file(const std::filesystem::path& path);

// The same from text; `file_name` names it in errors and its folder anchors relative paths.
std::variant<job, inventory::error_list> load_job_text(std::string_view yaml,
                                                       const std::filesystem::path& file_name);

// A commands file (at most 1 MiB): one command per line, blank lines and lines starting with
// '#' skipped, at most 10,000 commands. The error names the file.
std::variant<std::vector<std::string>, std::string>
read_commands_file(const std::filesystem::path& path);

} // namespace jobs
