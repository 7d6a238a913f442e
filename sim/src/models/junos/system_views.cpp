#include "views.hpp"

#include <cstdio>

namespace sim::junos {
namespace {

// "2023-06-27 07:51:56 UTC" -> "20230627.075156": the build stamp Junos packages carry.
std::string build_stamp(std::string_view date) {
    std::string stamp;
    for (const char c : date.substr(0, 19))
        if (c >= '0' && c <= '9')
            stamp += c;
    return stamp.substr(0, 8) + "." + stamp.substr(8);
}

std::string plural(long long n, std::string_view unit) {
    return std::to_string(n) + " " + std::string(unit) + (n == 1 ? "" : "s");
}

// The BSD "w" line's uptime: "up 11 days,  2:15," / "up 3 mins,".
std::string bsd_uptime(std::chrono::seconds up) {
    const long long total = up.count();
    const long long days = total / 86400, hours = total % 86400 / 3600, mins = total % 3600 / 60;
    std::string out = "up";
    if (days > 0)
        out += " " + plural(days, "day") + ",";
    if (hours > 0 && mins > 0) {
        char clock[16];
        std::snprintf(clock, sizeof clock, " %2lld:%02lld,", hours, mins);
        out += clock;
    } else if (hours > 0) {
        out += " " + plural(hours, "hr") + ",";
    } else if (mins > 0 || days == 0) {
        out += " " + plural(mins, "min") + ",";
    }
    return out;
}

std::string when_and_age(wall_time when, wall_time now) {
    return format_timestamp(when) + " (" + format_age(now - when) + " ago)";
}

std::string padded(std::string_view text, int width) {
    std::string out(text);
    if (out.size() < std::size_t(width))
        out.resize(std::size_t(width), ' ');
    return out;
}

} // namespace

std::string show_version(const junos_state& device) {
    const auto& facts = device.facts();
    const std::string stamp = "[" + build_stamp(facts.build_date) + "_builder_junos]";
    return "Hostname: " + device.hostname() + "\nModel: " + facts.model +
           "\nJunos: " + facts.version + "\nJUNOS OS Kernel 64-bit  " + stamp + "\nJUNOS OS libs " +
           stamp + "\nJUNOS OS runtime " + stamp + "\nJUNOS OS time zone information " + stamp +
           "\nJUNOS network stack and utilities " + stamp +
           "\nJUNOS Packet Forwarding Engine "
           "Support [" +
           facts.version + "]\nJUNOS Routing Software Suite [" + facts.version +
           "]\nJUNOS Web Management Platform Package [" + facts.version + "]\n";
}

std::string show_system_information(const junos_state& device) {
    const auto& facts = device.facts();
    return "Model: " + facts.model + "\nFamily: junos\nJunos: " + facts.version +
           "\nHostname: " + device.hostname() + "\n";
}

std::string show_system_uptime(const junos_state& device, sim_clock::time_point now) {
    const auto& facts = device.facts();
    const wall_time current = device.clock().wall(now);
    const wall_time booted = facts.wall_at_start - facts.uptime_at_start;
    const wall_time protocols = booted + std::chrono::seconds{120};
    const auto& last = device.history().front();
    return "Current time: " + format_timestamp(current) +
           "\nTime Source:  LOCAL CLOCK\nSystem booted: " + when_and_age(booted, current) +
           "\nProtocols started: " + when_and_age(protocols, current) +
           "\nLast configured: " + when_and_age(last.when, current) + " by " + last.user + "\n" +
           format_clock_12h(current) + "  " + bsd_uptime(current - booted) +
           " 1 user, load averages: " + facts.load_averages + "\n";
}

std::string show_system_commit(const junos_state& device) {
    std::string out;
    const auto& history = device.history();
    for (std::size_t i = 0; i < history.size(); ++i) {
        const auto& entry = history[i];
        out += padded(std::to_string(i), 4) + format_timestamp(entry.when) + " by " + entry.user +
               " via " + entry.client + (entry.comment.empty() ? "" : " " + entry.comment) + "\n";
    }
    return out;
}

std::string show_chassis_hardware(const junos_state& device) {
    std::string out = "Hardware inventory:\n"
                      "Item             Version  Part number  Serial number     Description\n";
    for (const auto& part : device.facts().hardware)
        out += padded(part.item, 17) + padded(part.version, 9) + padded(part.part_number, 13) +
               padded(part.serial, 18) + part.description + "\n";
    return out;
}

} // namespace sim::junos
