// What one simulated Junos device keeps across its sessions: facts, clock, the active
// configuration and its commit history, and a pending "commit confirmed".
#pragma once

#include "config_tree.hpp"
#include "junos_clock.hpp"
#include "junos_facts.hpp"

#include <sim/device_model.hpp>

#include <chrono>
#include <deque>
#include <optional>
#include <string>

namespace sim::junos {

struct commit_record {
    config_node config;
    wall_time when;
    std::string user;
    std::string client;  // "cli", or "other" for the automatic rollback
    std::string comment; // "commit confirmed, rollback in 2mins"
};

class junos_state {
public:
    // Junos keeps the active configuration and 49 earlier ones (rollback 0..49).
    static constexpr std::size_t kept_commits = 50;

    junos_state(device_profile profile, sim_clock::time_point now);

    const device_profile& profile() const noexcept { return profile_; }
    const junos_facts& facts() const noexcept { return facts_; }
    const device_clock& clock() const noexcept { return clock_; }
    const config_node& active() const noexcept { return history_.front().config; }
    // Newest first: history()[n] is "rollback n".
    const std::deque<commit_record>& history() const noexcept { return history_; }
    // The host name of the active configuration.
    std::string hostname() const;

    // Reverts an unconfirmed "commit confirmed" whose time is up. Every entry point calls
    // it first, so the rollback shows as soon as any later call's `now` has passed it.
    void settle(sim_clock::time_point now);

    // Makes `candidate` active. With `confirm_within`, it reverts unless a commit or a
    // commit check follows in time; a plain commit confirms a pending one.
    void commit(config_node candidate, sim_clock::time_point now,
                std::optional<std::chrono::minutes> confirm_within);
    // "commit check" confirms a pending "commit confirmed" too.
    void confirm() noexcept;

private:
    struct pending_confirmation {
        sim_clock::time_point deadline;
        config_node previous;
    };

    void record(config_node config, wall_time when, std::string client, std::string comment);

    device_profile profile_;
    junos_facts facts_;
    device_clock clock_;
    std::deque<commit_record> history_;
    std::optional<pending_confirmation> pending_;
};

} // namespace sim::junos
