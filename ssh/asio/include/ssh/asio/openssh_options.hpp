#pragma once
// OpenSSH's client options (ssh_config(5), as `ssh -o Key=Value` takes them) applied to
// client_options, so people and scripts can say what they already know how to say.
//
// Supported: KexAlgorithms, HostKeyAlgorithms, Ciphers, MACs (with the +, - and ^ forms),
// UserKnownHostsFile, GlobalKnownHostsFile, StrictHostKeyChecking (yes, accept-new, no, off,
// ask), ConnectTimeout, ServerAliveInterval, ServerAliveCountMax, PreferredAuthentications,
// Port, User, IdentityFile, BatchMode. Keys are case-insensitive; "Key=Value" and
// "Key Value" are both accepted.

#include <ssh/asio/client_options.hpp>
#include <ssh/known_hosts/policy.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ssh::asio {

// The options that shape the host key verifier and key loading rather than a field of
// client_options. Defaults are OpenSSH's.
struct openssh_settings {
    std::string user_known_hosts_file = "~/.ssh/known_hosts";
    std::string global_known_hosts_file = "/etc/ssh/ssh_known_hosts";
    known_hosts::policy host_key_checking = known_hosts::policy::ask;
    std::vector<std::string> identity_files; // loaded by the caller (passphrases are its job)
    bool batch_mode = false;                 // never ask a person anything
};

// Applies one option; false with `error` naming the option and the problem otherwise.
bool apply_openssh_option(client_options& options, openssh_settings& settings,
                          std::string_view option, std::string& error);

// "~/" expanded with $HOME.
std::string expand_home(std::string_view path);

// A verifier for the settings: known_hosts store over the user and global files, loaded now.
// `ask` is used for StrictHostKeyChecking=ask unless batch_mode is set.
host_key_verifier make_verifier(const openssh_settings& settings,
                                std::function<bool(std::string_view question)> ask);

} // namespace ssh::asio
