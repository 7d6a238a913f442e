// The small read-only file system a simulated host shows to cat and ls: a few files under
// /etc and /proc with contents from its facts, /dev/null and /dev/zero, and the usual
// top-level directories.
#pragma once

#include "linux_facts.hpp"

#include <sim/device_model.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sim::linux_host {

class virtual_fs {
public:
    virtual_fs(const device_profile& profile, const linux_facts& facts, host_clock clock);

    bool is_directory(const std::string& path) const;
    bool exists(const std::string& path) const;
    // nullopt for a directory, a missing file or an endless device. /proc/uptime reads `now`.
    std::optional<std::string> read(const std::string& path, sim_clock::time_point now) const;
    // Why read() gave nothing, as strerror puts it ("No such file or directory", "Is a
    // directory"), or the simulator's refusal of an endless device.
    std::string read_error(const std::string& path) const;

    // Character devices: /dev/null reads empty; /dev/zero is endless, so read() refuses it
    // (cat /dev/zero would never end) and only head -c takes a bounded count of its zeros.
    struct device_numbers {
        int major = 0;
        int minor = 0;
    };
    std::optional<device_numbers> device(const std::string& path) const;
    bool endless(const std::string& path) const;
    // Names in a directory, sorted.
    std::vector<std::string> list(const std::string& path) const;

private:
    using file_contents = std::function<std::string(sim_clock::time_point)>;

    void add_file(const std::string& path, file_contents contents);
    void add_device(const std::string& path, device_numbers numbers, bool endless);
    void add_directory(const std::string& path);
    void add_entry(const std::string& path); // its name, in its parent's sorted list

    std::map<std::string, file_contents> files_; // /dev/null too; no endless device
    std::map<std::string, device_numbers> devices_;
    std::vector<std::string> endless_;
    std::map<std::string, std::vector<std::string>> directories_; // path -> entries
};

// "cd" and file arguments: `path` relative to `cwd`, with "." and ".." resolved.
std::string resolve_path(std::string_view cwd, std::string_view path);

} // namespace sim::linux_host
