#include <fcntl.h>
#include <unistd.h>

#include <test_common/process_tree.hpp>

#include <charconv>
#include <csignal>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

namespace test_common {

namespace {

std::optional<pid_t> parse_pid(const std::string& name) {
    pid_t pid = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (ec != std::errc{} || end != name.data() + name.size() || pid <= 0)
        return std::nullopt;
    return pid;
}

} // namespace

std::optional<std::string> read_proc_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    std::string text;
    char chunk[4096];
    for (int reads = 0; reads < 16; ++reads) { // /proc files of interest are far below 64 KiB
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0) {
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0)
            break;
        text.append(chunk, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return text;
}

std::optional<process_stat> read_process_stat(pid_t pid) {
    const auto file = read_proc_file("/proc/" + std::to_string(pid) + "/stat");
    if (!file)
        return std::nullopt;
    // The command name (field 2) is in parentheses and may itself contain spaces and
    // parentheses, so fields are counted from the last ')'.
    const auto close = file->rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    std::istringstream rest(file->substr(close + 1));
    process_stat out;
    out.id.pid = pid;
    std::string skip;
    rest >> out.state >> out.parent; // fields 3 and 4
    for (int field = 5; field < 14 && rest; ++field)
        rest >> skip;
    rest >> out.utime >> out.stime >> out.cutime >> out.cstime; // fields 14-17
    for (int field = 18; field < 22 && rest; ++field)
        rest >> skip;
    rest >> out.id.start_time; // field 22
    if (!rest)
        return std::nullopt;
    return out;
}

std::optional<process_id> identify_process(pid_t pid) {
    const auto stat = read_process_stat(pid);
    if (!stat)
        return std::nullopt;
    return stat->id;
}

std::optional<char> process_state(const process_id& process) {
    const auto stat = read_process_stat(process.pid);
    if (!stat || stat->id != process)
        return std::nullopt;
    return stat->state;
}

bool is_running(const process_id& process) {
    const auto state = process_state(process);
    return state && *state != 'Z' && *state != 'X';
}

std::vector<process_id> descendants(pid_t root) {
    std::multimap<pid_t, process_id> children_of;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
        const auto pid = parse_pid(entry.path().filename().string());
        if (!pid)
            continue;
        if (const auto stat = read_process_stat(*pid)) // it may have ended since the listing
            children_of.emplace(stat->parent, stat->id);
    }
    std::vector<process_id> out;
    std::vector<pid_t> frontier{root};
    while (!frontier.empty()) {
        const pid_t parent = frontier.back();
        frontier.pop_back();
        const auto [first, last] = children_of.equal_range(parent);
        for (auto it = first; it != last; ++it) {
            out.push_back(it->second);
            frontier.push_back(it->second.pid);
        }
    }
    return out;
}

bool signal_process(const process_id& process, int sig) {
    if (!process_state(process))
        return false;
    return ::kill(process.pid, sig) == 0;
}

} // namespace test_common
