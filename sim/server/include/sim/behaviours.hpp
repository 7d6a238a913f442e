// Faults and vendor quirks of simulated devices: parsed from the --faults / --quirks
// specs and resolved per device.
//
// Spec: entries separated by ';', each  KIND[=VALUE][@TARGETS]
//   TARGETS: comma-separated items, their union: "N%" (that share of the fleet, rounded, at
//   least one device when N > 0, chosen by the seed), a platform ("cisco_ios"), a device name
//   or an OpenSSH-style glob ("ios-00*"). No "@" means every device.
//   e.g. --faults "auth-reject@ios-0003;latency=300ms@10%;hostkey-change@2%"
//        --quirks "single-exec@cisco_ios;banner=Authorized access only@eos-*"
//
// Faults (what the client should report in brackets):
//   auth-reject            every authentication fails                  [auth failed]
//   kex-close              the TCP connection closes after the client's
//                          identification and KEXINIT arrive            [connection closed in kex]
//   banner-stall           accepts, then sends nothing at all           [kex timeout]
//   hang                   accepts a command, never answers it          [command timeout]
//   latency=DURATION       each command's answer waits DURATION (ms, s) [slow]
//   drop-output            half of a command's answer, then the TCP
//                          connection drops without DISCONNECT          [connection lost]
//   hostkey-change         serves a host key other than the one in the
//                          written known_hosts                          [host key mismatch]
//   trickle=BYTES_PER_SEC  answers trickle out at that rate             [slow]
//   conn-limit=N           closes connections beyond N at once at accept [refused]
// Quirks:
//   single-exec            the connection closes after its first exec channel ends (Cisco IOS)
//   max-sessions=N         channels per connection (OpenSSH MaxSessions)
//   banner[=TEXT]          a pre-login banner (SSH USERAUTH_BANNER)
//   motd[=TEXT]            a message of the day when a shell starts
//   odd-prompt             the host name carries punctuation that trips naive prompt patterns
#pragma once

#include <sim/fleet_mix.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sim {

struct device_behaviour {
    // faults
    bool auth_reject = false;
    bool kex_close = false;
    bool banner_stall = false;
    bool hang = false;
    std::chrono::milliseconds latency{0};
    bool drop_output = false;
    bool hostkey_change = false;
    std::uint32_t trickle_bytes_per_second = 0; // 0: no trickle
    std::optional<std::size_t> connection_limit;
    // quirks
    bool single_exec = false;
    std::optional<std::uint32_t> max_sessions;
    std::optional<std::string> banner;
    std::optional<std::string> motd;
    bool odd_prompt = false;

    bool faulty() const noexcept {
        return auth_reject || kex_close || banner_stall || hang || latency.count() > 0 ||
               drop_output || hostkey_change || trickle_bytes_per_second > 0 ||
               connection_limit.has_value();
    }
    // Names of what is set, e.g. "auth-reject,latency=300ms", for logs and the inventory.
    std::string describe() const;
};

enum class spec_kind { faults, quirks };

struct behaviour_entry {
    std::string kind;                 // "latency"
    std::string value;                // "300ms", "" when none
    std::vector<std::string> targets; // empty: every device
};

struct spec_error {
    std::string message;
};

// Checks kinds (of `kind`), values and target syntax; the message names the entry.
std::variant<std::vector<behaviour_entry>, spec_error> parse_behaviours(std::string_view spec,
                                                                        spec_kind kind);

// Applies the entries to `devices` (one per fleet device, same order), later entries over
// earlier ones. A target naming no device of the fleet (not a platform, matching no name) is
// an error, and then nothing is changed.
std::optional<spec_error> apply_behaviours(const std::vector<behaviour_entry>& entries,
                                           const std::vector<planned_device>& fleet,
                                           std::uint64_t seed,
                                           std::vector<device_behaviour>& devices);

} // namespace sim
