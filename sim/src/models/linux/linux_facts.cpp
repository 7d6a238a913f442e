#include "linux_facts.hpp"

#include <sim/stable_random.hpp>

#include <array>
#include <cstdio>
#include <string_view>

namespace sim::linux_host {
namespace {

struct kernel_build {
    std::string_view abi, package, date, point_release;
};

// Debian 12 kernels and the point release that shipped them.
constexpr std::array<kernel_build, 5> kernels{{
    {"6.1.0-13", "6.1.55-1", "2023-09-29", "12.2"},
    {"6.1.0-17", "6.1.69-1", "2023-12-30", "12.4"},
    {"6.1.0-18", "6.1.76-1", "2024-02-01", "12.5"},
    {"6.1.0-21", "6.1.90-1", "2024-05-03", "12.5"},
    {"6.1.0-25", "6.1.106-3", "2024-08-26", "12.7"},
}};

constexpr std::array<std::uint64_t, 5> memory_mib{1024, 2048, 4096, 8192, 16384};
constexpr std::array<std::uint64_t, 4> disk_gib{20, 32, 50, 100};
constexpr std::array<std::string_view, 3> domains{"lab.example", "dc1.example.net",
                                                  "corp.example.org"};

std::string dotted(unsigned a, unsigned b, unsigned c, unsigned d) {
    return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "." +
           std::to_string(d);
}

// A KVM guest's NIC: QEMU's 52:54:00 prefix; IPv6 link-local from its EUI-64.
network_interface ethernet(unsigned index, stable_random& r) {
    const unsigned b3 = unsigned(r.below(256)), b4 = unsigned(r.below(256)),
                   b5 = unsigned(r.below(256));
    char mac[24], ipv6[48];
    std::snprintf(mac, sizeof mac, "52:54:00:%02x:%02x:%02x", b3, b4, b5);
    std::snprintf(ipv6, sizeof ipv6, "fe80::5054:ff:fe%02x:%x/64", b3, (b4 << 8) | b5);
    network_interface nic;
    nic.name = "eth" + std::to_string(index);
    nic.altname = "enp" + std::to_string(index + 1) + "s0";
    nic.mac = mac;
    nic.ipv6 = ipv6;
    return nic;
}

void assign(network_interface& nic, unsigned a, unsigned b, unsigned c, unsigned host) {
    nic.address = dotted(a, b, c, host);
    nic.network = dotted(a, b, c, 0);
    nic.broadcast = dotted(a, b, c, 255);
}

void plan_network(const device_profile& p, linux_facts& facts) {
    stable_random r{p.seed, p.name, "network"};
    network_interface lo;
    lo.name = "lo";
    lo.mac = "00:00:00:00:00:00";
    lo.address = "127.0.0.1";
    lo.prefix_length = 8;
    lo.ipv6 = "::1/128";
    facts.interfaces.push_back(lo);

    const unsigned a = unsigned(r.between(1, 254)), b = unsigned(r.below(256));
    auto eth0 = ethernet(0, r);
    assign(eth0, 10, a, b, unsigned(r.between(10, 250)));
    facts.gateway = dotted(10, a, b, 1);
    facts.interfaces.push_back(eth0);
    if (r.below(2) == 0) {
        auto eth1 = ethernet(1, r);
        eth1.up = r.below(3) != 0;
        if (eth1.up)
            assign(eth1, 192, 168, unsigned(r.below(256)), unsigned(r.between(10, 250)));
        facts.interfaces.push_back(eth1);
    }
    facts.search_domain = domains[r.below(domains.size())];
    facts.nameservers = {dotted(10, a, 0, 53), dotted(10, a, 1, 53)};
}

void plan_resources(const device_profile& p, linux_facts& facts) {
    stable_random r{p.seed, p.name, "resources"};
    const auto mib = memory_mib[r.below(memory_mib.size())];
    facts.memory_kib = mib * 1024 - mib * 1024 / 25; // what the kernel keeps for itself
    facts.memory_used_kib = facts.memory_kib * r.between(8, 40) / 100;
    facts.memory_cache_kib = facts.memory_kib * r.between(10, 30) / 100;
    facts.memory_shared_kib = r.between(400, 20000);
    const auto gib = disk_gib[r.below(disk_gib.size())];
    facts.disk_kib = gib * 1024 * 1024 * 97 / 100; // less the file system's own structures
    facts.disk_used_kib = facts.disk_kib * r.between(8, 60) / 100;
    for (auto& load : facts.load_averages) {
        char text[8];
        std::snprintf(text, sizeof text, "%u.%02u", unsigned(r.below(2)), unsigned(r.below(100)));
        load = text;
    }
    facts.processes = unsigned(r.between(90, 250));
    facts.last_pid = unsigned(r.between(1000, 60000));
}

} // namespace

linux_facts make_linux_facts(const device_profile& profile) {
    using namespace std::chrono;
    linux_facts facts;
    stable_random r{profile.seed, profile.name, "platform"};
    const auto& kernel = kernels[r.below(kernels.size())];
    const bool arm = r.below(5) == 0;
    facts.kernel_release = std::string(kernel.abi) + (arm ? "-arm64" : "-amd64");
    facts.kernel_version = "#1 SMP" + std::string(arm ? "" : " PREEMPT_DYNAMIC") + " Debian " +
                           std::string(kernel.package) + " (" + std::string(kernel.date) + ")";
    facts.machine = arm ? "aarch64" : "x86_64";
    facts.debian_version = kernel.point_release;
    plan_network(profile, facts);
    plan_resources(profile, facts);

    stable_random clock{profile.seed, profile.name, "clock"};
    facts.uptime_at_start = seconds{clock.between(3600, 200 * 86400)};
    facts.wall_at_start = models::draw_wall_start(clock);
    facts.last_login = facts.wall_at_start - seconds{clock.between(600, 7 * 86400)};
    facts.last_login_from = dotted(10, unsigned(clock.between(1, 254)), unsigned(clock.below(256)),
                                   unsigned(clock.between(2, 254)));
    return facts;
}

} // namespace sim::linux_host
