#include "validate.hpp"

#include "layer_reader.hpp"

#include <algorithm>
#include <set>

namespace inventory::detail {
namespace {

void check_group_names(const layer& l, const group_index& groups, error_list& errors) {
    for (const auto& [name, at] : l.groups) {
        if (groups.find(name) == groups.end()) {
            report(errors, at, describe(l) + " is in unknown group \"" + name + "\"");
        }
    }
}

void check_platform(const layer& l, const load_options& options, error_list& errors) {
    if (!l.platform) {
        return;
    }
    const auto& known = options.known_platforms;
    if (std::find(known.begin(), known.end(), *l.platform) != known.end()) {
        return;
    }
    std::string list;
    for (const auto& p : known) {
        list += (list.empty() ? "" : ", ") + p;
    }
    report(errors, l.origin_of("platform").mark,
           "unknown platform \"" + *l.platform + "\" in " + describe(l) + " (known: " + list + ")");
}

/// Reports each cycle once, where the edge that closes it is written. Depth first with an
/// explicit stack; every group is entered once, which bounds the walk.
void check_cycles(const document& doc, const group_index& groups, error_list& errors) {
    enum class state { unseen, open, done };
    std::map<std::string, state> states;
    struct frame {
        const layer* group;
        std::size_t next_edge;
    };
    for (const auto& root : doc.groups) {
        if (states[root.name] != state::unseen) {
            continue;
        }
        std::vector<frame> path{{&root, 0}};
        states[root.name] = state::open;
        while (!path.empty()) {
            frame& top = path.back();
            if (top.next_edge == top.group->groups.size()) {
                states[top.group->name] = state::done;
                path.pop_back();
                continue;
            }
            const auto& [name, at] = top.group->groups[top.next_edge++];
            const auto found = groups.find(name);
            if (found == groups.end()) {
                continue; // reported as an unknown group
            }
            const state s = states[name];
            if (s == state::open) {
                std::string cycle;
                bool in_cycle = false;
                for (const auto& f : path) {
                    in_cycle = in_cycle || f.group->name == name;
                    if (in_cycle) {
                        cycle += f.group->name + " -> ";
                    }
                }
                report(errors, at, "group cycle: " + cycle + name);
            } else if (s == state::unseen) {
                states[name] = state::open;
                path.push_back(frame{found->second, 0});
            }
        }
    }
}

void check_reference(const std::optional<credential>& value, const char* field,
                     const resolved_host& host, error_list& errors) {
    if (!value) {
        return;
    }
    const auto resolved = value->resolve(host.base_dir);
    if (const auto* err = std::get_if<secret_error>(&resolved)) {
        report(errors, host.sources.at(field).mark,
               std::string(field) + " of host \"" + host.name + "\": " + err->message);
    }
}

} // namespace

void check_document(const document& doc, const group_index& groups, const load_options& options,
                    error_list& errors) {
    for (const auto& h : doc.hosts) {
        check_group_names(h, groups, errors);
        check_platform(h, options, errors);
    }
    for (const auto& g : doc.groups) {
        check_group_names(g, groups, errors);
        check_platform(g, options, errors);
    }
    if (doc.defaults) {
        if (!doc.defaults->groups.empty()) {
            report(errors, doc.defaults->origin_of("groups").mark, "defaults cannot have groups");
        }
        check_platform(*doc.defaults, options, errors);
    }
    check_cycles(doc, groups, errors);
}

void check_resolved(const resolved_host& host, const load_options& options, error_list& errors) {
    if (!host.password && !host.key && !options.keys_given_elsewhere) {
        report(errors, host.defined_at,
               "host \"" + host.name + "\" (defined at " + host.defined_at.text() +
                   ") has no password and no key, from itself, its groups or the defaults");
    }
    if (options.check_references) {
        check_reference(host.password, "password", host, errors);
        check_reference(host.passphrase, "passphrase", host, errors);
        check_reference(host.enable_secret, "enable_secret", host, errors);
    }
}

} // namespace inventory::detail
