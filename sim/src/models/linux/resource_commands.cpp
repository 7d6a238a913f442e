#include "shell_command.hpp"

#include <array>
#include <cstdio>

namespace sim::linux_host {
namespace {

// coreutils' -h: powers of 1024, one decimal below 10, always rounded up ("1.9G", "24G").
std::string human_size(std::uint64_t kib, std::string_view suffix_style) {
    if (kib == 0)
        return "0";
    constexpr std::string_view units = "KMGT";
    double value = double(kib);
    std::size_t unit = 0;
    while (value >= 1024 && unit + 1 < units.size()) {
        value /= 1024;
        ++unit;
    }
    char text[48];
    if (value < 10) {
        const auto tenths = static_cast<unsigned long long>(value * 10 + 0.999);
        std::snprintf(text, sizeof text, "%llu.%llu%c%.*s", tenths / 10, tenths % 10, units[unit],
                      int(suffix_style.size()), suffix_style.data());
    } else {
        std::snprintf(text, sizeof text, "%llu%c%.*s",
                      static_cast<unsigned long long>(value + 0.999), units[unit],
                      int(suffix_style.size()), suffix_style.data());
    }
    return text;
}

struct mount {
    std::string_view device, mounted_on;
    std::uint64_t size_kib, used_kib;
};

command_result disk_free(command_call& c) {
    bool human = false;
    for (const auto& arg : c.args) {
        if (arg != "-h")
            return failure("df: invalid option -- '" + arg.substr(arg.size() > 1 ? 1 : 0, 1) +
                           "'\nTry 'df --help' for more information.\n");
        human = true;
    }
    const auto& facts = c.shell.facts;
    const auto ram = facts.memory_kib;
    const std::array<mount, 7> mounts{{
        {"udev", "/dev", ram / 2, 0},
        {"tmpfs", "/run", ram / 10, 572},
        {"/dev/vda1", "/", facts.disk_kib, facts.disk_used_kib},
        {"tmpfs", "/dev/shm", ram / 2, 0},
        {"tmpfs", "/run/lock", 5120, 0},
        {"/dev/vda15", "/boot/efi", 126678, 12054},
        {"tmpfs", "/run/user/1000", ram / 10, 0},
    }};
    std::string out = human ? "Filesystem      Size  Used Avail Use% Mounted on\n"
                            : "Filesystem     1K-blocks    Used Available Use% Mounted on\n";
    for (const auto& m : mounts) {
        // ext4 keeps 5% for root on the big file system.
        const std::uint64_t reserved = m.mounted_on == "/" ? m.size_kib / 20 : 0;
        const std::uint64_t available = m.size_kib - m.used_kib - reserved;
        const std::uint64_t percent =
            m.used_kib == 0
                ? 0
                : (m.used_kib * 100 + m.used_kib + available - 1) / (m.used_kib + available);
        char row[160];
        if (human)
            std::snprintf(row, sizeof row, "%-15.*s %4s %5s %5s %3llu%% %.*s\n",
                          int(m.device.size()), m.device.data(), human_size(m.size_kib, "").c_str(),
                          human_size(m.used_kib, "").c_str(), human_size(available, "").c_str(),
                          static_cast<unsigned long long>(percent), int(m.mounted_on.size()),
                          m.mounted_on.data());
        else
            std::snprintf(row, sizeof row, "%-14.*s %9llu %7llu %9llu %3llu%% %.*s\n",
                          int(m.device.size()), m.device.data(),
                          static_cast<unsigned long long>(m.size_kib),
                          static_cast<unsigned long long>(m.used_kib),
                          static_cast<unsigned long long>(available),
                          static_cast<unsigned long long>(percent), int(m.mounted_on.size()),
                          m.mounted_on.data());
        out += row;
    }
    return {out};
}

// procps 4's free: KiB by default, -m MiB, -g GiB, -h human ("3.8Gi").
command_result memory_free(command_call& c) {
    std::uint64_t divisor = 1;
    bool human = false;
    for (const auto& arg : c.args) {
        if (arg == "-k")
            divisor = 1;
        else if (arg == "-m")
            divisor = 1024;
        else if (arg == "-g")
            divisor = 1024 * 1024;
        else if (arg == "-h")
            human = true;
        else
            return failure("free: invalid option -- '" + arg.substr(arg.size() > 1 ? 1 : 0, 1) +
                           "'\n\nUsage:\n free [options]\n");
    }
    const auto& facts = c.shell.facts;
    const auto total = facts.memory_kib, used = facts.memory_used_kib,
               cache = facts.memory_cache_kib, shared = facts.memory_shared_kib;
    const auto unused = total - used - cache;
    const auto show = [&](std::uint64_t kib) {
        return human ? (kib == 0 ? std::string("0B") : human_size(kib, "i"))
                     : std::to_string(kib / divisor);
    };
    const auto row = [&](std::string_view label, std::initializer_list<std::uint64_t> values) {
        char cell[32];
        std::snprintf(cell, sizeof cell, "%-8.*s", int(label.size()), label.data());
        std::string line = cell;
        for (const auto value : values) {
            std::snprintf(cell, sizeof cell, "%12s", show(value).c_str());
            line += cell;
        }
        return line + "\n";
    };
    return {"               total        used        free      shared  buff/cache   available\n" +
            row("Mem:", {total, used, unused, shared, cache, unused + cache * 9 / 10}) +
            row("Swap:", {0, 0, 0})};
}

constexpr std::array<named_command, 2> commands{{
    {"df", disk_free},
    {"free", memory_free},
}};

} // namespace

std::span<const named_command> resource_commands() {
    return commands;
}

} // namespace sim::linux_host
