#pragma once
// Everything a client connection needs to know before it dials.

#include <ssh/crypto/private_key.hpp>
#include <ssh/transport/algorithm_preferences.hpp>
#include <ssh/transport/transport.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ssh::asio {

// The verdict on a host key that signed the key exchange. `message` explains a refusal
// (e.g. "host key for [10.0.0.1]:22 changed: known_hosts:12 has SHA256:..., the server
// presented SHA256:...") and carries a warning on acceptance.
struct host_key_verdict {
    bool accepted = false;
    boost::system::error_code error; // why it was refused (a known_hosts error), if it was
    std::string message;
};

// Called once per connection, from the connection's executor, before anything is sent that
// depends on the server being the right one (NEWKEYS, passwords, signatures).
using host_key_verifier = std::function<host_key_verdict(std::string_view host, std::uint16_t port,
                                                         const transport::host_key_offer& offer)>;

// A keyboard-interactive prompt the library could not answer with the password.
struct prompt {
    std::string text;
    bool echo = false;
};
using prompt_responder = std::function<std::optional<std::vector<std::string>>(
    std::string_view name, std::string_view instruction, const std::vector<prompt>& prompts)>;

struct client_options {
    std::string host;
    std::uint16_t port = 22;
    std::string user;

    // Credentials. The password is also used to answer keyboard-interactive password prompts
    // (network devices authenticate that way).
    std::optional<std::string> password;
    std::vector<std::shared_ptr<const crypto::private_key>> keys;
    // Methods in the order to try them (OpenSSH PreferredAuthentications).
    std::vector<std::string> preferred_authentications = {"publickey", "keyboard-interactive",
                                                          "password"};
    prompt_responder answer_prompts;                 // optional
    std::function<void(std::string_view)> on_banner; // optional: pre-login banner text

    transport::algorithm_lists algorithms = transport::default_client_offer();
    host_key_verifier verify_host_key; // required: there is no "accept anything" default

    // Deadlines, each from the start of its phase. No wait is ever unbounded.
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds kex_timeout{15'000}; // identification + key exchange
    std::chrono::milliseconds auth_timeout{30'000};

    // OpenSSH ServerAliveInterval / ServerAliveCountMax: after `interval` without hearing
    // from the server, send keepalive@openssh.com; give up after `count_max` unanswered.
    // Zero disables.
    std::chrono::seconds keepalive_interval{0};
    int keepalive_count_max = 3;

    transport::rekey_limits rekey;
};

} // namespace ssh::asio
