// A throwaway OpenSSH sshd on 127.0.0.1 for integration tests: its own config, keys, port and
// log, started by the constructor and stopped (with every process it forked) by the destructor.
//
// Who can log in: sshd authenticates as the user it runs as. The fixture's user() is the
// effective user of the test process. Running as root, any account works, including
// password_user() for password tests (the fixture then calls ensure_password_user()). Running as
// another user, sshd can only authenticate that same user, and password authentication cannot
// work at all (sshd cannot read /etc/shadow); run such tests as root, as CI does.
//
// Every user shares one AuthorizedKeysFile in dir(), listing the public halves of the cached
// client keys (test_keys.hpp); nobody's ~/.ssh is read.
//
// sshd is tied to the thread that starts it (PR_SET_PDEATHSIG, so a crashed test leaves no sshd
// holding a port): start it from a thread that outlives the fixture, such as the test's own.
// Keyboard-interactive needs PAM, which UsePAM no disables: pass "UsePAM=yes" in extra_options
// (root only) for a test that needs it.
#pragma once

#include <sys/types.h>

#include <test_common/password_user.hpp>
#include <test_common/temp_dir.hpp>
#include <test_common/test_keys.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace test_common {

struct sshd_options {
    bool password_authentication = false;
    bool kbd_interactive_authentication = false;
    // sshd_config settings as "Key=Value", each passed as `-o Key=Value` after the config file,
    // e.g. "KexAlgorithms=curve25519-sha256", "RekeyLimit=1M", "ClientAliveInterval=1".
    std::vector<std::string> extra_options{};
};

class sshd_fixture {
public:
    // Starts sshd (see start()). Throws std::runtime_error, with sshd's output, on failure.
    explicit sshd_fixture(sshd_options options = {});
    ~sshd_fixture();

    sshd_fixture(const sshd_fixture&) = delete;
    sshd_fixture& operator=(const sshd_fixture&) = delete;

    // Validates the config with `sshd -t`, runs `sshd -D -e -f <config> -o ...` and returns once
    // the port answers with an "SSH-2.0-" banner (10 s at most). A restart after stop() tries the
    // previous port first. Does nothing when already running.
    void start();
    // SIGTERM to the listener and to every process it forked (connection handlers, users'
    // commands), bounded to 5 s before SIGKILL. Safe to call twice.
    void stop();
    bool running() const noexcept { return pid_ > 0; }

    // SIGSTOP / SIGCONT of the listener only: new connections queue in the kernel unanswered,
    // established ones carry on.
    void pause();
    void resume();
    // SIGSTOP / SIGCONT of the listener and all its descendants, so established connections
    // stop answering too (keepalive and timeout tests). All four return once /proc shows the
    // processes stopped (or running again), waiting 2 s at most.
    void pause_all();
    void resume_all();

    pid_t pid() const noexcept { return pid_; }
    std::uint16_t port() const noexcept { return port_; }
    const std::string& host() const noexcept { return host_; }
    const std::string& user() const noexcept { return user_; }
    const std::filesystem::path& dir() const noexcept { return dir_.path(); }
    const sshd_options& options() const noexcept { return options_; }

    std::filesystem::path config_path() const { return dir_ / "sshd_config"; }
    std::filesystem::path log_path() const { return dir_ / "sshd.log"; }
    // sshd's stderr (LogLevel VERBOSE: DEBUG1 would leak its log lines into sessions'
    // stderr) so far; print it when a test fails.
    std::string log() const;

    const std::filesystem::path& host_key_path(key_type type) const;
    const std::string& host_public_key(key_type type) const;      // "ssh-ed25519 AAAA... comment"
    const std::string& host_key_fingerprint(key_type type) const; // "SHA256:..."

    const std::filesystem::path& client_key_path(key_type type) const; // private key, 0600
    const std::filesystem::path& encrypted_client_key_path() const;    // ed25519
    static std::string client_passphrase() { return std::string(client_key_passphrase); }
    std::filesystem::path authorized_keys_path() const { return dir_ / "authorized_keys"; }

    // One "[127.0.0.1]:PORT <type> <base64>" line per host key, and a file holding them.
    std::string known_hosts() const;
    std::filesystem::path known_hosts_path() const { return dir_ / "known_hosts"; }

    // OpenSSH client arguments reaching this server as user() with the ed25519 client key and
    // strict host key checking against known_hosts_path(); append the remote command.
    std::vector<std::string> ssh_command() const;

private:
    void write_config() const;
    std::vector<std::string> sshd_arguments(bool test_only) const;
    void validate_config() const;
    // Returns false when the port turned out to be taken (worth a retry on another port).
    bool try_start();

    sshd_options options_;
    temp_dir dir_;
    std::string host_ = "127.0.0.1";
    std::string user_;
    std::uint16_t port_ = 0;
    pid_t pid_ = -1;
};

} // namespace test_common
