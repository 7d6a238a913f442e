// Where a run's results go on disk, written as they arrive so that nothing collected is lost:
//
//   <root>/<run-id>/<device>/<command>.txt             one file per command, atomically
//   <root>/<run-id>/<device>/<command>.incomplete.txt  what arrived of a command that failed
//   <root>/<run-id>/summary.json                       rewritten atomically as devices finish
//   <root>/latest -> <run-id>                           a symbolic link, replaced atomically
//
// Names on disk come from device names and commands with every character outside
// [A-Za-z0-9._-] turned into '_' (no '/', no leading '.'), at most 96 bytes; two commands of
// one device that map to the same name get "-2", "-3", ... so no output overwrites another.
#pragma once

#include <jobs/atomic_file.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jobs {

struct command_record {
    std::string command;
    std::string file; // relative to the run folder, e.g. "ios-0001/show_version.txt"
    std::uint64_t bytes = 0;
    bool complete = true;
    std::chrono::milliseconds duration{0};
};

enum class device_status { ok, failed, interrupted };
std::string_view status_name(device_status s) noexcept;

struct device_record {
    std::string name;
    std::string address;
    std::uint16_t port = 0;
    std::string platform;
    device_status status = device_status::ok;
    std::string error_class = {};   // empty when ok; engine::error_class_name() otherwise
    std::string error_message = {}; // never holds a secret: built from typed errors
    // Milliseconds per phase ("connect", "kex", "auth", "commands", "total"), as measured.
    std::map<std::string, std::int64_t> timings_ms = {};
    std::vector<command_record> commands = {};
    std::uint64_t bytes() const noexcept;
};

struct run_summary {
    std::string run_id;
    std::chrono::system_clock::time_point started;
    std::optional<std::chrono::system_clock::time_point> finished; // unset while running
    bool interrupted = false;
    std::vector<device_record> devices;
};

// "20261126T064900Z-3f2a9c": UTC start time (sorts by time) and 24 random bits.
std::string make_run_id(std::chrono::system_clock::time_point now);

// summary.json's text (pretty-printed), and the one-line form of a device for --json.
std::string summary_json(const run_summary& summary);
std::string device_json_line(const device_record& device);

class results_store {
public:
    // Creates <root>/<run_id>/ (and root). Errors name the path.
    static std::variant<results_store, write_error> open(const std::filesystem::path& root,
                                                         std::string run_id);

    const std::filesystem::path& run_folder() const noexcept { return run_folder_; }

    // Writes one command's output under the device's folder, atomically.
    std::variant<command_record, write_error> write_output(std::string_view device,
                                                           std::string_view command,
                                                           std::string_view bytes, bool complete,
                                                           std::chrono::milliseconds duration);
    // The device's folder (not created here).
    std::filesystem::path device_folder(std::string_view device) const;
    // Removes what a device's earlier attempt wrote: a retry starts its folder afresh.
    void reset_device(std::string_view device);
    std::optional<write_error> write_summary(const run_summary& summary) const;
    // <root>/latest -> <run_id>, through a temporary link renamed over it.
    std::optional<write_error> point_latest() const;

private:
    results_store(std::filesystem::path root, std::string run_id);

    std::filesystem::path root_;
    std::string run_id_;
    std::filesystem::path run_folder_;
    std::map<std::string, std::map<std::string, int>> used_names_; // device -> name -> count
};

// The on-disk form of a device name or command (see above).
std::string file_safe_name(std::string_view text);

} // namespace jobs
