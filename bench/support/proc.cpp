#include <bench/proc.hpp>
#include <malloc.h>
#include <unistd.h>

#include <test_common/process_tree.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace bench {

double seconds(clk::duration d) {
    return std::chrono::duration<double>(d).count();
}

double cpu_ms(const rusage& r) {
    auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    return ms(r.ru_utime) + ms(r.ru_stime);
}

double self_cpu_ms() {
    rusage r{};
    ::getrusage(RUSAGE_SELF, &r);
    return cpu_ms(r);
}

double heap_in_use() {
    const struct mallinfo2 m = ::mallinfo2();
    return static_cast<double>(m.uordblks + m.hblkhd);
}

double self_rss_bytes() {
    std::ifstream statm("/proc/self/statm");
    unsigned long long size = 0, resident = 0;
    statm >> size >> resident;
    return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE));
}

namespace {

// A "Name:   123 kB" line of a /proc file, in bytes.
std::optional<double> kib_line(const std::string& path, std::string_view name) {
    const auto text = test_common::read_proc_file(path);
    if (!text)
        return std::nullopt;
    std::istringstream in(*text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.size() > name.size() && line.compare(0, name.size(), name) == 0 &&
            line[name.size()] == ':') {
            std::istringstream fields(line.substr(name.size() + 1));
            double kib = 0;
            if (fields >> kib)
                return kib * 1024.0;
        }
    }
    return std::nullopt;
}

std::string proc_path(pid_t pid, std::string_view file) {
    return "/proc/" + std::to_string(pid) + "/" + std::string(file);
}

} // namespace

std::optional<double> proc_status_bytes(pid_t pid, std::string_view name) {
    return kib_line(proc_path(pid, "status"), name);
}

std::optional<double> smaps_rollup_bytes(pid_t pid, std::string_view name) {
    return kib_line(proc_path(pid, "smaps_rollup"), name);
}

std::optional<double> private_bytes(pid_t pid) {
    const auto clean = smaps_rollup_bytes(pid, "Private_Clean");
    const auto dirty = smaps_rollup_bytes(pid, "Private_Dirty");
    if (!clean || !dirty)
        return std::nullopt;
    return *clean + *dirty;
}

std::optional<proc_stat> read_proc_stat(pid_t pid) {
    const auto s = test_common::read_process_stat(pid);
    if (!s)
        return std::nullopt;
    const double ms_per_tick = 1e3 / static_cast<double>(::sysconf(_SC_CLK_TCK));
    proc_stat out;
    out.parent = s->parent;
    out.cpu_ms = static_cast<double>(s->utime + s->stime) * ms_per_tick;
    out.children_cpu_ms = static_cast<double>(s->cutime + s->cstime) * ms_per_tick;
    return out;
}

std::vector<pid_t> descendant_pids(pid_t root) {
    std::vector<pid_t> out;
    for (const auto& p : test_common::descendants(root))
        out.push_back(p.pid);
    return out;
}

std::vector<std::vector<pid_t>> child_process_groups(pid_t root) {
    std::map<pid_t, pid_t> parent_of;
    for (const pid_t pid : descendant_pids(root))
        if (const auto s = read_proc_stat(pid))
            parent_of[pid] = s->parent;
    // Climb from each process to the child of `root` it descends from.
    std::map<pid_t, std::vector<pid_t>> groups;
    for (const auto& [pid, parent] : parent_of) {
        pid_t leader = pid;
        for (int depth = 0; depth < 64; ++depth) {
            const auto up = parent_of.find(leader);
            if (up == parent_of.end() || up->second == root)
                break;
            leader = up->second;
        }
        if (const auto up = parent_of.find(leader); up != parent_of.end() && up->second == root)
            groups[leader].push_back(pid);
    }
    std::vector<std::vector<pid_t>> out;
    for (auto& [leader, members] : groups) {
        std::erase(members, leader);
        members.insert(members.begin(), leader);
        out.push_back(std::move(members));
    }
    return out;
}

std::optional<std::size_t> open_fd_count(pid_t pid) {
    std::error_code ec;
    std::size_t n = 0;
    for (std::filesystem::directory_iterator it(proc_path(pid, "fd"), ec), end; !ec && it != end;
         it.increment(ec))
        ++n;
    if (ec)
        return std::nullopt;
    return n;
}

rlim_t raise_open_file_limit(rlim_t wanted) {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0)
        return 0;
    if (lim.rlim_cur < wanted) {
        rlimit raised = lim;
        raised.rlim_cur = lim.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, lim.rlim_max);
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
            lim = raised;
    }
    return lim.rlim_cur;
}

} // namespace bench
