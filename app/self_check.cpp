#include "self_check.hpp"

#include <ssh/crypto/backend_self_test.hpp>

#include <fmt/core.h>

namespace app {

namespace {

int run_self_check() {
    fmt::print("crypto backend: {}\n", ssh::crypto::backend_version());
    int failed = 0;
    for (const auto& r : ssh::crypto::run_backend_self_tests()) {
        fmt::print("  {:<26} {:<6} {}\n", r.name, r.passed ? "ok" : "FAILED",
                   r.passed ? r.source : r.detail);
        failed += r.passed ? 0 : 1;
    }
    if (failed > 0) {
        fmt::print("{} check(s) failed: this build cannot be trusted to speak SSH\n", failed);
        return 1;
    }
    fmt::print("all checks passed\n");
    return 0;
}

} // namespace

void add_self_check_command(CLI::App& root, int& exit_code) {
    auto* cmd = root.add_subcommand(
        "self-check", "Check that every cryptographic primitive fleetsh needs works in this build");
    cmd->callback([&exit_code] { exit_code = run_self_check(); });
}

} // namespace app
