// A device's configuration as IOS and EOS keep it: global lines and sections ("interface
// Ethernet1" with its indented lines), in the platform's canonical order.
//
// Order: each platform lists line prefixes in the order its running-config shows them
// ("hostname", "interface", "ip route", ...). A line goes after the last line of its group,
// so "ntp server" lines stay together wherever they are typed; lines of no listed group go
// last. Rendering puts "!" between groups and after every section, as both platforms do.
//
// Keys: a setting replaces the line with the same key: the first `words` words ("hostname X"
// replaces "hostname Y"; key of 2 for "ip address A M"). A key of all_words keeps every
// distinct line ("ntp server A" and "ntp server B"); all_but_last replaces by everything but
// the value ("switchport access vlan 10" replaces "... vlan 20").
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sim::ios_like {

struct line_key {
    static constexpr std::size_t all_words = 0;
    static constexpr std::size_t all_but_last = static_cast<std::size_t>(-1);
    std::size_t words = all_words;
};

struct config_entry {
    std::string text;
    std::size_t group = 0;
    bool is_section = false;
    std::vector<config_entry> children;
};

class config_store {
public:
    config_store(std::span<const std::string_view> global_order,
                 std::span<const std::string_view> section_order);

    // A global line, or a line in the section with `header` (created when missing).
    void set(std::string line, line_key key);
    void set_in(std::string_view header, std::string line, line_key key);
    // Removes the lines that begin with the words of `line` or share its key: "no ntp server"
    // removes every NTP server, "no ip address 10.0.0.1 255.0.0.0" the address.
    void remove(std::string_view line, line_key key);
    void remove_in(std::string_view header, std::string_view line, line_key key);

    void add_section(std::string header);
    void remove_section(std::string_view header);
    const config_entry* find_section(std::string_view header) const;

    // The rest of the first global line that starts with the words `key` ("hostname").
    std::string value_of(std::string_view key) const;

    const std::vector<config_entry>& entries() const noexcept { return entries_; }

    // The configuration text from the first "!" to "end", section lines indented by `indent`.
    std::string render(std::string_view indent) const;

private:
    config_entry* section(std::string_view header);

    std::span<const std::string_view> global_order_;
    std::span<const std::string_view> section_order_;
    std::vector<config_entry> entries_;
};

} // namespace sim::ios_like
