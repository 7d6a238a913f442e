#include "layer_reader.hpp"

#include "values.hpp"

#include <inventory/yaml_walk.hpp>

#include <array>
#include <string_view>

namespace inventory::detail {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view layer_fields =
    "address (or hostname), port, platform, username, password, key, passphrase, "
    "enable_secret, groups, tags, data, connection, connection_options";

constexpr std::string_view connection_fields =
    "connect_timeout, kex_timeout, auth_timeout, command_timeout, device_timeout, "
    "kex_algorithms, ciphers, macs, host_key_algorithms, host_key_policy, known_hosts, "
    "ssh_options";

std::string quote(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

std::string flow_yaml(const YAML::Node& node) {
    YAML::Emitter out;
    out.SetMapFormat(YAML::Flow);
    out.SetSeqFormat(YAML::Flow);
    out << node;
    return out.c_str();
}

class reader {
public:
    reader(const read_context& ctx, layer& out)
        : ctx_(ctx)
        , out_(out)
        , where_(describe(out)) {}

    void read(const YAML::Node& body) {
        if (body.IsNull()) {
            return;
        }
        if (!body.IsMap()) {
            error(body, where_ + " must be a map of fields, not " + std::string(kind_of(body)));
            return;
        }
        for_each_entry(body, ctx_.file, "field", " in " + where_, *ctx_.errors,
                       [this](const std::string& name, const YAML::Node& key,
                              const YAML::Node& value) { field(name, key, value); });
    }

private:
    void field(const std::string& name, const YAML::Node& key, const YAML::Node& value) {
        if (name == "address" || name == "hostname") {
            if (out_.address) {
                error(key, where_ + " gives both address and hostname");
                return;
            }
            set_text(out_.address, "address", key, value);
        } else if (name == "port") {
            port(key, value);
        } else if (name == "platform") {
            std::optional<std::string> text;
            set_text(text, "platform", key, value);
            if (text) {
                out_.platform = canonical_platform(*text);
            }
        } else if (name == "username") {
            set_text(out_.username, "username", key, value);
        } else if (name == "password" || name == "passphrase" || name == "enable_secret") {
            secret_field(name, key, value);
        } else if (name == "key") {
            std::optional<std::string> path;
            set_text(path, "key", key, value);
            if (path) {
                out_.key = anchored(*path);
            }
        } else if (name == "groups") {
            groups(key, value);
        } else if (name == "tags") {
            tags(key, value);
        } else if (name == "data") {
            data(value);
        } else if (name == "connection") {
            connection(value);
        } else if (name == "connection_options") {
            // Settings for Nornir's connection plugins (netmiko, napalm, ...): accepted so that
            // a Nornir inventory loads, and not used.
            expect_map(value, "connection_options");
        } else {
            error(key, "unknown field " + quote(name) + " in " + where_ +
                           " (fields: " + std::string(layer_fields) + ")");
        }
    }

    void connection(const YAML::Node& value) {
        if (!expect_map(value, "connection")) {
            return;
        }
        auto& c = out_.connection;
        for_each_entry(value, ctx_.file, "connection option", " in " + where_, *ctx_.errors,
                       [&](const std::string& name, const YAML::Node& key, const YAML::Node& v) {
                           const std::string field = "connection." + name;
                           if (name == "connect_timeout") {
                               duration(c.connect_timeout, field, key, v);
                           } else if (name == "kex_timeout") {
                               duration(c.kex_timeout, field, key, v);
                           } else if (name == "auth_timeout") {
                               duration(c.auth_timeout, field, key, v);
                           } else if (name == "command_timeout") {
                               duration(c.command_timeout, field, key, v);
                           } else if (name == "device_timeout") {
                               duration(c.device_timeout, field, key, v);
                           } else if (name == "kex_algorithms") {
                               set_text(c.kex_algorithms, field, key, v);
                           } else if (name == "ciphers") {
                               set_text(c.ciphers, field, key, v);
                           } else if (name == "macs") {
                               set_text(c.macs, field, key, v);
                           } else if (name == "host_key_algorithms") {
                               set_text(c.host_key_algorithms, field, key, v);
                           } else if (name == "host_key_policy") {
                               policy(field, key, v);
                           } else if (name == "known_hosts") {
                               std::optional<std::string> path;
                               set_text(path, field, key, v);
                               if (path) {
                                   c.known_hosts = anchored(*path);
                               }
                           } else if (name == "ssh_options") {
                               ssh_options(v);
                           } else {
                               error(key, "unknown connection option " + quote(name) + " in " +
                                              where_ +
                                              " (options: " + std::string(connection_fields) + ")");
                           }
                       });
    }

    void port(const YAML::Node& key, const YAML::Node& value) {
        if (!expect_text(value, "port")) {
            return;
        }
        const auto n = parse_unsigned(value.Scalar());
        if (!n) {
            error(value, "port of " + where_ + " must be a number, not " + quote(value.Scalar()));
        } else if (*n == 0 || *n > 65535) {
            error(value, "bad port " + value.Scalar() + " in " + where_ + ": must be 1 to 65535");
        } else {
            out_.port = static_cast<std::uint16_t>(*n);
            mark("port", key);
        }
    }

    void secret_field(const std::string& name, const YAML::Node& key, const YAML::Node& value) {
        // The value is never echoed: it may be a literal password.
        if (!value.IsScalar()) {
            error(value,
                  name + " of " + where_ + " must be text, not " + std::string(kind_of(value)));
            return;
        }
        auto& slot = name == "password"     ? out_.password
                     : name == "passphrase" ? out_.passphrase
                                            : out_.enable_secret;
        slot = credential(value.Scalar());
        mark(name, key);
    }

    void policy(const std::string& field, const YAML::Node& key, const YAML::Node& value) {
        if (!expect_text(value, field)) {
            return;
        }
        if (value.Scalar() == "ask") {
            error(value, "host_key_policy \"ask\" is not allowed in an inventory (nobody is "
                         "there to answer): use strict, accept-new, auto-add or off");
            return;
        }
        const auto p = parse_host_key_policy(value.Scalar());
        if (!p) {
            error(value, "unknown host_key_policy " + quote(value.Scalar()) + " in " + where_ +
                             ": use strict, accept-new, auto-add or off");
            return;
        }
        out_.connection.policy = *p;
        mark(field, key);
    }

    void duration(std::optional<std::chrono::milliseconds>& slot, const std::string& field,
                  const YAML::Node& key, const YAML::Node& value) {
        if (!expect_text(value, field)) {
            return;
        }
        const auto d = parse_duration(value.Scalar());
        if (!d) {
            error(value, "bad duration " + quote(value.Scalar()) + " for " + field + " in " +
                             where_ + ": use seconds (\"30\"), \"30s\" or \"500ms\", up to a day");
            return;
        }
        slot = *d;
        mark(field, key);
    }

    void groups(const YAML::Node& key, const YAML::Node& value) {
        for_each_text(value, "groups", [&](const YAML::Node& item) {
            out_.groups.emplace_back(item.Scalar(), mark_of(item, ctx_.file));
        });
        mark("groups", key);
    }

    void tags(const YAML::Node& key, const YAML::Node& value) {
        for_each_text(value, "tags",
                      [&](const YAML::Node& item) { out_.tags.push_back(item.Scalar()); });
        mark("tags", key);
    }

    void data(const YAML::Node& value) {
        if (value.IsNull() || !expect_map(value, "data")) {
            return;
        }
        for_each_entry(value, ctx_.file, "data key", " in " + where_, *ctx_.errors,
                       [&](const std::string& name, const YAML::Node& k, const YAML::Node& v) {
                           out_.data[name] = v.IsScalar() ? v.Scalar()
                                             : v.IsNull() ? std::string()
                                                          : flow_yaml(v);
                           mark("data." + name, k);
                       });
    }

    void ssh_options(const YAML::Node& value) {
        if (!expect_map(value, "connection.ssh_options")) {
            return;
        }
        for_each_entry(value, ctx_.file, "ssh option", " in " + where_, *ctx_.errors,
                       [&](const std::string& name, const YAML::Node& k, const YAML::Node& v) {
                           const std::string field = "connection.ssh_options." + name;
                           std::optional<std::string> text;
                           set_text(text, field, k, v);
                           if (text) {
                               out_.connection.ssh_options[name] = *text;
                           }
                       });
    }

    template <typename Visit>
    void for_each_text(const YAML::Node& value, std::string_view field, Visit visit) {
        if (!value.IsSequence()) {
            error(value, std::string(field) + " of " + where_ + " must be a list, not " +
                             std::string(kind_of(value)));
            return;
        }
        for (const auto& item : value) {
            if (!item.IsScalar()) {
                error(item, "each of " + std::string(field) + " of " + where_ +
                                " must be text, not " + std::string(kind_of(item)));
                continue;
            }
            visit(item);
        }
    }

    void set_text(std::optional<std::string>& slot, const std::string& field, const YAML::Node& key,
                  const YAML::Node& value) {
        if (!expect_text(value, field)) {
            return;
        }
        slot = value.Scalar();
        mark(field, key);
    }

    bool expect_text(const YAML::Node& value, std::string_view field) {
        if (value.IsScalar()) {
            return true;
        }
        error(value, std::string(field) + " of " + where_ + " must be text, not " +
                         std::string(kind_of(value)));
        return false;
    }

    bool expect_map(const YAML::Node& value, std::string_view field) {
        if (value.IsMap()) {
            return true;
        }
        error(value, std::string(field) + " of " + where_ + " must be a map, not " +
                         std::string(kind_of(value)));
        return false;
    }

    fs::path anchored(const std::string& path) const {
        fs::path p(path);
        return p.is_relative() ? (ctx_.base_dir / p).lexically_normal() : p;
    }

    void mark(const std::string& field, const YAML::Node& key) {
        out_.marks[field] = mark_of(key, ctx_.file);
    }

    void error(const YAML::Node& at, std::string message) {
        report(*ctx_.errors, mark_of(at, ctx_.file), std::move(message));
    }

    const read_context& ctx_;
    layer& out_;
    std::string where_;
};

} // namespace

std::string describe(const layer& l) {
    switch (l.level) {
    case origin::level::host:
        return "host " + quote(l.name);
    case origin::level::group:
        return "group " + quote(l.name);
    default:
        return "defaults";
    }
}

void read_layer(const YAML::Node& body, const read_context& ctx, layer& out) {
    reader(ctx, out).read(body);
}

} // namespace inventory::detail
