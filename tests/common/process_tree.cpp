#include <test_common/process_tree.hpp>

#include <charconv>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>

namespace test_common {

namespace {

struct stat_fields {
    process_id id;
    pid_t parent = 0;
    char state = '?';
};

// Parses /proc/PID/stat. The command name (field 2) is in parentheses and may itself contain
// spaces and parentheses, so fields are counted from the last ')'.
std::optional<stat_fields> read_stat(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    if (!in)
        return std::nullopt;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return std::nullopt;
    std::istringstream rest(text.substr(close + 1));
    stat_fields out;
    out.id.pid = pid;
    std::string skip;
    rest >> out.state >> out.parent; // fields 3 and 4
    for (int field = 5; field < 22 && rest; ++field)
        rest >> skip;
    rest >> out.id.start_time; // field 22
    if (!rest)
        return std::nullopt;
    return out;
}

std::optional<pid_t> parse_pid(const std::string& name) {
    pid_t pid = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (ec != std::errc{} || end != name.data() + name.size() || pid <= 0)
        return std::nullopt;
    return pid;
}

} // namespace

std::optional<process_id> identify_process(pid_t pid) {
    const auto stat = read_stat(pid);
    if (!stat)
        return std::nullopt;
    return stat->id;
}

std::optional<char> process_state(const process_id& process) {
    const auto stat = read_stat(process.pid);
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
        if (const auto stat = read_stat(*pid)) // it may have ended since the listing
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
