#include "fleet_state.hpp"
#include <sys/resource.h>

#include <sim/fleet_mix.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

namespace sim {
namespace net = boost::asio;
using server::device_runtime;
using server::fleet_shared;

namespace {

// Punctuation that real prompts carry now and then and that naive prompt patterns trip on.
std::string odd_hostname(const std::string& name) {
    return name + "_(lab).r1[a]";
}

std::variant<std::vector<device_behaviour>, fleet_error>
behaviours_for(const fleet_options& o, const std::vector<planned_device>& plan) {
    std::vector<device_behaviour> result(plan.size());
    for (const auto& [spec, kind, label] : {std::tuple{&o.faults, spec_kind::faults, "--faults"},
                                            std::tuple{&o.quirks, spec_kind::quirks, "--quirks"}}) {
        auto parsed = parse_behaviours(*spec, kind);
        if (auto* e = std::get_if<spec_error>(&parsed))
            return fleet_error{std::string(label) + ": " + e->message};
        if (auto e = apply_behaviours(std::get<0>(parsed), plan, o.seed, result))
            return fleet_error{std::string(label) + ": " + e->message};
    }
    return result;
}

std::variant<net::ip::address, fleet_error> address_of(const fleet_options& o, std::size_t i) {
    boost::system::error_code ec;
    const auto base = net::ip::make_address(o.listen, ec);
    if (ec)
        return fleet_error{"--listen " + o.listen + " is not an IP address"};
    if (!o.address_per_device)
        return base;
    if (!base.is_v4() || !base.is_loopback())
        return fleet_error{"one address per device needs an IPv4 loopback --listen (127.x.y.z)"};
    const auto value = base.to_v4().to_uint() + static_cast<std::uint32_t>(i);
    if ((value >> 24) != 127 || (value & 0xff) == 0xff)
        return fleet_error{"the fleet does not fit in 127.0.0.0/8 from " + o.listen};
    return net::ip::address_v4(value);
}

// A listener per device plus a few descriptors per connection: make sure the soft limit on
// open files allows the fleet (as far as the hard limit does).
void raise_open_file_limit(std::size_t needed) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= needed)
        return;
    limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, needed);
    setrlimit(RLIMIT_NOFILE, &limit);
}

std::optional<fleet_error> listen(device_runtime& d, const net::ip::address& address,
                                  std::uint16_t port) {
    const net::ip::tcp::endpoint endpoint(address, port);
    boost::system::error_code ec;
    d.acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        d.acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        d.acceptor.bind(endpoint, ec);
    if (!ec)
        d.acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        return fleet_error{d.info.profile.name + ": cannot listen on " + address.to_string() + ":" +
                           std::to_string(port) + ": " + ec.message()};
    if (d.info.address.empty())
        d.info.address = address.to_string();
    d.info.port = d.acceptor.local_endpoint().port();
    return std::nullopt;
}

std::shared_ptr<fleet_shared> shared_settings(const fleet_options& o) {
    auto shared = std::make_shared<fleet_shared>();
    shared->username = o.username;
    shared->password = ssh::auth::secret(o.password);
    shared->authorized_keys = o.authorized_keys;
    shared->base_options.login_grace = o.login_grace;
    return shared;
}

} // namespace

fleet::fleet(std::unique_ptr<state> s)
    : state_(std::move(s)) {}
fleet::~fleet() = default;

std::variant<std::unique_ptr<fleet>, fleet_error> fleet::start(net::io_context& io,
                                                               const fleet_options& o) {
    auto mix = parse_fleet_mix(o.mix);
    if (auto* e = std::get_if<mix_error>(&mix))
        return fleet_error{"--mix: " + e->message};
    const auto plan = plan_fleet(o.devices, std::get<fleet_mix>(mix));
    for (const auto& p : plan)
        if (!has_device_model(p.platform))
            return fleet_error{"--mix: the simulator has no model for " + p.platform};
    auto behaviours = behaviours_for(o, plan);
    if (auto* e = std::get_if<fleet_error>(&behaviours))
        return *e;
    raise_open_file_limit(o.devices * 2 + 256);

    auto s = std::make_unique<state>();
    s->shared = shared_settings(o);
    server::host_key_source keys(o.host_key_types, o.host_key_dir);
    for (std::size_t i = 0; i < plan.size(); ++i) {
        auto d = std::make_shared<device_runtime>(io, s->shared);
        auto& info = d->info;
        info.behaviour = std::get<0>(behaviours)[i];
        info.profile = {.name = plan[i].name,
                        .platform = plan[i].platform,
                        .seed = o.seed,
                        .hostname =
                            info.behaviour.odd_prompt ? odd_hostname(plan[i].name) : plan[i].name,
                        .username = o.username,
                        .enable_secret = o.enable_secret,
                        .motd = info.behaviour.motd.value_or("")};
        auto published = keys.keys_for(plan[i].name);
        if (auto* e = std::get_if<server::host_key_error>(&published))
            return fleet_error{plan[i].name + ": " + e->message};
        d->served_keys = std::get<0>(published);
        for (const auto& k : d->served_keys)
            info.host_keys.push_back(k->public_key());
        if (info.behaviour.hostkey_change) {
            auto other = keys.impostor_keys();
            if (auto* e = std::get_if<server::host_key_error>(&other))
                return fleet_error{plan[i].name + ": " + e->message};
            d->served_keys = std::get<0>(other);
        }
        if (!o.advertise.empty() && o.address_per_device)
            return fleet_error{"--advertise cannot be combined with one address per device"};
        info.address = o.advertise;
        auto address = address_of(o, i);
        if (auto* e = std::get_if<fleet_error>(&address))
            return *e;
        const std::uint16_t port = o.base_port == 0 || o.address_per_device
                                       ? o.base_port
                                       : static_cast<std::uint16_t>(o.base_port + i);
        if (o.base_port != 0 && !o.address_per_device && o.base_port + i > 65535)
            return fleet_error{"--base-port " + std::to_string(o.base_port) +
                               " leaves no port for " + plan[i].name};
        if (auto e = listen(*d, std::get<net::ip::address>(address), port))
            return *e;
        d->startups =
            std::make_shared<ssh::asio::startup_tracker>(s->shared->base_options.startups);
        s->infos.push_back(info);
        s->runtimes.push_back(std::move(d));
    }
    for (auto& d : s->runtimes)
        net::co_spawn(io, server::accept_loop(d), net::detached);
    return std::unique_ptr<fleet>(new fleet(std::move(s)));
}

const std::vector<device_info>& fleet::devices() const noexcept {
    return state_->infos;
}

const device_info* fleet::find(std::string_view name) const noexcept {
    for (const auto& d : state_->infos)
        if (d.profile.name == name)
            return &d;
    return nullptr;
}

void fleet::stop() {
    for (auto& d : state_->runtimes)
        d->stop();
}

fleet_stats fleet::stats() const noexcept {
    return state_->shared->counters;
}

} // namespace sim
