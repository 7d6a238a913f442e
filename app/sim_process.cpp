#include "sim_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/core.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

extern char** environ;

namespace app {
namespace {

using namespace std::chrono_literals;

// Whether the child ended within `limit` (and was reaped).
bool reaped_within(pid_t pid, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (::waitpid(pid, nullptr, WNOHANG) == pid)
            return true;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

} // namespace

std::unique_ptr<sim_process> sim_process::start(const std::vector<std::string>& sim_arguments) {
    std::string pattern = (std::filesystem::temp_directory_path() / "fleetsh-sim-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        fmt::print(stderr, "fleetsh: cannot create a folder for the simulator\n");
        return nullptr;
    }
    const std::filesystem::path folder = pattern;
    std::vector<std::string> args = {"fleetsh", "sim"};
    args.insert(args.end(), sim_arguments.begin(), sim_arguments.end());
    args.insert(args.end(), {"--inventory-out", (folder / "inventory.yaml").string(),
                             "--known-hosts-out", (folder / "known_hosts").string()});
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    // Its output would mix with ours: it goes to a file beside the inventory.
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, (folder / "sim.log").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, "/proc/self/exe", &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    if (rc != 0) {
        fmt::print(stderr, "fleetsh: cannot start the simulator: {}\n", std::strerror(rc));
        std::filesystem::remove_all(folder);
        return nullptr;
    }
    std::unique_ptr<sim_process> sim(new sim_process(folder, pid));
    for (int i = 0; i < 1500; ++i) { // 30 s
        if (std::filesystem::exists(sim->inventory()))
            return sim;
        if (::waitpid(pid, nullptr, WNOHANG) == pid) {
            sim->pid_ = -1;
            break;
        }
        std::this_thread::sleep_for(20ms);
    }
    std::ifstream log(folder / "sim.log");
    const std::string said((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    fmt::print(stderr, "fleetsh: the simulator did not start{}{}\n", said.empty() ? "" : ": ",
               said.substr(0, 2000));
    return nullptr;
}

sim_process::~sim_process() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        if (!reaped_within(pid_, 5000ms)) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
}

} // namespace app
