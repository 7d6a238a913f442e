#include "virtual_fs.hpp"

#include <sim/text.hpp>

#include <algorithm>
#include <array>
#include <cstdio>

namespace sim::linux_host {
namespace {

constexpr std::array<std::string_view, 18> top_level{
    "/bin",  "/boot", "/dev", "/etc",  "/home", "/lib", "/media", "/mnt", "/opt",
    "/proc", "/root", "/run", "/sbin", "/srv",  "/sys", "/tmp",   "/usr", "/var"};

std::string parent_of(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string os_release() {
    return "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
           "NAME=\"Debian GNU/Linux\"\n"
           "VERSION_ID=\"12\"\n"
           "VERSION=\"12 (bookworm)\"\n"
           "VERSION_CODENAME=bookworm\n"
           "ID=debian\n"
           "HOME_URL=\"https://www.debian.org/\"\n"
           "SUPPORT_URL=\"https://www.debian.org/support\"\n"
           "BUG_REPORT_URL=\"https://bugs.debian.org/\"\n";
}

std::string hosts(const device_profile& profile) {
    return "127.0.0.1\tlocalhost\n127.0.1.1\t" + profile.hostname +
           "\n\n# The following lines are desirable for IPv6 capable hosts\n"
           "::1     localhost ip6-localhost ip6-loopback\n"
           "ff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n";
}

std::string meminfo(const linux_facts& facts) {
    const auto line = [](std::string_view label, std::uint64_t kib) {
        char text[48];
        std::snprintf(text, sizeof text, "%-16.*s%8llu kB\n", int(label.size()), label.data(),
                      static_cast<unsigned long long>(kib));
        return std::string(text);
    };
    const auto free = facts.memory_kib - facts.memory_used_kib - facts.memory_cache_kib;
    return line("MemTotal:", facts.memory_kib) + line("MemFree:", free) +
           line("MemAvailable:", free + facts.memory_cache_kib * 9 / 10) +
           line("Buffers:", facts.memory_cache_kib / 10) +
           line("Cached:", facts.memory_cache_kib - facts.memory_cache_kib / 10) +
           line("SwapTotal:", 0) + line("SwapFree:", 0) + line("Shmem:", facts.memory_shared_kib);
}

} // namespace

virtual_fs::virtual_fs(const device_profile& profile, const linux_facts& facts, host_clock clock) {
    directories_["/"] = {};
    for (const auto dir : top_level)
        add_directory(std::string(dir));
    add_directory(profile.username == "root" ? "/root" : "/home/" + profile.username);

    const auto fixed = [](std::string text) {
        return [text = std::move(text)](sim_clock::time_point) { return text; };
    };
    add_file("/etc/hostname", fixed(profile.hostname + "\n"));
    add_file("/etc/hosts", fixed(hosts(profile)));
    add_file("/etc/os-release", fixed(os_release()));
    add_file("/etc/debian_version", fixed(facts.debian_version + "\n"));
    std::string resolv = "search " + facts.search_domain + "\n";
    for (const auto& server : facts.nameservers)
        resolv += "nameserver " + server + "\n";
    add_file("/etc/resolv.conf", fixed(resolv));
    add_file("/proc/version",
             fixed("Linux version " + facts.kernel_release +
                   " (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld "
                   "(GNU Binutils for Debian) 2.40) " +
                   facts.kernel_version + "\n"));
    add_file("/proc/loadavg",
             fixed(facts.load_averages[0] + " " + facts.load_averages[1] + " " +
                   facts.load_averages[2] + " 1/" + std::to_string(facts.processes) + " " +
                   std::to_string(facts.last_pid) + "\n"));
    add_file("/proc/meminfo", fixed(meminfo(facts)));
    add_file("/proc/uptime", [clock, boot = facts.wall_at_start -
                                            facts.uptime_at_start](sim_clock::time_point now) {
        const auto up = (clock.wall(now) - boot).count();
        return std::to_string(up) + ".00 " + std::to_string(up * 3 / 2) + ".00\n";
    });
    add_device("/dev/null", {1, 3}, false);
    add_device("/dev/zero", {1, 5}, true);
}

void virtual_fs::add_entry(const std::string& path) {
    add_directory(parent_of(path));
    auto& siblings = directories_[parent_of(path)];
    siblings.push_back(path.substr(path.find_last_of('/') + 1));
    std::sort(siblings.begin(), siblings.end());
}

void virtual_fs::add_directory(const std::string& path) {
    if (directories_.count(path) != 0)
        return;
    add_entry(path);
    directories_[path] = {};
}

void virtual_fs::add_file(const std::string& path, file_contents contents) {
    add_entry(path);
    files_[path] = std::move(contents);
}

void virtual_fs::add_device(const std::string& path, device_numbers numbers, bool endless) {
    add_entry(path);
    devices_[path] = numbers;
    if (endless)
        endless_.push_back(path);
    else
        files_[path] = [](sim_clock::time_point) { return std::string(); };
}

bool virtual_fs::is_directory(const std::string& path) const {
    return directories_.count(path) != 0;
}

bool virtual_fs::exists(const std::string& path) const {
    return is_directory(path) || files_.count(path) != 0 || devices_.count(path) != 0;
}

std::optional<virtual_fs::device_numbers> virtual_fs::device(const std::string& path) const {
    const auto it = devices_.find(path);
    return it == devices_.end() ? std::nullopt : std::optional(it->second);
}

bool virtual_fs::endless(const std::string& path) const {
    return std::find(endless_.begin(), endless_.end(), path) != endless_.end();
}

std::string virtual_fs::read_error(const std::string& path) const {
    if (is_directory(path))
        return "Is a directory";
    if (endless(path))
        return "endless device: the simulated host reads it only with head -c N";
    return "No such file or directory";
}

std::optional<std::string> virtual_fs::read(const std::string& path,
                                            sim_clock::time_point now) const {
    const auto it = files_.find(path);
    if (it == files_.end())
        return std::nullopt;
    return it->second(now);
}

std::vector<std::string> virtual_fs::list(const std::string& path) const {
    const auto it = directories_.find(path);
    return it == directories_.end() ? std::vector<std::string>{} : it->second;
}

std::string resolve_path(std::string_view cwd, std::string_view path) {
    std::vector<std::string_view> parts;
    const auto walk = [&](std::string_view p) {
        for (const auto part : text::split(p, '/')) {
            if (part.empty() || part == ".")
                continue;
            if (part == "..") {
                if (!parts.empty())
                    parts.pop_back();
            } else {
                parts.push_back(part);
            }
        }
    };
    if (!path.starts_with('/'))
        walk(cwd);
    walk(path);
    std::string resolved;
    for (const auto part : parts)
        resolved += "/" + std::string(part);
    return resolved.empty() ? "/" : resolved;
}

} // namespace sim::linux_host
