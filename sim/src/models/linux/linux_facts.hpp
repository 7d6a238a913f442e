// What the seed decides about a simulated Debian host: kernel, interfaces and addresses,
// memory, disk, clock. Everything comes from stable_random, so the same profile always
// gives the same host.
#pragma once

#include "models/common/wall_clock.hpp"

#include <sim/device_model.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace sim::linux_host {

// The host's wall clock: fixed by the seed at the model's creation, advanced by `now`.
using host_clock = models::wall_clock<std::chrono::seconds>;
using wall_time = host_clock::time_point;

struct network_interface {
    std::string name;    // "eth0"
    std::string altname; // "enp1s0", "" for lo
    std::string mac;
    bool up = true;
    std::string address; // "10.1.2.3", "" for none
    unsigned prefix_length = 24;
    std::string network;   // "10.1.2.0"
    std::string broadcast; // "10.1.2.255"
    std::string ipv6;      // "fe80::5054:ff:fe12:3456/64"
};

struct linux_facts {
    std::string kernel_release; // "6.1.0-18-amd64"
    std::string kernel_version; // "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)"
    std::string machine;        // "x86_64"
    std::string debian_version; // "12.5"
    std::vector<network_interface> interfaces; // lo first
    std::string gateway;
    std::string search_domain;
    std::vector<std::string> nameservers;
    std::uint64_t memory_kib = 0, memory_used_kib = 0, memory_cache_kib = 0, memory_shared_kib = 0;
    std::uint64_t disk_kib = 0, disk_used_kib = 0;
    std::array<std::string, 3> load_averages; // 1, 5 and 15 minutes: "0.12"
    std::uint32_t processes = 0, last_pid = 0;
    std::chrono::seconds uptime_at_start{};
    wall_time wall_at_start;
    wall_time last_login;
    std::string last_login_from;
};

linux_facts make_linux_facts(const device_profile& profile);

} // namespace sim::linux_host
