#pragma once
// What the client authenticates with, and the caps that bound a hostile server.

#include <ssh/auth/method.hpp>
#include <ssh/auth/secret.hpp>
#include <ssh/crypto/private_key.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ssh::auth {

// User names longer than this are refused before anything is sent (bad-input.md E47).
inline constexpr std::size_t max_user_name_length = 1024;
// Bytes of a banner shown; the rest is dropped (bad-input.md E44).
inline constexpr std::size_t max_banner_display = 4 * 1024;

struct client_auth_config {
    std::string user; // RFC 4252 §5: UTF-8; at most max_user_name_length bytes, no NUL

    // The methods to try, in this order, among those the server allows. "none" is always
    // sent first, to learn them (RFC 4252 §5.2), and need not be listed.
    std::vector<method> methods = default_methods();

    // publickey: each key is tried in turn, with a query before any signature (RFC 4252 §7).
    std::vector<std::shared_ptr<const crypto::private_key>> keys;
    // Sign RSA keys with SHA-1 "ssh-rsa" when the server knows nothing newer (legacy devices,
    // ssh-conformance.md §10).
    bool allow_ssh_rsa = false;

    // password, and keyboard-interactive answered automatically (below).
    std::optional<secret> password;

    // Network devices ask for the password through keyboard-interactive. When true, an
    // INFO_REQUEST with exactly one prompt, echo off, is answered with the password, once per
    // keyboard-interactive attempt (a second such prompt means the password was refused, and
    // goes to the application). Other requests become prompts events.
    bool answer_prompts_with_password = true;

    // Caps (bad-input.md E43, E45).
    std::size_t max_requests = 20;           // USERAUTH_REQUESTs, "none" and queries included
    std::size_t max_info_rounds = 16;        // INFO_REQUESTs per keyboard-interactive attempt
    std::size_t max_prompts = 64;            // prompts in one INFO_REQUEST
    std::size_t max_prompt_text = 64 * 1024; // name + instruction + prompts of one INFO_REQUEST
};

} // namespace ssh::auth
