#pragma once
// What to do with a lookup result: OpenSSH's StrictHostKeyChecking plus Paramiko's
// AutoAddPolicy. A pure function: adding the key and asking the user are the caller's steps.
//
// Whatever the policy, a revoked key and a changed key (mismatch) are refused, and an
// unknown host is never added when a known_hosts file could not be read in full.

#include <ssh/known_hosts/lookup.hpp>

#include <boost/system/error_code.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace ssh::known_hosts {

enum class policy {
    strict,     // StrictHostKeyChecking=yes: unknown hosts are refused
    accept_new, // =accept-new: unknown hosts are added, then accepted
    auto_add,   // Paramiko's AutoAddPolicy: like accept_new (add, warn, accept). Paramiko
                // also refuses a changed key whatever the policy, and so do we.
    ask,        // =ask: the application decides about unknown hosts (needs_decision)
    off,        // =no/off: unknown hosts are accepted but NOT added (OpenSSH would add
                // them); changed keys are refused, where OpenSSH would go on with some
                // authentication methods disabled.
};

enum class action {
    accept,         // go on
    add_and_accept, // append the key to the user's known_hosts, then go on
    needs_decision, // ask the user; on "yes" append (optional) and go on, else refuse
    reject,         // refuse the connection before authenticating
};

struct decision {
    action what = action::reject;
    boost::system::error_code error; // set iff what == reject
    // For reject: why, naming file:line and fingerprints. For add_and_accept and accept of
    // an unknown host: a warning to show. For needs_decision: the question to ask. Empty
    // when a known key matched.
    std::string message;
};

decision decide(const lookup_result& found, policy p);

// "yes"/"strict", "accept-new"/"accept_new", "auto-add"/"auto_add", "ask", "no"/"off"
// (case-insensitive); nullopt for anything else.
std::optional<policy> parse_policy(std::string_view text);

} // namespace ssh::known_hosts
