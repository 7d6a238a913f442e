// The records an inventory resolves to: one `resolved_host` per host, every value inherited
// (host, then its groups depth first, then defaults) and the place each value came from.
//
// Secrets stay as the inventory wrote them (`credential`): a ${env:...}/${file:...} reference
// or a literal. They are turned into a `secret` only by `credential::resolve`, at the moment
// they are needed, and render as the reference text or as "********", never as their value.
#pragma once

#include <inventory/secret_ref.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace inventory {

/// A place in an inventory file; line and column are 1-based (0: unknown).
struct source_mark {
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;

    /// "file:line:column"
    [[nodiscard]] std::string text() const;
};

/// Where a resolved value was written: on the host itself, in one of its groups, or in the
/// defaults.
struct origin {
    enum class level { host, group, defaults };
    level from = level::host;
    std::string group; // the group's name when from == group
    source_mark mark;

    /// "host", "group core" or "defaults"
    [[nodiscard]] std::string text() const;
};

/// A password, passphrase or enable secret as written in the inventory.
class credential {
public:
    credential() = default;
    explicit credential(std::string text)
        : text_(std::move(text)) {}

    /// True when the value is made only of ${env:...}/${file:...} references, so the text
    /// can be shown without revealing anything.
    [[nodiscard]] bool only_references() const;
    /// The reference text, or "********" for a literal (or partly literal) value.
    [[nodiscard]] std::string shown() const;
    /// The plaintext: references read now, relative paths from `base_dir`.
    [[nodiscard]] secret_result resolve(const std::filesystem::path& base_dir) const;

private:
    std::string text_;
};

enum class host_key_policy { strict, accept_new, auto_add, off };

/// "strict", "accept-new", "auto-add", "off"
[[nodiscard]] std::string_view to_string(host_key_policy p);

struct connection_options {
    std::optional<std::chrono::milliseconds> connect_timeout;
    std::optional<std::chrono::milliseconds> kex_timeout;
    std::optional<std::chrono::milliseconds> auth_timeout;
    std::optional<std::chrono::milliseconds> command_timeout;
    std::optional<std::chrono::milliseconds> device_timeout;
    // OpenSSH list syntax ("+aes128-cbc", "-ssh-rsa", "^curve25519-sha256"), for the engine.
    std::optional<std::string> kex_algorithms;
    std::optional<std::string> ciphers;
    std::optional<std::string> macs;
    std::optional<std::string> host_key_algorithms;
    std::optional<host_key_policy> policy;
    std::optional<std::filesystem::path> known_hosts; // absolute: anchored at the inventory
    // OpenSSH -o names and values, merged key by key (the nearest level wins).
    std::map<std::string, std::string> ssh_options;
};

struct resolved_host {
    std::string name;
    source_mark defined_at;         // the host's key in the inventory
    std::filesystem::path base_dir; // the inventory's folder: anchors ${file:...} references

    std::string address; // the host name when the inventory gives none
    std::uint16_t port = 22;
    std::string platform; // canonical name (aliases mapped), empty when none is given
    std::string username;
    std::optional<credential> password;
    std::optional<std::filesystem::path> key; // private key file, absolute
    std::optional<credential> passphrase;
    std::optional<credential> enable_secret;
    std::vector<std::string> groups;     // as listed on the host
    std::vector<std::string> all_groups; // resolution order: each group then its own groups
    std::vector<std::string> tags;       // union over host, groups, defaults, in that order
    // Free-form data merged key by key; nested values kept as flow-style YAML text.
    std::map<std::string, std::string> data;
    connection_options connection;

    // Field name ("port", "password", "data.site", "connection.kex_timeout",
    // "connection.ssh_options.Compression") -> where its value came from. A field missing
    // here took fleetsh's default (address: the name, port: 22).
    std::map<std::string, origin> sources;
};

} // namespace inventory
