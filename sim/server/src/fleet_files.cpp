// What `fleetsh sim` writes for the fleet: known_hosts lines and a fleetsh inventory.
#include "fleet_state.hpp"

#include <map>
#include <sstream>

namespace sim {
namespace {

// OpenSSH's host form in known_hosts: the bare address on port 22, else "[addr]:port".
std::string host_pattern(const device_info& d) {
    if (d.port == 22)
        return d.address;
    return "[" + d.address + "]:" + std::to_string(d.port);
}

// A YAML double-quoted scalar: every value the inventory holds is written this way, so no
// user text can change the document's structure.
std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (const unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

} // namespace

std::string fleet::known_hosts() const {
    std::string out;
    for (const auto& d : devices())
        for (const auto& key : d.host_keys)
            out += host_pattern(d) + " " + key.to_line() + "\n";
    return out;
}

std::string fleet::inventory_yaml(const std::filesystem::path& known_hosts_path) const {
    const auto& all = devices();
    std::ostringstream y;
    y << "# fleetsh inventory of a simulated fleet (fleetsh sim): " << all.size()
      << " devices.\n# Lab credentials, written in clear: do not reuse them anywhere.\n";
    if (!all.empty()) {
        const auto& p = all.front().profile;
        y << "defaults:\n"
          << "  username: " << quoted(p.username) << "\n"
          << "  password: " << quoted(state_->shared->password.view()) << "\n"
          << "  enable_secret: " << quoted(p.enable_secret) << "\n"
          << "  connection:\n"
          << "    known_hosts: " << quoted(std::filesystem::absolute(known_hosts_path).string())
          << "\n"
          << "    host_key_policy: \"strict\"\n";
    }
    std::map<std::string, std::size_t> platforms;
    for (const auto& d : all)
        ++platforms[d.profile.platform];
    y << "groups:\n";
    for (const auto& [platform, count] : platforms)
        y << "  " << platform << ":\n    platform: " << quoted(platform) << "\n";
    y << "hosts:\n";
    for (const auto& d : all) {
        y << "  " << d.profile.name << ":\n"
          << "    address: " << quoted(d.address) << "\n"
          << "    port: " << d.port << "\n"
          << "    groups: [" << d.profile.platform << "]\n";
        const auto faults = d.behaviour.describe();
        if (d.behaviour.faulty())
            y << "    tags: [\"faulty\"]\n";
        if (!faults.empty() || d.profile.hostname != d.profile.name) {
            y << "    data:\n";
            if (!faults.empty())
                y << "      sim_behaviour: " << quoted(faults) << "\n";
            if (d.profile.hostname != d.profile.name)
                y << "      hostname: " << quoted(d.profile.hostname) << "\n";
        }
    }
    return y.str();
}

} // namespace sim
