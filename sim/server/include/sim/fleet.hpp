// A simulated fleet in one process: N devices, each with its own listener, host keys, device
// model (sim/device_model.hpp) and behaviour (sim/behaviours.hpp), served by ssh/'s server
// role on one io_context.
//
//   boost::asio::io_context io;
//   sim::fleet_options o;  o.devices = 200;  o.faults = "auth-reject@2%";
//   auto started = sim::fleet::start(io, o);
//   if (auto* e = std::get_if<sim::fleet_error>(&started)) fail(e->message);
//   auto& fleet = *std::get<std::unique_ptr<sim::fleet>>(started);
//   write(fleet.inventory_yaml(known_hosts_path));  write(fleet.known_hosts());
//   io.run();                    // until fleet.stop() (posted to io from elsewhere)
//
// Addresses: each device listens on `listen` at base_port + i (base_port 0: a port the kernel
// picks, read back from devices()), or with address_per_device on listen + i (within
// 127.0.0.0/8 for IPv4) at base_port.
//
// Authentication: password and keyboard-interactive with `username` / `password`, and
// publickey for `authorized_keys`; the enable secret is `enable_secret`.
//
// Host keys: each device has an Ed25519 and an ECDSA P-256 key; RSA (3072 bits, slow to
// generate) is one key shared by the fleet. With host_key_dir, keys are loaded from
// <dir>/<device>.<type> (openssh-key-v1) and generated and saved there on first use, so a
// restarted lab keeps its known_hosts valid.
//
// Threading: start() binds every listener synchronously (errors come back at once); the
// fleet then lives on `io`: call stop() and stats() from io's thread (or post them).
#pragma once

#include <sim/behaviours.hpp>
#include <sim/device_model.hpp>
#include <ssh/crypto/private_key.hpp>
#include <ssh/crypto/public_key.hpp>

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sim {

struct fleet_options {
    std::size_t devices = 10;
    std::string mix = "cisco_ios=60,arista_eos=20,juniper_junos=10,linux=10";
    std::string listen = "127.0.0.1";
    std::uint16_t base_port = 0;
    bool address_per_device = false;
    // The address written to the inventory and known_hosts when it differs from where the
    // devices listen (a container listening on 0.0.0.0, reached at 127.0.0.1). Not with
    // address_per_device.
    std::string advertise;
    std::uint64_t seed = 1;
    std::string faults; // behaviours.hpp spec
    std::string quirks;
    std::string username = "admin";
    std::string password = "admin";
    std::string enable_secret = "enable";
    std::vector<ssh::crypto::public_key> authorized_keys;
    std::vector<ssh::crypto::key_type> host_key_types = {ssh::crypto::key_type::ed25519,
                                                         ssh::crypto::key_type::ecdsa_nistp256,
                                                         ssh::crypto::key_type::rsa};
    std::optional<std::filesystem::path> host_key_dir;
    std::chrono::seconds login_grace{60};
};

struct fleet_error {
    std::string message;
};

struct device_info {
    device_profile profile; // name, platform, seed, hostname, ...
    std::string address;    // as advertised: where clients reach it
    std::uint16_t port = 0;
    device_behaviour behaviour;
    // The keys written to known_hosts (a hostkey-change device serves others).
    std::vector<ssh::crypto::public_key> host_keys;
};

struct fleet_stats {
    std::uint64_t connections = 0;   // accepted TCP connections
    std::uint64_t refused = 0;       // closed at accept (conn-limit, MaxStartups)
    std::uint64_t authenticated = 0; // connections that authenticated
    std::uint64_t auth_failures = 0; // failed attempts answered
    std::uint64_t commands = 0;      // exec commands and shell lines answered
    std::uint64_t open_connections = 0;
    // The most output bytes one channel held queued at once: a device's memory for output,
    // which zero fills (head -c N /dev/zero) do not add to, as they are counts.
    std::uint64_t max_queued_output = 0;
};

class fleet {
public:
    static std::variant<std::unique_ptr<fleet>, fleet_error> start(boost::asio::io_context& io,
                                                                   const fleet_options& options);
    ~fleet();

    const std::vector<device_info>& devices() const noexcept;
    const device_info* find(std::string_view name) const noexcept;

    // known_hosts lines for every device's published keys ("[addr]:port type base64").
    std::string known_hosts() const;
    // A fleetsh inventory (single-file YAML form) for the fleet, pointing at known_hosts_path.
    std::string inventory_yaml(const std::filesystem::path& known_hosts_path) const;

    // Closes every listener and connection; the io_context's run() then returns once the
    // last coroutine ends. Idempotent.
    void stop();
    fleet_stats stats() const noexcept;

    struct state;

private:
    explicit fleet(std::unique_ptr<state> s);
    std::unique_ptr<state> state_;
};

} // namespace sim
