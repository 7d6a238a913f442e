// The dedicated local account for password-authentication tests against a real sshd.
#pragma once

#include <string>

namespace test_common {

struct user_credentials {
    std::string name;
    std::string password;
};

// {"fleetsh-test", "fleetsh-test-pw"}.
user_credentials password_user();

// Makes sure password_user() exists with its password and a home directory. As root it creates
// the account when missing (useradd -m -s /bin/sh) and (re)sets the password with chpasswd, once
// per process. As another user it only checks that the account exists, and throws
// std::runtime_error asking to run scripts/setup as root when it does not.
void ensure_password_user();

} // namespace test_common
