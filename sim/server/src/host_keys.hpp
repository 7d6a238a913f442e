// The host keys of a simulated fleet: per device Ed25519 and ECDSA keys, one RSA key shared
// by the fleet (RSA generation costs ~100 ms a key), optionally kept in a folder.
#pragma once

#include <ssh/crypto/private_key.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sim::server {

using key_ptr = std::shared_ptr<const ssh::crypto::private_key>;

struct host_key_error {
    std::string message;
};

class host_key_source {
public:
    host_key_source(std::vector<ssh::crypto::key_type> types,
                    std::optional<std::filesystem::path> folder);

    // The device's keys, in `types` order: loaded from <folder>/<device>.<type> when the file
    // exists, else generated (and saved there when there is a folder).
    std::variant<std::vector<key_ptr>, host_key_error> keys_for(const std::string& device);
    // Fresh keys of the same types, never saved: what a device with a changed key serves.
    std::variant<std::vector<key_ptr>, host_key_error> impostor_keys();

private:
    std::variant<key_ptr, host_key_error> obtain(ssh::crypto::key_type type,
                                                 const std::string& file_stem);

    std::vector<ssh::crypto::key_type> types_;
    std::optional<std::filesystem::path> folder_;
    key_ptr shared_rsa_;
};

} // namespace sim::server
