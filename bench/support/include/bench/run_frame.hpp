// What every bench's run does around its measurements: main() reporting what was thrown, the
// setup before anything is measured, the throwaway sshd as the benches configure it, and the
// closing lines.
#pragma once

#include <bench/proc.hpp>

#include <test_common/sshd_fixture.hpp>

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace bench {

// run()'s exit status; 1, after "program: what" on stderr, when it throws.
int run_reporting_errors(std::string_view program, const std::function<int()>& run);

// SIGPIPE ignored (a peer that hangs up must not end the bench), and a warning on stderr when
// not root: the sshd fixture logs in as the user running it.
void prepare_run(std::string_view program);

// The sshd fixture for the benches: startups and sessions enough for any run, only errors in
// its log, and one algorithm of each kind (curve25519-sha256, ssh-ed25519, aes128-gcm).
test_common::sshd_options bench_sshd_options();

// OpenSSH's version as `ssh -V` prints it, without the line end.
std::string openssh_version();

// What the sshd logged after its log had `before` bytes.
std::string sshd_log_since(const test_common::sshd_fixture& sshd, std::size_t before);

// Lines of the header every bench prints: how the runs of the two `sides` ("sim and sshd")
// were measured, and the machine they ran on.
std::string method_lines(std::string_view sides);
std::string machine_line();

// The notes (report.hpp), then "load average at end ...; total ... s" since `started`.
void print_run_end(std::ostream& out, clk::time_point started);

} // namespace bench
