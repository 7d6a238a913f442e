#include <bench/report.hpp>
#include <bench/run_frame.hpp>
#include <unistd.h>

#include <test_common/run_command.hpp>

#include <algorithm>
#include <csignal>
#include <exception>
#include <iostream>
#include <thread>

namespace bench {

int run_reporting_errors(std::string_view program, const std::function<int()>& run) {
    try {
        return run();
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 1;
    }
}

void prepare_run(std::string_view program) {
    std::signal(SIGPIPE, SIG_IGN);
    if (::geteuid() != 0)
        std::cerr << program << ": not root; the sshd fixture may not be able to log in\n";
}

test_common::sshd_options bench_sshd_options() {
    return test_common::sshd_options{
        .extra_options = {"MaxStartups=1000", "MaxSessions=1000", "LogLevel=ERROR",
                          "KexAlgorithms=curve25519-sha256", "HostKeyAlgorithms=ssh-ed25519",
                          "Ciphers=aes128-gcm@openssh.com"}};
}

std::string openssh_version() {
    auto version = test_common::run_command({"ssh", "-V"}).err;
    while (!version.empty() && version.back() == '\n')
        version.pop_back();
    return version;
}

std::string sshd_log_since(const test_common::sshd_fixture& sshd, std::size_t before) {
    const auto log = sshd.log();
    return log.substr(std::min(before, log.size()));
}

std::string method_lines(std::string_view sides) {
    return "  method:      " + std::string(sides) +
           " runs interleaved, order alternating; each figure is median [min-max]\n"
           "               of the R repeats; ratio = median [min-max] of the R adjacent pairs\n";
}

std::string machine_line() {
    return "  machine:     " + std::to_string(std::thread::hardware_concurrency()) +
           " CPUs, load average at start " + load_average() + "\n";
}

void print_run_end(std::ostream& out, clk::time_point started) {
    print_notes(out);
    out << "load average at end " << load_average() << "; total "
        << number(seconds(clk::now() - started)) << " s\n";
}

} // namespace bench
