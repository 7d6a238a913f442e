// The show commands: the engine picks what to show, the dialect how it looks.
#include "models/ios_like/cli_session.hpp"
#include "models/ios_like/commands.hpp"
#include "models/ios_like/dialect.hpp"
#include "models/ios_like/ios_like_device.hpp"
#include "models/ios_like/json_pretty.hpp"

#include <span>
#include <vector>

namespace sim::ios_like {
namespace {

using show_text = std::string (dialect::*)(const device_view&) const;

command_output pageable(std::string text) {
    return {std::move(text), true, false};
}

// eAPI output goes out whole: scripts read it, nobody pages through it.
command_output json_output(const boost::json::value& value) {
    return {pretty_json(value), false, false};
}

command_handler show(show_text method) {
    return [method](const invocation& call) {
        const device_view view = call.session.device().view(call.now);
        return pageable((call.session.vendor().*method)(view));
    };
}

command_handler show_with_json(show_text method, json_topic topic) {
    return [method, topic](const invocation& call) {
        const device_view view = call.session.device().view(call.now);
        const dialect& vendor = call.session.vendor();
        if (call.json) {
            return json_output(vendor.show_json(topic, view, view.interfaces));
        }
        return pageable((vendor.*method)(view));
    };
}

command_output show_interfaces(const invocation& call) {
    const device_view view = call.session.device().view(call.now);
    const dialect& vendor = call.session.vendor();
    std::span<const interface_state> selected = view.interfaces;
    if (call.command.words.size() > 2) { // show interfaces <name>
        const auto name = resolve_interface_name(call.command.words[2], vendor.interface_types());
        const interface_state* found = name ? find_interface(view.interfaces, name->full) : nullptr;
        if (found == nullptr) {
            return call.session.invalid_at(call.command.offsets[2]);
        }
        selected = std::span<const interface_state>(found, 1);
    }
    if (call.json) {
        return json_output(vendor.show_json(json_topic::interfaces, view, selected));
    }
    return pageable(vendor.show_interfaces(view, selected));
}

} // namespace

void add_show_commands(command_tree& tree) {
    constexpr command_flags anyone{false, false};
    constexpr command_flags privileged{true, false};
    constexpr command_flags with_json{false, true};
    tree.add("show version", show_with_json(&dialect::show_version, json_topic::version),
             with_json);
    tree.add("show ip interface brief",
             show_with_json(&dialect::show_ip_interface_brief, json_topic::ip_interface_brief),
             with_json);
    tree.add("show interfaces", show_interfaces, with_json);
    tree.add("show interfaces <rest>", show_interfaces, with_json);
    tree.add("show inventory", show(&dialect::show_inventory), anyone);
    tree.add("show clock", show(&dialect::show_clock), anyone);
    tree.add("show running-config", show(&dialect::show_running_config), privileged);
    tree.add("show startup-config", show(&dialect::show_startup_config), privileged);
}

} // namespace sim::ios_like
