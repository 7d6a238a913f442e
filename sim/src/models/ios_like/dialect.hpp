// What differs between the IOS-shaped platforms: one dialect per vendor (cisco_ios,
// arista_eos) gives the shared engine (command trees, modes, configuration store) its
// hardware catalog, messages, configuration syntax and show output formats.
#pragma once

#include "models/ios_like/command_tree.hpp"
#include "models/ios_like/config_store.hpp"
#include "models/ios_like/device_facts.hpp"
#include "models/ios_like/device_view.hpp"
#include "models/ios_like/interface_names.hpp"
#include "models/ios_like/ipv4.hpp"

#include <sim/device_model.hpp>

#include <boost/json/value.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sim::ios_like {

// Fixed texts and switches of a platform's command line.
struct cli_conventions {
    std::string_view default_hostname; // after "no hostname"
    std::string_view configure_banner; // printed by "configure terminal"
    std::string_view saved;            // printed when the configuration is saved
    std::string_view copy_question;    // asked by "copy running-config startup-config"; or ""
    bool exec_commands_in_config;      // show and friends work in config modes without "do"
    bool json_pipe;                    // "| json" gives eAPI's JSON
    bool keeps_no_ip_address;          // "no ip address" stays in the interface's config
    std::string_view config_indent;    // before a section's lines in the running-config
    unsigned max_terminal_length;
    std::span<const std::string_view> global_order;  // see config_store
    std::span<const std::string_view> section_order; //
};

enum class json_topic { version, ip_interface_brief, interfaces };

class dialect {
public:
    virtual ~dialect() = default;

    const cli_conventions& conventions() const noexcept { return conventions_; }
    const platform_catalog& catalog() const noexcept { return catalog_; }
    std::span<const interface_type> interface_types() const noexcept { return interface_types_; }

    virtual config_store initial_config(const device_profile& profile,
                                        const device_facts& facts) const = 0;

    // The prompt tag of a configuration sub-mode: "config-if" (IOS) or "config-if-Et1" (EOS)
    // for kind "if" and detail "Et1".
    virtual std::string mode_tag(std::string_view kind, std::string_view detail) const = 0;
    // The answer to a line that did not parse; `caret_column` is where the failed word
    // appeared on the terminal (the prompt's width plus its offset in the line).
    virtual std::string parse_error(const parse_failure& failure, std::size_t caret_column,
                                    std::string_view line) const = 0;
    // The answer to a wrong enable secret, the `failures`-th since the last right one.
    virtual std::string access_denied(unsigned failures) const = 0;

    // "ip address" arguments: "A.B.C.D M.M.M.M" (IOS) or "A.B.C.D/len" (EOS).
    virtual std::optional<ipv4_prefix> parse_address(std::string_view arguments) const = 0;

    virtual std::string show_version(const device_view& view) const = 0;
    virtual std::string show_ip_interface_brief(const device_view& view) const = 0;
    virtual std::string show_interfaces(const device_view& view,
                                        std::span<const interface_state> selected) const = 0;
    virtual std::string show_inventory(const device_view& view) const = 0;
    virtual std::string show_clock(const device_view& view) const = 0;
    virtual std::string show_running_config(const device_view& view) const = 0;
    virtual std::string show_startup_config(const device_view& view) const = 0;
    // eAPI's JSON for a show command; only called when conventions().json_pipe is set, so
    // platforms without eAPI keep this null default.
    virtual boost::json::value show_json(json_topic /*topic*/, const device_view& /*view*/,
                                         std::span<const interface_state> /*selected*/) const {
        return nullptr;
    }

protected:
    // A platform's fixed tables: constants of its .cpp, which outlive every dialect.
    dialect(const cli_conventions& conventions, const platform_catalog& catalog,
            std::span<const interface_type> interface_types) noexcept
        : conventions_(conventions)
        , catalog_(catalog)
        , interface_types_(interface_types) {}

private:
    const cli_conventions& conventions_;
    const platform_catalog& catalog_;
    std::span<const interface_type> interface_types_;
};

} // namespace sim::ios_like
