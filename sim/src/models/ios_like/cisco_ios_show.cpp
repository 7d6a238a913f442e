// Cisco IOS XE: show version, inventory, clock and the configurations.
#include "models/ios_like/calendar.hpp"
#include "models/ios_like/cisco_ios_dialect.hpp"
#include "models/ios_like/formatting.hpp"

#include <algorithm>
#include <array>

namespace sim::ios_like {
namespace {

// The NVRAM that holds the startup configuration, as "Using N out of M bytes" counts it.
constexpr std::size_t nvram_bytes = 2097152;

std::string_view release_train(std::string_view short_version) {
    struct train {
        std::string_view release;
        std::string_view name;
    };
    static constexpr std::array<train, 4> trains{{{"17.3.", "Amsterdam"},
                                                  {"17.6.", "Bengaluru"},
                                                  {"17.9.", "Cupertino"},
                                                  {"17.12.", "Dublin"}}};
    for (const auto& t : trains) {
        if (short_version.starts_with(t.release)) {
            return t.name;
        }
    }
    return "Amsterdam";
}

std::string image_file(std::string_view pattern, std::string_view version) {
    std::string image(pattern);
    constexpr std::string_view placeholder = "{version}";
    if (const auto at = image.find(placeholder); at != std::string::npos) {
        image.replace(at, placeholder.size(), version);
    }
    return image;
}

// "Base Ethernet MAC Address          : 70:db:98:12:34:00"
std::string field(std::string_view name, std::string_view value) {
    return pad_right(name, 35) + ": " + std::string(value) + "\n";
}

// "48 Gigabit Ethernet interfaces", per physical interface type present.
std::string interface_counts(const device_view& view, std::span<const interface_type> types) {
    std::string out;
    for (const auto& type : types) {
        const auto count = std::count_if(
            view.interfaces.begin(), view.interfaces.end(),
            [&](const interface_state& state) { return state.type == &type && state.port; });
        if (count > 0) {
            out += std::to_string(count) + " " + std::string(type.hardware) + " interfaces\n";
        }
    }
    return out;
}

std::string inventory_item(std::string_view name, std::string_view description,
                           std::string_view part, std::string_view serial) {
    return "NAME: \"" + std::string(name) + "\", DESCR: \"" + std::string(description) +
           "\"\nPID: " + pad_right(part, 18) + ", VID: V02  , SN: " + std::string(serial) + "\n\n";
}

} // namespace

std::string ios_short_version(std::string_view version) {
    std::string shortened;
    for (std::size_t at = 0; at <= version.size();) {
        const auto dot = std::min(version.find('.', at), version.size());
        auto component = version.substr(at, dot - at);
        while (component.size() > 1 && component.front() == '0') {
            component.remove_prefix(1);
        }
        shortened += (at == 0 ? "" : ".") + std::string(component);
        at = dot + 1;
    }
    return shortened;
}

std::string cisco_ios_dialect::show_version(const device_view& view) const {
    const device_facts& facts = view.facts;
    const hardware_model& model = *facts.model;
    const std::string version = ios_short_version(facts.version);
    const std::string uptime = uptime_text(view.uptime, ", ");
    std::string out = "Cisco IOS XE Software, Version " + facts.version + "\n";
    out += "Cisco IOS Software [" + std::string(release_train(version)) + "], " +
           std::string(model.software_family) + ", Version " + version +
           ", RELEASE SOFTWARE (fc2)\n";
    out += "Technical Support: http://www.cisco.com/techsupport\n";
    out += "Copyright (c) 1986-2023 by Cisco Systems, Inc.\n\n\n";
    out += "ROM: IOS-XE ROMMON\n\n";
    out += view.hostname + " uptime is " + uptime + "\n";
    out += "Uptime for this control processor is " + uptime + "\n";
    out += "System returned to ROM by Reload Command\n";
    out += "System image file is \"" + image_file(model.image, facts.version) + "\"\n";
    out += "Last reload reason: Reload Command\n\n\n";
    out += "cisco " + std::string(model.name) + " (" + std::string(model.processor) +
           ") processor with " + std::to_string(model.memory_kb / 6) + "K/6147K bytes of memory.\n";
    out += "Processor board ID " + facts.serial + "\n";
    out += interface_counts(view, interface_types());
    out += "2048K bytes of non-volatile configuration memory.\n";
    out += std::to_string(model.memory_kb) + "K bytes of physical memory.\n\n";
    out += field("Base Ethernet MAC Address", mac_colons(facts.system_mac));
    out += field("Model Number", model.name);
    out += field("System Serial Number", facts.serial);
    out += "\nConfiguration register is 0x2102\n";
    return out;
}

std::string cisco_ios_dialect::show_inventory(const device_view& view) const {
    const device_facts& facts = view.facts;
    return inventory_item("Chassis", facts.model->description, facts.model->name, facts.serial) +
           inventory_item("Power Supply Module 0", "AC Power Supply", facts.model->power_supply,
                          facts.power_supply_serial);
}

std::string cisco_ios_dialect::show_clock(const device_view& view) const {
    const models::civil_time now = models::to_civil(view.clock);
    const std::string millis = std::to_string(1000 + now.millisecond).substr(1);
    return models::time_of_day(now) + "." + millis + " UTC " +
           std::string(models::weekday_name(now.weekday)) + " " +
           std::string(models::month_name(now.month)) + " " + std::to_string(now.day) + " " +
           std::to_string(now.year) + "\n";
}

std::string cisco_ios_dialect::show_running_config(const device_view& view) const {
    const std::string body = view.running.render(conventions().config_indent);
    return "Building configuration...\n\nCurrent configuration : " + std::to_string(body.size()) +
           " bytes\n" + body;
}

std::string cisco_ios_dialect::show_startup_config(const device_view& view) const {
    const std::string body = view.startup.render(conventions().config_indent);
    return "Using " + std::to_string(body.size()) + " out of " + std::to_string(nvram_bytes) +
           " bytes\n" + body;
}

} // namespace sim::ios_like
