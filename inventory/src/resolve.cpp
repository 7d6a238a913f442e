#include "resolve.hpp"

#include <algorithm>
#include <set>

namespace inventory::detail {
namespace {

/// Fills one resolved field from the first layer that sets it.
class merger {
public:
    merger(const std::vector<const layer*>& chain, resolved_host& out)
        : chain_(chain)
        , out_(out) {}

    template <typename T, typename Target>
    void first(std::optional<T> layer::*member, const std::string& field, Target& target) {
        for (const layer* l : chain_) {
            if (l->*member) {
                target = *(l->*member);
                out_.sources[field] = l->origin_of(field);
                return;
            }
        }
    }

    template <typename T, typename Target>
    void first_connection(std::optional<T> connection_options::*member, const std::string& field,
                          Target& target) {
        for (const layer* l : chain_) {
            if (l->connection.*member) {
                target = l->connection.*member;
                out_.sources["connection." + field] = l->origin_of("connection." + field);
                return;
            }
        }
    }

    /// Key by key: the nearest layer's value of each key wins.
    void keyed(std::map<std::string, std::string> (*pick)(const layer&), const std::string& prefix,
               std::map<std::string, std::string>& target) {
        for (const layer* l : chain_) {
            for (const auto& [key, value] : pick(*l)) {
                if (target.emplace(key, value).second) {
                    out_.sources[prefix + key] = l->origin_of(prefix + key);
                }
            }
        }
    }

    void tags() {
        for (const layer* l : chain_) {
            for (const auto& tag : l->tags) {
                if (std::find(out_.tags.begin(), out_.tags.end(), tag) == out_.tags.end()) {
                    out_.tags.push_back(tag);
                }
            }
        }
    }

private:
    const std::vector<const layer*>& chain_;
    resolved_host& out_;
};

} // namespace

origin layer::origin_of(const std::string& field) const {
    const auto it = marks.find(field);
    return origin{level, level == origin::level::group ? name : std::string(),
                  it != marks.end() ? it->second : mark};
}

group_index index_groups(const document& doc) {
    group_index index;
    for (const auto& g : doc.groups) {
        index.emplace(g.name, &g);
    }
    return index;
}

std::vector<const layer*> group_order(const layer& host, const group_index& groups) {
    std::vector<const layer*> order;
    std::set<std::string> seen;
    // Depth first with an explicit stack (top = back), so that a deep chain of groups cannot
    // exhaust the call stack. Each group is visited once, which bounds the loop.
    std::vector<const std::string*> stack;
    for (auto it = host.groups.rbegin(); it != host.groups.rend(); ++it) {
        stack.push_back(&it->first);
    }
    while (!stack.empty()) {
        const std::string& name = *stack.back();
        stack.pop_back();
        const auto found = groups.find(name);
        if (found == groups.end() || !seen.insert(name).second) {
            continue;
        }
        const layer* g = found->second;
        order.push_back(g);
        for (auto it = g->groups.rbegin(); it != g->groups.rend(); ++it) {
            stack.push_back(&it->first);
        }
    }
    return order;
}

resolved_host resolve_host(const layer& host, const document& doc, const group_index& groups) {
    resolved_host out;
    out.name = host.name;
    out.defined_at = host.mark;
    out.base_dir = doc.base_dir;
    for (const auto& g : host.groups) {
        out.groups.push_back(g.first);
    }

    std::vector<const layer*> chain{&host};
    for (const layer* g : group_order(host, groups)) {
        chain.push_back(g);
        out.all_groups.push_back(g->name);
    }
    if (doc.defaults) {
        chain.push_back(&*doc.defaults);
    }

    merger m(chain, out);
    out.address = host.name;
    m.first(&layer::address, "address", out.address);
    m.first(&layer::port, "port", out.port);
    m.first(&layer::platform, "platform", out.platform);
    m.first(&layer::username, "username", out.username);
    m.first(&layer::password, "password", out.password);
    m.first(&layer::key, "key", out.key);
    m.first(&layer::passphrase, "passphrase", out.passphrase);
    m.first(&layer::enable_secret, "enable_secret", out.enable_secret);
    m.tags();
    m.keyed([](const layer& l) { return l.data; }, "data.", out.data);

    auto& c = out.connection;
    m.first_connection(&connection_options::connect_timeout, "connect_timeout", c.connect_timeout);
    m.first_connection(&connection_options::kex_timeout, "kex_timeout", c.kex_timeout);
    m.first_connection(&connection_options::auth_timeout, "auth_timeout", c.auth_timeout);
    m.first_connection(&connection_options::command_timeout, "command_timeout", c.command_timeout);
    m.first_connection(&connection_options::device_timeout, "device_timeout", c.device_timeout);
    m.first_connection(&connection_options::kex_algorithms, "kex_algorithms", c.kex_algorithms);
    m.first_connection(&connection_options::ciphers, "ciphers", c.ciphers);
    m.first_connection(&connection_options::macs, "macs", c.macs);
    m.first_connection(&connection_options::host_key_algorithms, "host_key_algorithms",
                       c.host_key_algorithms);
    m.first_connection(&connection_options::policy, "host_key_policy", c.policy);
    m.first_connection(&connection_options::known_hosts, "known_hosts", c.known_hosts);
    m.keyed([](const layer& l) { return l.connection.ssh_options; }, "connection.ssh_options.",
            c.ssh_options);
    return out;
}

} // namespace inventory::detail
