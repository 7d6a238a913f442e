// Arista EOS: 7050X3, 7280R3 and 720XP switches, with eAPI's JSON behind "| json".
#pragma once

#include "models/ios_like/dialect.hpp"

namespace sim::ios_like {

class arista_eos_dialect final : public dialect {
public:
    arista_eos_dialect(); // with the tables of arista_eos.cpp

    config_store initial_config(const device_profile& profile,
                                const device_facts& facts) const override;

    std::string mode_tag(std::string_view kind, std::string_view detail) const override;
    std::string parse_error(const parse_failure& failure, std::size_t caret_column,
                            std::string_view line) const override;
    std::string access_denied(unsigned failures) const override;
    std::optional<ipv4_prefix> parse_address(std::string_view arguments) const override;

    // arista_eos_show.cpp
    std::string show_version(const device_view& view) const override;
    std::string show_inventory(const device_view& view) const override;
    std::string show_clock(const device_view& view) const override;
    std::string show_running_config(const device_view& view) const override;
    std::string show_startup_config(const device_view& view) const override;
    // arista_eos_interfaces.cpp
    std::string show_ip_interface_brief(const device_view& view) const override;
    std::string show_interfaces(const device_view& view,
                                std::span<const interface_state> selected) const override;
    // arista_eos_json.cpp
    boost::json::value show_json(json_topic topic, const device_view& view,
                                 std::span<const interface_state> selected) const override;
};

// What text and JSON output share.
// "4.28.3M-28834567.4283M" and a build UUID: the same for every device on that version.
std::string eos_internal_version(std::string_view version);
std::string eos_build_id(std::string_view version);
// "up", "down" or "adminDown" (show ip interface brief's Status).
std::string_view eos_status(const interface_state& state);
// "up", "down" (shut down) or "lowerLayerDown" (no link).
std::string_view eos_line_protocol(const interface_state& state);
// "connected", "disabled" or "notconnect".
std::string_view eos_interface_status(const interface_state& state);

} // namespace sim::ios_like
