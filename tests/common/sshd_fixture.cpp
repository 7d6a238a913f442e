#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <test_common/process.hpp>
#include <test_common/process_tree.hpp>
#include <test_common/run_command.hpp>
#include <test_common/sshd_fixture.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

namespace test_common {

namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

constexpr auto ready_timeout = 10s;
constexpr auto stop_grace = 5s;
constexpr int port_attempts = 5;

// Closes a descriptor when leaving scope.
struct fd_guard {
    int fd;
    explicit fd_guard(int f)
        : fd(f) {}
    fd_guard(const fd_guard&) = delete;
    fd_guard& operator=(const fd_guard&) = delete;
    ~fd_guard() {
        if (fd >= 0)
            ::close(fd);
    }
};

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return addr;
}

// A port the kernel just considered free. Another process may take it before sshd binds it;
// start() retries on "Address already in use".
std::uint16_t free_port() {
    const fd_guard sock(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (sock.fd < 0)
        throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    sockaddr_in addr = loopback(0);
    socklen_t len = sizeof addr;
    if (::bind(sock.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(sock.fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error(std::string("finding a free port: ") + std::strerror(errno));
    return ntohs(addr.sin_port);
}

int remaining_ms(clock_type::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now());
    return static_cast<int>(std::max<long long>(left.count(), 0));
}

// One attempt: connect to 127.0.0.1:port and read until "SSH-2.0-" arrives, all before
// `deadline`. False when refused, closed or too slow; the caller tries again.
bool answers_with_banner(std::uint16_t port, clock_type::time_point deadline) {
    const fd_guard sock(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (sock.fd < 0)
        throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    const sockaddr_in addr = loopback(port);
    if (::connect(sock.fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        if (errno != EINPROGRESS)
            return false;
        pollfd p{sock.fd, POLLOUT, 0};
        if (::poll(&p, 1, remaining_ms(deadline)) <= 0)
            return false;
        int error = 0;
        socklen_t len = sizeof error;
        if (::getsockopt(sock.fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0 || error != 0)
            return false;
    }
    std::string received;
    char buffer[256];
    while (received.find("SSH-2.0-") == std::string::npos) {
        pollfd p{sock.fd, POLLIN, 0};
        if (::poll(&p, 1, remaining_ms(deadline)) <= 0)
            return false;
        const ssize_t n = ::read(sock.fd, buffer, sizeof buffer);
        if (n <= 0)
            return false;
        received.append(buffer, static_cast<std::size_t>(n));
    }
    return true;
}

// sshd refuses to start as root without its privilege separation directory.
void ensure_privsep_dir() {
    if (::geteuid() != 0)
        return;
    const std::filesystem::path dir = "/run/sshd";
    if (std::filesystem::is_directory(dir))
        return;
    std::filesystem::create_directories(dir);
    std::filesystem::permissions(dir, std::filesystem::perms(0755),
                                 std::filesystem::perm_options::replace);
}

std::string effective_user_name() {
    const passwd* pw = ::getpwuid(::geteuid());
    if (pw == nullptr)
        throw std::runtime_error("the effective uid " + std::to_string(::geteuid()) +
                                 " has no passwd entry; sshd needs a real account");
    return pw->pw_name;
}

std::string yes_no(bool value) {
    return value ? "yes" : "no";
}

// kill() only queues a signal: the target stops (or resumes) when next scheduled, which on a
// busy machine is measurably later. Wait, bounded, until /proc shows the wanted state; a process
// that has ended counts as settled.
void wait_for_state(const std::vector<process_id>& processes, bool stopped,
                    clock_type::time_point deadline) {
    auto settled = [&](const process_id& p) {
        const auto state = process_state(p);
        return !state || *state == 'Z' || *state == 'X' || (*state == 'T') == stopped;
    };
    while (!std::all_of(processes.begin(), processes.end(), settled) &&
           clock_type::now() < deadline)
        std::this_thread::sleep_for(1ms);
}

// Stops the listener and every descendant with SIGSTOP, returning once they are stopped (2 s at
// most). A process may fork before its SIGSTOP lands, so scan again until a pass finds nothing
// new. Returns the stopped descendants.
std::vector<process_id> freeze_tree(pid_t root) {
    const auto deadline = clock_type::now() + 2s;
    std::vector<process_id> frozen;
    if (const auto id = identify_process(root)) {
        ::kill(root, SIGSTOP);
        wait_for_state({*id}, true, deadline);
    }
    for (int pass = 0; pass < 20; ++pass) {
        std::vector<process_id> fresh;
        for (const auto& p : descendants(root))
            if (std::find(frozen.begin(), frozen.end(), p) == frozen.end() &&
                signal_process(p, SIGSTOP))
                fresh.push_back(p);
        if (fresh.empty())
            break;
        wait_for_state(fresh, true, deadline);
        frozen.insert(frozen.end(), fresh.begin(), fresh.end());
    }
    return frozen;
}

} // namespace

sshd_fixture::sshd_fixture(sshd_options options)
    : options_(std::move(options))
    , dir_("fleetsh-sshd-")
    , user_(effective_user_name()) {
    // Readable by all so that sshd, which opens authorized_keys as the user logging in, can read
    // it for password_user() too. Nothing secret lives here: private keys are in the key cache.
    std::filesystem::permissions(dir(), std::filesystem::perms(0755),
                                 std::filesystem::perm_options::replace);
    std::string authorized;
    for (const key_type type : all_key_types)
        authorized += cached_client_key(type).public_line + "\n";
    authorized += cached_encrypted_client_key().public_line + "\n";
    write_file(authorized_keys_path(), authorized, std::filesystem::perms(0644));
    try {
        start();
    } catch (...) {
        stop(); // no destructor runs for a constructor that throws
        throw;
    }
}

sshd_fixture::~sshd_fixture() {
    try {
        stop();
    } catch (...) {
        // A destructor must not throw; stop() has already done all it could.
    }
}

void sshd_fixture::write_config() const {
    std::ostringstream config;
    config << "ListenAddress " << host_ << ":" << port_ << "\n";
    for (const key_type type : all_key_types)
        config << "HostKey " << host_key_path(type).string() << "\n";
    config << "PidFile none\n"
           << "UsePAM no\n"
           << "StrictModes no\n"
           << "AuthorizedKeysFile " << authorized_keys_path().string() << "\n"
           << "PubkeyAuthentication yes\n"
           << "PasswordAuthentication " << yes_no(options_.password_authentication) << "\n"
           << "KbdInteractiveAuthentication " << yes_no(options_.kbd_interactive_authentication)
           << "\n"
           << "Subsystem sftp internal-sftp\n"
           << "MaxSessions 200\n"
           << "MaxStartups 200\n"
           << "LogLevel VERBOSE\n"
           // Keep interactive shells' output deterministic.
           << "PrintMotd no\n"
           << "PrintLastLog no\n"
           << "UseDNS no\n";
    write_file(config_path(), config.str(), std::filesystem::perms(0644));
}

std::vector<std::string> sshd_fixture::sshd_arguments(bool test_only) const {
    // sshd re-executes itself per connection and insists on an absolute path.
    std::vector<std::string> argv{find_program("sshd").string()};
    if (test_only)
        argv.push_back("-t");
    else
        argv.insert(argv.end(), {"-D", "-e"});
    argv.insert(argv.end(), {"-f", config_path().string()});
    // Options given with -o take precedence over the file: sshd keeps the first value it reads.
    for (const auto& option : options_.extra_options)
        argv.insert(argv.end(), {"-o", option});
    return argv;
}

void sshd_fixture::validate_config() const {
    const auto argv = sshd_arguments(true);
    const auto result = run_command(argv, std::nullopt, 10s);
    if (result.exit_code != 0)
        throw std::runtime_error("sshd rejected the test configuration: " + describe(argv, result) +
                                 "\nconfig:\n" + read_file(config_path()));
}

bool sshd_fixture::try_start() {
    write_config();
    validate_config();

    const int log_fd =
        ::open(log_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0)
        throw std::runtime_error("open " + log_path().string() + ": " + std::strerror(errno));
    spawn_options spawn;
    spawn.io.stdout_fd = log_fd;
    spawn.io.stderr_fd = log_fd;
    // If the test process crashes, sshd goes with it rather than holding the port.
    spawn.die_with_parent = true;
    try {
        pid_ = spawn_process(sshd_arguments(false), spawn);
    } catch (...) {
        ::close(log_fd);
        throw;
    }
    ::close(log_fd);

    const auto deadline = clock_type::now() + ready_timeout;
    for (;;) {
        if (const auto status = wait_for_exit(pid_, 0ms)) {
            pid_ = -1;
            const std::string text = log();
            if (text.find("Address already in use") != std::string::npos)
                return false;
            throw std::runtime_error("sshd exited during start-up (exit code " +
                                     std::to_string(exit_code_of(*status)) + "); its log:\n" +
                                     text);
        }
        const auto attempt_deadline = std::min(deadline, clock_type::now() + 1s);
        if (answers_with_banner(port_, attempt_deadline))
            return true;
        if (clock_type::now() >= deadline) {
            stop();
            throw std::runtime_error("sshd did not answer with a banner on " + host_ + ":" +
                                     std::to_string(port_) + " within 10 s; its log:\n" + log());
        }
        std::this_thread::sleep_for(10ms);
    }
}

void sshd_fixture::start() {
    if (running())
        return;
    ensure_privsep_dir();
    if (options_.password_authentication || options_.kbd_interactive_authentication)
        ensure_password_user();
    for (int attempt = 0; attempt < port_attempts; ++attempt) {
        // A restart keeps its port when it can, so clients can reconnect to the same address.
        if (attempt > 0 || port_ == 0)
            port_ = free_port();
        if (try_start()) {
            write_file(known_hosts_path(), known_hosts(), std::filesystem::perms(0644));
            return;
        }
    }
    throw std::runtime_error("sshd could not bind a free port in " + std::to_string(port_attempts) +
                             " attempts; last log:\n" + log());
}

void sshd_fixture::stop() {
    if (!running())
        return;
    const pid_t pid = std::exchange(pid_, -1);
    // Freeze first so nothing forks or is reparented out of sight while we collect the tree.
    const auto tree = freeze_tree(pid);
    for (const auto& p : tree) {
        signal_process(p, SIGTERM);
        signal_process(p, SIGCONT);
    }
    ::kill(pid, SIGTERM);
    ::kill(pid, SIGCONT);
    const auto deadline = clock_type::now() + stop_grace;
    if (!wait_for_exit(pid, stop_grace)) {
        ::kill(pid, SIGKILL);
        wait_for_exit(pid, 5s);
    }
    // The descendants are not our children: their parent or init reaps them. Watch them go.
    auto alive = [&] {
        return std::any_of(tree.begin(), tree.end(), [](const auto& p) { return is_running(p); });
    };
    while (alive() && clock_type::now() < deadline)
        std::this_thread::sleep_for(10ms);
    for (const auto& p : tree)
        if (is_running(p))
            signal_process(p, SIGKILL);
}

void sshd_fixture::pause() {
    if (!running())
        return;
    ::kill(pid_, SIGSTOP);
    if (const auto id = identify_process(pid_))
        wait_for_state({*id}, true, clock_type::now() + 2s);
}

void sshd_fixture::resume() {
    if (!running())
        return;
    ::kill(pid_, SIGCONT);
    if (const auto id = identify_process(pid_))
        wait_for_state({*id}, false, clock_type::now() + 2s);
}

void sshd_fixture::pause_all() {
    if (running())
        freeze_tree(pid_);
}

void sshd_fixture::resume_all() {
    if (!running())
        return;
    std::vector<process_id> resumed = descendants(pid_);
    for (const auto& p : resumed)
        signal_process(p, SIGCONT);
    ::kill(pid_, SIGCONT);
    if (const auto id = identify_process(pid_))
        resumed.push_back(*id);
    wait_for_state(resumed, false, clock_type::now() + 2s);
}

std::string sshd_fixture::log() const {
    try {
        return read_file(log_path());
    } catch (const std::exception&) {
        return "(no sshd log)";
    }
}

const std::filesystem::path& sshd_fixture::host_key_path(key_type type) const {
    return cached_host_key(type).private_key;
}

const std::string& sshd_fixture::host_public_key(key_type type) const {
    return cached_host_key(type).public_line;
}

const std::string& sshd_fixture::host_key_fingerprint(key_type type) const {
    return cached_host_key(type).fingerprint;
}

const std::filesystem::path& sshd_fixture::client_key_path(key_type type) const {
    return cached_client_key(type).private_key;
}

const std::filesystem::path& sshd_fixture::encrypted_client_key_path() const {
    return cached_encrypted_client_key().private_key;
}

std::string sshd_fixture::known_hosts() const {
    std::string out;
    for (const key_type type : all_key_types) {
        const std::string& line = host_public_key(type);
        // "<type> <base64> <comment>": known_hosts wants the first two fields.
        const auto end = line.find(' ', line.find(' ') + 1);
        out += "[" + host_ + "]:" + std::to_string(port_) + " " + line.substr(0, end) + "\n";
    }
    return out;
}

std::vector<std::string> sshd_fixture::ssh_command() const {
    return {"ssh",
            "-F",
            "/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "UserKnownHostsFile=" + known_hosts_path().string(),
            "-o",
            "GlobalKnownHostsFile=/dev/null",
            "-o",
            "IdentitiesOnly=yes",
            "-i",
            client_key_path(key_type::ed25519).string(),
            "-p",
            std::to_string(port_),
            "-l",
            user_,
            host_};
}

} // namespace test_common
