#include "collect_targets.hpp"

#include <inventory/filter.hpp>
#include <inventory/load.hpp>

#include <fmt/core.h>

namespace app {
namespace {

std::string_view strict_host_key_checking(inventory::host_key_policy p) {
    switch (p) {
    case inventory::host_key_policy::strict:
        return "yes";
    case inventory::host_key_policy::accept_new:
        return "accept-new";
    case inventory::host_key_policy::auto_add:
        return "no"; // OpenSSH's "no": add unknown keys, still refuse changed ones
    case inventory::host_key_policy::off:
        return "off";
    }
    return "yes";
}

// The inventory's connection settings as OpenSSH options, so one code path applies them
// and the command line's -o after them.
std::vector<std::string> inventory_options(const inventory::connection_options& c) {
    std::vector<std::string> out;
    const auto add = [&](std::string_view name, const std::optional<std::string>& v) {
        if (v)
            out.push_back(std::string(name) + "=" + *v);
    };
    add("KexAlgorithms", c.kex_algorithms);
    add("Ciphers", c.ciphers);
    add("MACs", c.macs);
    add("HostKeyAlgorithms", c.host_key_algorithms);
    if (c.known_hosts)
        out.push_back("UserKnownHostsFile=" + c.known_hosts->string());
    if (c.policy)
        out.push_back("StrictHostKeyChecking=" + std::string(strict_host_key_checking(*c.policy)));
    for (const auto& [name, value] : c.ssh_options)
        out.push_back(name + "=" + value);
    return out;
}

std::optional<std::string> reveal(const std::optional<inventory::credential>& c,
                                  const inventory::resolved_host& host, std::string_view what,
                                  std::string& error) {
    if (!c)
        return std::nullopt;
    auto r = c->resolve(host.base_dir);
    if (auto* e = std::get_if<inventory::secret_error>(&r)) {
        error = host.name + ": " + std::string(what) + ": " + e->message;
        return std::nullopt;
    }
    return std::get<inventory::secret>(r).reveal();
}

} // namespace

ssh::asio::host_key_verifier verifier_cache::get(const ssh::asio::openssh_settings& s) {
    const auto key = s.user_known_hosts_file + '\n' + s.global_known_hosts_file + '\n' +
                     std::to_string(static_cast<int>(s.host_key_checking)) +
                     (s.batch_mode ? "b" : "");
    auto it = by_setting_.find(key);
    if (it == by_setting_.end())
        it = by_setting_.emplace(key, ssh::asio::make_verifier(s, nullptr)).first;
    return it->second;
}

std::variant<std::shared_ptr<const ssh::crypto::private_key>, std::string>
key_cache::get(const std::filesystem::path& file, const std::optional<std::string>& passphrase) {
    const auto id = std::make_pair(file.string(), passphrase.value_or(std::string(1, '\0')));
    if (auto it = loaded_.find(id); it != loaded_.end())
        return it->second;
    boost::system::error_code ec;
    std::string hint;
    auto key = ssh::crypto::load_private_key_file(
        file, passphrase ? std::optional<std::string_view>(*passphrase) : std::nullopt, ec, &hint);
    if (!key)
        return "key " + file.string() + ": " + ec.message() +
               (hint.empty() ? "" : " (" + hint + ")");
    auto shared = std::make_shared<const ssh::crypto::private_key>(std::move(*key));
    loaded_.emplace(id, shared);
    return shared;
}

std::variant<jobs::collect_target, std::string> make_target(const inventory::resolved_host& host,
                                                            const engine::driver_registry& drivers,
                                                            const target_settings& settings,
                                                            target_caches& caches) {
    jobs::collect_target t{host.name, host.address, host.port, host.platform, {}};
    auto& plan = t.plan;
    plan.driver = drivers.find(host.platform.empty() ? "linux" : host.platform);
    if (!plan.driver)
        return host.name + ": no driver for platform \"" + host.platform + "\"";
    plan.commands = settings.commands;
    auto& o = plan.connection;
    o.host = host.address;
    o.port = host.port;
    o.user = host.username;
    ssh::asio::openssh_settings ssh_settings;
    ssh_settings.batch_mode = true; // nobody is there to answer during a run
    ssh_settings.host_key_checking = ssh::known_hosts::policy::strict;
    auto options = inventory_options(host.connection);
    options.insert(options.end(), settings.openssh_options.begin(), settings.openssh_options.end());
    for (const auto& option : options) {
        std::string error;
        if (!ssh::asio::apply_openssh_option(o, ssh_settings, option, error))
            return host.name + ": " + option + ": " + error;
    }
    const auto& c = host.connection;
    if (c.connect_timeout)
        o.connect_timeout = *c.connect_timeout;
    if (c.kex_timeout)
        o.kex_timeout = *c.kex_timeout;
    if (c.auth_timeout)
        o.auth_timeout = *c.auth_timeout;
    if (settings.command_timeout)
        plan.command_timeout = *settings.command_timeout;
    else if (c.command_timeout)
        plan.command_timeout = *c.command_timeout;
    if (settings.device_timeout)
        plan.device_timeout = *settings.device_timeout;
    else if (c.device_timeout)
        plan.device_timeout = *c.device_timeout;

    std::string error;
    o.password = reveal(host.password, host, "password", error);
    plan.enable_secret = reveal(host.enable_secret, host, "enable_secret", error);
    const auto passphrase = reveal(host.passphrase, host, "passphrase", error);
    if (!error.empty())
        return error;
    // The inventory's key, then -o IdentityFile's, as ssh offers them.
    std::vector<std::filesystem::path> key_files;
    if (host.key)
        key_files.push_back(*host.key);
    for (const auto& file : ssh_settings.identity_files)
        key_files.push_back(ssh::asio::expand_home(file));
    for (const auto& file : key_files) {
        auto key = caches.keys.get(file, passphrase);
        if (auto* message = std::get_if<std::string>(&key))
            return host.name + ": " + *message;
        o.keys.push_back(std::get<std::shared_ptr<const ssh::crypto::private_key>>(key));
    }
    o.verify_host_key = caches.verifiers.get(ssh_settings);
    return t;
}

std::optional<std::vector<jobs::collect_target>> load_targets(const target_request& request,
                                                              engine::driver_registry& drivers,
                                                              std::string_view who) {
    std::vector<inventory::host_filter> filters;
    for (const auto& expr : request.filters) {
        auto parsed = inventory::parse_filter(expr);
        if (auto* e = std::get_if<inventory::filter_error>(&parsed)) {
            fmt::print(stderr, "{}: {}\n", who, e->message);
            return std::nullopt;
        }
        filters.push_back(std::get<inventory::host_filter>(std::move(parsed)));
    }
    if (!request.drivers.empty()) {
        const auto problems = drivers.load_folder(request.drivers);
        for (const auto& p : problems)
            fmt::print(stderr, "{}\n", p.to_string());
        if (!problems.empty())
            return std::nullopt;
    }
    inventory::load_options lo;
    lo.known_platforms = drivers.names();
    // The command line's -o options, checked once here (a bad one is one usage error, not one
    // per host); keys given by -o IdentityFile make credentials in the inventory optional.
    ssh::asio::client_options scratch;
    ssh::asio::openssh_settings given;
    for (const auto& option : request.settings.openssh_options) {
        std::string error;
        if (!ssh::asio::apply_openssh_option(scratch, given, option, error)) {
            fmt::print(stderr, "{}: -o {}: {}\n", who, option, error);
            return std::nullopt;
        }
    }
    lo.keys_given_elsewhere = !given.identity_files.empty();
    auto loaded = inventory::load_inventory(request.inventory, lo);
    if (auto* errors = std::get_if<inventory::error_list>(&loaded)) {
        for (const auto& e : *errors)
            fmt::print(stderr, "{}\n", e.text());
        return std::nullopt;
    }
    std::vector<jobs::collect_target> targets;
    target_caches caches;
    bool bad = false;
    for (const auto& host : std::get<inventory::host_list>(loaded)) {
        if (!inventory::matches_all(host, filters))
            continue;
        auto t = make_target(host, drivers, request.settings, caches);
        if (auto* message = std::get_if<std::string>(&t)) {
            fmt::print(stderr, "{}: {}\n", who, *message);
            bad = true;
        } else {
            targets.push_back(std::get<jobs::collect_target>(std::move(t)));
        }
    }
    if (bad)
        return std::nullopt;
    if (targets.empty()) {
        fmt::print(stderr, "{}: no host matches\n", who);
        return std::nullopt;
    }
    return targets;
}

} // namespace app
