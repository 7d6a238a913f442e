// Cisco IOS XE: Catalyst 9200/9300 switches and ISR 4400 / Catalyst 8300 routers.
#pragma once

#include "models/ios_like/dialect.hpp"

namespace sim::ios_like {

class cisco_ios_dialect final : public dialect {
public:
    cisco_ios_dialect(); // with the tables of cisco_ios.cpp

    config_store initial_config(const device_profile& profile,
                                const device_facts& facts) const override;

    std::string mode_tag(std::string_view kind, std::string_view detail) const override;
    std::string parse_error(const parse_failure& failure, std::size_t caret_column,
                            std::string_view line) const override;
    std::string access_denied(unsigned failures) const override;
    std::optional<ipv4_prefix> parse_address(std::string_view arguments) const override;

    // cisco_ios_show.cpp
    std::string show_version(const device_view& view) const override;
    std::string show_inventory(const device_view& view) const override;
    std::string show_clock(const device_view& view) const override;
    std::string show_running_config(const device_view& view) const override;
    std::string show_startup_config(const device_view& view) const override;
    // cisco_ios_interfaces.cpp
    std::string show_ip_interface_brief(const device_view& view) const override;
    std::string show_interfaces(const device_view& view,
                                std::span<const interface_state> selected) const override;
};

// "17.09.04a" -> "17.9.4a", as IOS writes its version where it is not zero-padded.
std::string ios_short_version(std::string_view version);

// "10.1.2.3 255.255.255.0", the arguments of IOS's "ip address".
std::string ios_address_arguments(const ipv4_prefix& prefix);

} // namespace sim::ios_like
