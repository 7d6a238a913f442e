#include "junos_state.hpp"

#include "initial_config.hpp"

#include <utility>

namespace sim::junos {

junos_state::junos_state(device_profile profile, sim_clock::time_point now)
    : profile_(std::move(profile))
    , facts_(make_junos_facts(profile_))
    , clock_{now, facts_.wall_at_start} {
    history_.push_back(
        {initial_config(profile_, facts_), facts_.last_commit, profile_.username, "cli", ""});
}

std::string junos_state::hostname() const {
    const auto* name = find_node(active(), {{"system"}, {"host-name"}});
    return name != nullptr && name->value ? *name->value : profile_.hostname;
}

void junos_state::settle(sim_clock::time_point now) {
    if (!pending_ || now < pending_->deadline)
        return;
    auto previous = std::move(pending_->previous);
    const auto when = clock_.wall(pending_->deadline);
    pending_.reset();
    record(std::move(previous), when, "other", "");
}

void junos_state::commit(config_node candidate, sim_clock::time_point now,
                         std::optional<std::chrono::minutes> confirm_within) {
    std::string comment;
    if (confirm_within) {
        if (!pending_)
            pending_ = pending_confirmation{{}, active()};
        pending_->deadline = now + *confirm_within;
        comment =
            "commit confirmed, rollback in " + std::to_string(confirm_within->count()) + "mins";
    } else {
        pending_.reset();
    }
    record(std::move(candidate), clock_.wall(now), "cli", std::move(comment));
}

void junos_state::confirm() noexcept {
    pending_.reset();
}

void junos_state::record(config_node config, wall_time when, std::string client,
                         std::string comment) {
    history_.push_front(
        {std::move(config), when, profile_.username, std::move(client), std::move(comment)});
    if (history_.size() > kept_commits)
        history_.pop_back();
}

} // namespace sim::junos
