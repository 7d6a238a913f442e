#include <inventory/render.hpp>

#include <algorithm>
#include <array>
#include <chrono>

namespace inventory {
namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ",") + item;
    }
    return out.empty() ? "-" : out;
}

std::string duration_text(std::chrono::milliseconds d) {
    return d.count() % 1000 == 0 ? std::to_string(d.count() / 1000) + "s"
                                 : std::to_string(d.count()) + "ms";
}

/// Left-aligned columns, two spaces apart, no trailing spaces.
std::string columns(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& row : rows) {
        width.resize(std::max(width.size(), row.size()));
        for (std::size_t i = 0; i < row.size(); ++i) {
            width[i] = std::max(width[i], row[i].size());
        }
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) {
                line += std::string(width[i] - row[i].size() + 2, ' ');
            }
        }
        out += line + "\n";
    }
    return out;
}

} // namespace

std::vector<std::pair<std::string, std::string>> host_fields(const resolved_host& h) {
    std::vector<std::pair<std::string, std::string>> out;
    out.emplace_back("address", h.address);
    out.emplace_back("port", std::to_string(h.port));
    const auto text = [&](const char* name, const std::string& v) {
        if (!v.empty()) {
            out.emplace_back(name, v);
        }
    };
    const auto secret = [&](const char* name, const std::optional<credential>& c) {
        if (c) {
            out.emplace_back(name, c->shown());
        }
    };
    text("platform", h.platform);
    text("username", h.username);
    secret("password", h.password);
    if (h.key) {
        out.emplace_back("key", h.key->string());
    }
    secret("passphrase", h.passphrase);
    secret("enable_secret", h.enable_secret);
    for (const auto& [key, value] : h.data) {
        out.emplace_back("data." + key, value);
    }
    const auto& c = h.connection;
    const std::array<std::pair<const char*, const std::optional<std::chrono::milliseconds>*>, 5>
        timeouts{{{"connect_timeout", &c.connect_timeout},
                  {"kex_timeout", &c.kex_timeout},
                  {"auth_timeout", &c.auth_timeout},
                  {"command_timeout", &c.command_timeout},
                  {"device_timeout", &c.device_timeout}}};
    for (const auto& [name, value] : timeouts) {
        if (*value) {
            out.emplace_back(std::string("connection.") + name, duration_text(**value));
        }
    }
    const std::array<std::pair<const char*, const std::optional<std::string>*>, 4> lists{{
        {"kex_algorithms", &c.kex_algorithms},
        {"ciphers", &c.ciphers},
        {"macs", &c.macs},
        {"host_key_algorithms", &c.host_key_algorithms},
    }};
    for (const auto& [name, value] : lists) {
        if (*value) {
            out.emplace_back(std::string("connection.") + name, **value);
        }
    }
    if (c.policy) {
        out.emplace_back("connection.host_key_policy", std::string(to_string(*c.policy)));
    }
    if (c.known_hosts) {
        out.emplace_back("connection.known_hosts", c.known_hosts->string());
    }
    for (const auto& [key, value] : c.ssh_options) {
        out.emplace_back("connection.ssh_options." + key, value);
    }
    return out;
}

std::string render_table(const std::vector<resolved_host>& hosts) {
    std::vector<std::vector<std::string>> rows{{"NAME", "ADDRESS", "PLATFORM", "GROUPS", "TAGS"}};
    for (const auto& h : hosts) {
        rows.push_back({h.name, h.address + ":" + std::to_string(h.port),
                        h.platform.empty() ? "-" : h.platform, joined(h.groups), joined(h.tags)});
    }
    return columns(rows);
}

std::string render_host(const resolved_host& h) {
    std::string out = "host " + h.name + "  (" + h.defined_at.text() + ")\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& [field, value] : host_fields(h)) {
        const auto source = h.sources.find(field);
        rows.push_back({"  " + field, value,
                        source == h.sources.end() ? "(fleetsh default)" : source->second.text(),
                        source == h.sources.end() ? "" : source->second.mark.text()});
    }
    rows.push_back({"  groups", joined(h.groups), "resolution order: " + joined(h.all_groups)});
    rows.push_back({"  tags", joined(h.tags)});
    return out + columns(rows);
}

} // namespace inventory
