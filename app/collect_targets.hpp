#pragma once
// From inventory hosts to the collection job's targets: credentials resolved, keys loaded,
// algorithms, known_hosts and deadlines applied, then the command line's -o options on top.

#include <engine/platform_driver.hpp>
#include <inventory/host.hpp>
#include <jobs/collect.hpp>
#include <ssh/asio/openssh_options.hpp>
#include <ssh/crypto/private_key.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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

// Private keys by file and passphrase, each file read and decrypted once for all its hosts.
class key_cache {
public:
    // The key, or a message naming the file and the problem.
    std::variant<std::shared_ptr<const ssh::crypto::private_key>, std::string>
    get(const std::filesystem::path& file, const std::optional<std::string>& passphrase);

private:
    std::map<std::pair<std::string, std::string>, std::shared_ptr<const ssh::crypto::private_key>>
        loaded_;
};

struct target_caches {
    verifier_cache verifiers;
    key_cache keys;
};

// The target, or a message naming the host and the problem (no secret in it).
std::variant<jobs::collect_target, std::string> make_target(const inventory::resolved_host& host,
                                                            const engine::driver_registry& drivers,
                                                            const target_settings& settings,
                                                            target_caches& caches);

struct target_request {
    std::filesystem::path inventory;
    std::vector<std::string> filters; // inventory::parse_filter expressions, ANDed
    std::filesystem::path drivers;    // a folder of extra drivers; empty: none
    target_settings settings;
};

// The inventory's matching hosts as targets, everything checked first. `drivers` (the shipped
// ones, to which request.drivers is added) must outlive the targets, which point into it.
// Each problem is printed to stderr, prefixed with `who`; nullopt when there was any.
std::optional<std::vector<jobs::collect_target>>
load_targets(const target_request& request, engine::driver_registry& drivers, std::string_view who);

} // namespace app
