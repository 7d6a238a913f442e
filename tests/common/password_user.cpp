#include <pwd.h>
#include <unistd.h>

#include <test_common/password_user.hpp>
#include <test_common/run_command.hpp>

#include <mutex>
#include <stdexcept>
#include <vector>

namespace test_common {

namespace {

bool account_exists(const std::string& name) {
    return ::getpwnam(name.c_str()) != nullptr;
}

void run_or_throw(const std::vector<std::string>& argv, std::optional<std::string> input = {}) {
    const auto result = run_command(argv, std::move(input));
    if (result.exit_code != 0)
        throw std::runtime_error("setting up the password test account failed: " +
                                 describe(argv, result));
}

void create_as_root(const user_credentials& user) {
    if (!account_exists(user.name))
        run_or_throw({"useradd", "-m", "-s", "/bin/sh", user.name});
    // Always (re)set: an account left by someone else might have another or a locked password.
    run_or_throw({"chpasswd"}, user.name + ":" + user.password + "\n");
}

} // namespace

user_credentials password_user() {
    return {"fleetsh-test", "fleetsh-test-pw"};
}

void ensure_password_user() {
    static std::once_flag done;
    const auto user = password_user();
    if (::geteuid() == 0) {
        std::call_once(done, create_as_root, user); // a throw leaves it to be retried
        return;
    }
    if (!account_exists(user.name))
        throw std::runtime_error("the password test account '" + user.name +
                                 "' does not exist; run scripts/setup as root to create it");
}

} // namespace test_common
