#include "collect_targets.hpp"

#include <ssh/crypto/private_key.hpp>

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

std::variant<jobs::collect_target, std::string> make_target(const inventory::resolved_host& host,
                                                            const engine::driver_registry& drivers,
                                                            const target_settings& settings,
                                                            verifier_cache& verifiers) {
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
    if (host.key) {
        boost::system::error_code ec;
        std::string hint;
        auto key = ssh::crypto::load_private_key_file(
            *host.key, passphrase ? std::optional<std::string_view>(*passphrase) : std::nullopt, ec,
            &hint);
        if (!key)
            return host.name + ": key " + host.key->string() + ": " + ec.message() +
                   (hint.empty() ? "" : " (" + hint + ")");
        o.keys.push_back(std::make_shared<const ssh::crypto::private_key>(std::move(*key)));
    }
    o.verify_host_key = verifiers.get(ssh_settings);
    return t;
}

} // namespace app
