// Arista EOS: show version, inventory, clock and the configurations.
#include "models/ios_like/arista_eos_dialect.hpp"
#include "models/ios_like/calendar.hpp"
#include "models/ios_like/formatting.hpp"

namespace sim::ios_like {
namespace {

// The header both configurations start with.
std::string config_header(std::string_view command, const device_view& view) {
    const std::string image = "EOS-" + view.facts.version;
    return "! Command: " + std::string(command) + "\n! device: " + view.hostname + " (" +
           std::string(view.facts.model->name) + ", " + image + ")\n!\n! boot system flash:/" +
           image + ".swi\n";
}

} // namespace

std::string eos_internal_version(std::string_view version) {
    stable_random build{0, version, "eos-build-number"};
    std::string compact;
    for (const char c : version) {
        if (c != '.') {
            compact += c;
        }
    }
    return std::string(version) + "-" + random_text(build, digits, 8) + "." + compact;
}

std::string eos_build_id(std::string_view version) {
    stable_random build{0, version, "eos-build-id"};
    return random_text(build, hex_digits, 8) + "-" + random_text(build, hex_digits, 4) + "-" +
           random_text(build, hex_digits, 4) + "-" + random_text(build, hex_digits, 4) + "-" +
           random_text(build, hex_digits, 12);
}

std::string arista_eos_dialect::show_version(const device_view& view) const {
    const device_facts& facts = view.facts;
    const hardware_model& model = *facts.model;
    const std::string mac = mac_dotted(facts.system_mac);
    std::string out = "Arista " + std::string(model.name) + "\n";
    out += "Hardware version: " + std::string(model.hardware_revision) + "\n";
    out += "Serial number: " + facts.serial + "\n";
    out += "Hardware MAC address: " + mac + "\n";
    out += "System MAC address: " + mac + "\n\n";
    out += "Software image version: " + facts.version + "\n";
    out += "Architecture: x86_64\n";
    out += "Internal build version: " + eos_internal_version(facts.version) + "\n";
    out += "Internal build ID: " + eos_build_id(facts.version) + "\n";
    out += "Image format version: 3.0\n";
    out += "Image optimization: " + std::string(model.image_variant) + "\n\n";
    out += "Uptime: " + uptime_text(view.uptime, " and ") + "\n";
    out += "Total memory: " + std::to_string(model.memory_kb) + " kB\n";
    out += "Free memory: " + std::to_string(facts.memory_free_kb) + " kB\n\n";
    return out;
}

std::string arista_eos_dialect::show_inventory(const device_view& view) const {
    const device_facts& facts = view.facts;
    const hardware_model& model = *facts.model;
    stable_random made{view.profile.seed, view.profile.name, "manufactured"};
    const auto age = std::chrono::days{made.between(300, 1500)};
    const models::civil_time manufactured = models::to_civil(facts.wall_clock_at_start - age);
    std::string out = "System information\n";
    out += "  Model                    Description\n";
    out += "  ------------------------ ----------------------------------------------------\n";
    out += "  " + pad_right(model.name, 25) + std::string(model.description) + "\n\n";
    out += "  HW Version  Serial Number  Mfg Date\n";
    out += "  ----------- -------------- ----------\n";
    out += "  " + pad_right(model.hardware_revision, 12) + pad_right(facts.serial, 15) +
           models::iso_date(manufactured) + "\n\n";
    out += "System has 1 power supply slot\n";
    out += "  Slot Model                  Serial Number\n";
    out += "  ---- ---------------------- ----------------\n";
    out += "  1    " + pad_right(model.power_supply, 23) + facts.power_supply_serial + "\n";
    return out;
}

std::string arista_eos_dialect::show_clock(const device_view& view) const {
    return models::ctime_text(view.clock, false) + "\nTimezone: UTC\nClock source: local\n";
}

std::string arista_eos_dialect::show_running_config(const device_view& view) const {
    return config_header("show running-config", view) +
           view.running.render(conventions().config_indent);
}

std::string arista_eos_dialect::show_startup_config(const device_view& view) const {
    return config_header("show startup-config", view) +
           view.startup.render(conventions().config_indent);
}

} // namespace sim::ios_like
