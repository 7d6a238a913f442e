// Which simulated devices to start: a weighted platform mix and the fleet planned from it.
//
//   auto mix = sim::parse_fleet_mix("cisco_ios=60,arista_eos=20,juniper_junos=10,linux=10");
//   if (auto* err = std::get_if<sim::mix_error>(&mix)) { ... err->message ... }
//   auto fleet = sim::plan_fleet(1000, std::get<sim::fleet_mix>(mix));
//
// Weights are relative (they need not sum to 100). Per-platform counts follow the
// largest-remainder method, ties going to the platform written first, so a plan depends only
// on N and the spec, and its counts always sum to N.
//
// Order: devices are interleaved, not grouped. The plan spreads each platform evenly along the
// list (smooth weighted round-robin over the counts, ties to the platform written first), so
// any prefix of the plan, or any contiguous port range assigned from it, holds roughly the
// same mix as the whole.
//
// Names: "<prefix>-<k>" with k counting from 1 within its platform, in plan order, zero-padded
// to at least 4 digits and to as many digits as N has (ios-0001 … ; for N >= 10000, ios-00001).
// Prefixes: cisco_ios ios, cisco_nxos nxos, arista_eos eos, juniper_junos junos, linux linux.
//
// Error style (shared by fleetsh's inventory, sim and jobs helpers): a fallible function that
// produces a value returns std::variant<value, error>; one that produces nothing returns
// std::optional<error>. Every error struct has a human-readable `message`.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sim {

struct platform_info {
    std::string_view name;   // as written in a mix spec and in platform data files
    std::string_view prefix; // device name prefix
};

inline constexpr std::array<platform_info, 5> known_platforms{{
    {"cisco_ios", "ios"},
    {"cisco_nxos", "nxos"},
    {"arista_eos", "eos"},
    {"juniper_junos", "junos"},
    {"linux", "linux"},
}};

inline constexpr std::uint32_t max_mix_weight = 1'000'000;

struct mix_entry {
    std::string platform;
    std::uint32_t weight = 0;
};

struct mix_error {
    std::string message;
};

class fleet_mix;
using mix_result = std::variant<fleet_mix, mix_error>;

/// Parses "platform=weight,..." (spaces around tokens are allowed). Rejects empty entries,
/// unknown or repeated platforms, weights that are not integers in [0, max_mix_weight], and a
/// mix whose weights are all zero; the message names the offending token.
[[nodiscard]] mix_result parse_fleet_mix(std::string_view spec);

/// A validated mix: known platforms, each at most once, in spec order, total weight > 0.
class fleet_mix {
public:
    [[nodiscard]] const std::vector<mix_entry>& entries() const noexcept { return entries_; }
    [[nodiscard]] std::uint64_t total_weight() const noexcept;

private:
    friend mix_result parse_fleet_mix(std::string_view spec);
    explicit fleet_mix(std::vector<mix_entry> entries)
        : entries_(std::move(entries)) {}

    std::vector<mix_entry> entries_;
};

struct planned_device {
    std::string name;     // e.g. "ios-0001"
    std::string platform; // e.g. "cisco_ios"

    friend bool operator==(const planned_device&, const planned_device&) = default;
};

/// Devices per mix entry (same order as mix.entries()) for a fleet of n; sums to n.
[[nodiscard]] std::vector<std::size_t> apportion(std::size_t n, const fleet_mix& mix);

/// The n devices of the fleet, interleaved as described above.
[[nodiscard]] std::vector<planned_device> plan_fleet(std::size_t n, const fleet_mix& mix);

} // namespace sim
