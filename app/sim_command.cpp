#include "sim_command.hpp"

#include <jobs/atomic_file.hpp>
#include <sim/fleet.hpp>
#include <ssh/crypto/public_key.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <fmt/core.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace app {
namespace {

namespace net = boost::asio;

struct sim_args {
    sim::fleet_options fleet;
    std::string inventory_out;
    std::string known_hosts_out;
    std::string authorized_keys;
    std::string host_key_dir;
    std::vector<std::string> host_key_types;
    unsigned duration_seconds = 0;
};

std::optional<ssh::crypto::key_type> key_type_named(std::string_view name) {
    if (name == "ed25519")
        return ssh::crypto::key_type::ed25519;
    if (name == "ecdsa")
        return ssh::crypto::key_type::ecdsa_nistp256;
    if (name == "rsa")
        return ssh::crypto::key_type::rsa;
    return std::nullopt;
}

// OpenSSH authorized_keys lines without options: "type base64 [comment]"; # and blank skipped.
bool read_authorized_keys(const std::string& path, std::vector<ssh::crypto::public_key>& keys) {
    std::ifstream in(path);
    if (!in) {
        fmt::print(stderr, "fleetsh sim: cannot read {}\n", path);
        return false;
    }
    std::string line;
    for (std::size_t number = 1; number <= 100'000 && std::getline(in, line); ++number) {
        if (line.empty() || line.front() == '#')
            continue;
        boost::system::error_code ec;
        auto parsed = ssh::crypto::parse_public_key_line(line, ec);
        if (!parsed) {
            fmt::print(stderr, "fleetsh sim: {}:{}: {}\n", path, number, ec.message());
            return false;
        }
        keys.push_back(std::move(parsed->key));
    }
    return true;
}

bool write(const std::string& path, const std::string& text) {
    if (auto e = jobs::write_file_atomically(path, text)) {
        fmt::print(stderr, "fleetsh sim: {}\n", e->message);
        return false;
    }
    return true;
}

std::string summary(const sim::fleet& fleet) {
    std::map<std::string, std::size_t> per_platform;
    std::size_t faulty = 0;
    std::uint16_t low = 65535, high = 0;
    for (const auto& d : fleet.devices()) {
        ++per_platform[d.profile.platform];
        faulty += d.behaviour.faulty() ? 1 : 0;
        low = std::min(low, d.port);
        high = std::max(high, d.port);
    }
    std::string mix;
    for (const auto& [platform, count] : per_platform)
        mix += fmt::format("{}{} {}", mix.empty() ? "" : ", ", platform, count);
    const auto& first = fleet.devices().front();
    const auto& last = fleet.devices().back();
    const auto where = first.address == last.address
                           ? fmt::format("{} ports {}-{}", first.address, low, high)
                           : fmt::format("{}-{} port {}", first.address, last.address, low);
    return fmt::format("{} devices ({}), {} with faults, on {}", fleet.devices().size(), mix,
                       faulty, where);
}

int run_sim(sim_args& a) {
    if (!a.authorized_keys.empty() &&
        !read_authorized_keys(a.authorized_keys, a.fleet.authorized_keys))
        return 2;
    if (!a.host_key_dir.empty())
        a.fleet.host_key_dir = a.host_key_dir;
    if (!a.host_key_types.empty()) {
        a.fleet.host_key_types.clear();
        for (const auto& name : a.host_key_types) {
            const auto type = key_type_named(name);
            if (!type) {
                fmt::print(stderr,
                           "fleetsh sim: --host-key-types: unknown type {} "
                           "(ed25519, ecdsa, rsa)\n",
                           name);
                return 2;
            }
            a.fleet.host_key_types.push_back(*type);
        }
    }
    if (const char* pw = std::getenv("FLEETSH_SIM_PASSWORD"))
        a.fleet.password = pw;

    net::io_context io(1);
    auto started = sim::fleet::start(io, a.fleet);
    if (auto* e = std::get_if<sim::fleet_error>(&started)) {
        fmt::print(stderr, "fleetsh sim: {}\n", e->message);
        return 2;
    }
    auto& fleet = *std::get<std::unique_ptr<sim::fleet>>(started);
    if (a.known_hosts_out.empty())
        a.known_hosts_out =
            (std::filesystem::path(a.inventory_out).parent_path() / "known_hosts").string();
    if (!write(a.known_hosts_out, fleet.known_hosts()) ||
        !write(a.inventory_out, fleet.inventory_yaml(a.known_hosts_out)))
        return 1;
    fmt::print("fleetsh sim: {}\ninventory: {}\nknown_hosts: {}\n", summary(fleet), a.inventory_out,
               a.known_hosts_out);
    fmt::print("{}\n", a.duration_seconds ? fmt::format("stopping in {} s", a.duration_seconds)
                                          : std::string("Ctrl-C stops it"));
    std::fflush(stdout);

    // Stopping: close listeners and connections, then give connections up to 3 s to flush
    // their DISCONNECT before the loop ends regardless (a client that reads nothing would
    // otherwise hold its writer forever).
    net::steady_timer grace(io);
    std::function<void(int)> wind_down = [&](int ticks_left) {
        if (fleet.stats().open_connections == 0 || ticks_left == 0) {
            io.stop();
            return;
        }
        grace.expires_after(std::chrono::milliseconds(50));
        grace.async_wait([&, ticks_left](boost::system::error_code ec) {
            if (!ec)
                wind_down(ticks_left - 1);
        });
    };
    net::signal_set signals(io, SIGINT, SIGTERM);
    net::steady_timer deadline(io);
    const auto stop = [&] {
        signals.cancel();
        deadline.cancel();
        fleet.stop();
        wind_down(60);
    };
    signals.async_wait([&](boost::system::error_code ec, int) {
        if (!ec)
            stop();
    });
    if (a.duration_seconds > 0) {
        deadline.expires_after(std::chrono::seconds(a.duration_seconds));
        deadline.async_wait([&](boost::system::error_code ec) {
            if (!ec)
                stop();
        });
    }
    io.run();
    const auto s = fleet.stats();
    fmt::print("fleetsh sim: stopped; {} connections ({} refused), {} authenticated, "
               "{} authentication failures, {} commands answered\n",
               s.connections, s.refused, s.authenticated, s.auth_failures, s.commands);
    return 0;
}

} // namespace

