#pragma once
// From inventory hosts to the collection job's targets: credentials resolved, keys loaded,
// algorithms, known_hosts and deadlines applied, then the command line's -o options on top.

#include <engine/platform_driver.hpp>
#include <inventory/host.hpp>
#include <jobs/collect.hpp>
#include <ssh/asio/openssh_options.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace app {

struct target_settings {
    std::vector<std::string> commands;
    std::vector<std::string> openssh_options;                 // -o, applied to every device last
    std::optional<std::chrono::milliseconds> command_timeout; // over the inventory's
    std::optional<std::chrono::milliseconds> device_timeout;  // over the inventory's
};

// One host key verifier, and so one known_hosts store parsed once, per distinct known_hosts
// setting: the hundreds of hosts of an inventory usually share one file. The stores are
// thread-safe, so targets on different engine threads may share them.
class verifier_cache {
public:
    ssh::asio::host_key_verifier get(const ssh::asio::openssh_settings& settings);

private:
    std::map<std::string, ssh::asio::host_key_verifier> by_setting_;
};

// The target, or a message naming the host and the problem (no secret in it).
std::variant<jobs::collect_target, std::string> make_target(const inventory::resolved_host& host,
                                                            const engine::driver_registry& drivers,
                                                            const target_settings& settings,
                                                            verifier_cache& verifiers);

} // namespace app
