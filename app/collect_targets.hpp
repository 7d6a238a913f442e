#pragma once
// From inventory hosts to the collection job's targets: credentials resolved, keys loaded,
// algorithms, known_hosts and deadlines applied, then the command line's -o options on top.

#include <engine/platform_driver.hpp>
#include <inventory/host.hpp>
#include <jobs/collect.hpp>

#include <optional>
#include <string>
#include <vector>

namespace app {

struct target_settings {
    std::vector<std::string> commands;
    std::vector<std::string> openssh_options; // -o, applied to every device last
    std::optional<std::chrono::milliseconds> command_timeout;
};

// The target, or a message naming the host and the problem (no secret in it).
std::variant<jobs::collect_target, std::string> make_target(const inventory::resolved_host& host,
                                                            const engine::driver_registry& drivers,
                                                            const target_settings& settings);

} // namespace app