void add_sim_command(CLI::App& root, int& exit_code) {
    auto args = std::make_shared<sim_args>();
    auto* cmd = root.add_subcommand(
        "sim", "Serve a simulated fleet of network devices (Cisco IOS, Arista EOS, Juniper "
               "Junos, Linux) over SSH from this process, and write its inventory and "
               "known_hosts");
    auto& f = args->fleet;
    cmd->add_option("--devices", f.devices, "Number of devices")
        ->capture_default_str()
        ->check(CLI::Range(1, 60000));
    cmd->add_option("--mix", f.mix, "Platform weights, e.g. cisco_ios=60,linux=40")
        ->capture_default_str();
    cmd->add_option("--listen", f.listen, "Address to listen on (the first one with --per-address)")
        ->capture_default_str();
    cmd->add_option("--base-port", f.base_port,
                    "First port (device i listens on base+i); 0 lets the kernel choose")
        ->capture_default_str();
    cmd->add_option("--advertise", f.advertise,
                    "Address written to the inventory and known_hosts (default: --listen)");
    cmd->add_flag("--per-address", f.address_per_device,
                  "One 127.x address per device, all on --base-port");
    cmd->add_option("--seed", f.seed, "Seed for device facts and fault selection")
        ->capture_default_str();
    cmd->add_option("--faults", f.faults, "Faults, e.g. \"auth-reject@2%;latency=200ms@ios-0001\"");
    cmd->add_option("--quirks", f.quirks, "Quirks, e.g. \"single-exec@cisco_ios;banner@10%\"");
    cmd->add_option("--inventory-out", args->inventory_out, "Where to write the fleet's inventory")
        ->required();
    cmd->add_option("--known-hosts-out", args->known_hosts_out,
                    "Where to write known_hosts (default: beside the inventory)");
    cmd->add_option("--username", f.username, "User name the devices accept")
        ->capture_default_str();
    cmd->add_option("--password", f.password,
                    "Password the devices accept (or FLEETSH_SIM_PASSWORD)");
    cmd->add_option("--enable-secret", f.enable_secret, "Enable secret")->capture_default_str();
    cmd->add_option("--authorized-keys", args->authorized_keys,
                    "OpenSSH authorized_keys file: public keys the devices accept");
    cmd->add_option("--host-keys", args->host_key_dir,
                    "Folder keeping the devices' host keys across runs");
    cmd->add_option("--host-key-types", args->host_key_types, "ed25519, ecdsa, rsa (default all)")
        ->delimiter(',');
    cmd->add_option("--duration", args->duration_seconds,
                    "Stop after this many seconds (0: run "
                    "until interrupted)");
    cmd->callback([args, &exit_code] { exit_code = run_sim(*args); });
}

} // namespace app
