// Arista EOS: eAPI's JSON for show version, show ip interface brief and show interfaces.
#include "models/ios_like/arista_eos_dialect.hpp"
#include "models/ios_like/formatting.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <chrono>

namespace sim::ios_like {
namespace {

using boost::json::array;
using boost::json::object;

double epoch_seconds(wall_time time) {
    return static_cast<double>(time.time_since_epoch().count()) / 1000.0;
}

double boot_timestamp(const device_view& view) {
    return epoch_seconds(view.clock - view.uptime);
}

object ip_and_length(const std::optional<ipv4_prefix>& prefix) {
    return object{{"address", prefix ? format_ipv4(prefix->address) : "0.0.0.0"},
                  {"maskLen", prefix ? prefix->length : 0}};
}

boost::json::value version(const device_view& view) {
    const device_facts& facts = view.facts;
    const hardware_model& model = *facts.model;
    const std::string mac = mac_colons(facts.system_mac);
    return object{{"mfgName", "Arista"},
                  {"modelName", model.name},
                  {"hardwareRevision", model.hardware_revision},
                  {"serialNumber", facts.serial},
                  {"systemMacAddress", mac},
                  {"hwMacAddress", mac},
                  {"configMacAddress", "00:00:00:00:00:00"},
                  {"version", facts.version},
                  {"architecture", "x86_64"},
                  {"internalVersion", eos_internal_version(facts.version)},
                  {"internalBuildId", eos_build_id(facts.version)},
                  {"imageFormatVersion", "3.0"},
                  {"imageOptimization", model.image_variant},
                  {"bootupTimestamp", boot_timestamp(view)},
                  {"uptime", static_cast<double>(view.uptime.count())},
                  {"memTotal", model.memory_kb},
                  {"memFree", facts.memory_free_kb},
                  {"isIntlVersion", false}};
}

boost::json::value ip_interface_brief(const device_view& view) {
    object interfaces;
    for (const auto& state : view.interfaces) {
        interfaces[state.name] =
            object{{"name", state.name},
                   {"interfaceStatus", eos_interface_status(state)},
                   {"interfaceAddress", object{{"ipAddr", ip_and_length(state.address)}}},
                   {"ipv4Routable240", false},
                   {"ipv4Routable0", false},
                   {"lineProtocolStatus", eos_line_protocol(state)},
                   {"mtu", state.mtu}};
    }
    return object{{"interfaces", std::move(interfaces)}};
}

array addresses(const interface_state& state) {
    if (!state.address) {
        return {};
    }
    return array{object{{"primaryIp", ip_and_length(state.address)},
                        {"secondaryIps", object{}},
                        {"secondaryIpsOrderedList", array{}},
                        {"virtualIp", ip_and_length(std::nullopt)},
                        {"virtualSecondaryIps", object{}},
                        {"virtualSecondaryIpsOrderedList", array{}},
                        {"broadcastAddress", "255.255.255.255"},
                        {"dhcp", false}}};
}

// What only ports have: MACs, speed, counters and rates.
void add_port_details(object& entry, const interface_state& state, const device_view& view) {
    const port_fact& port = *state.port;
    const port_counters c = state.line_up() ? port.counters : port_counters{};
    entry["physicalAddress"] = mac_colons(port.mac);
    entry["burnedInAddress"] = mac_colons(port.mac);
    entry["bandwidth"] = std::uint64_t{port.speed_mbps} * 1'000'000;
    entry["duplex"] = "duplexFull";
    entry["autoNegotiate"] = "off";
    entry["loopbackMode"] = "loopbackNone";
    entry["lanes"] = 0;
    entry["interfaceCounters"] =
        object{{"inOctets", c.in_bytes},
               {"inUcastPkts", c.in_packets - c.in_multicast - c.in_broadcast},
               {"inMulticastPkts", c.in_multicast},
               {"inBroadcastPkts", c.in_broadcast},
               {"inDiscards", 0},
               {"inTotalPkts", c.in_packets},
               {"outOctets", c.out_bytes},
               {"outUcastPkts", c.out_packets - c.out_multicast - c.out_broadcast},
               {"outMulticastPkts", c.out_multicast},
               {"outBroadcastPkts", c.out_broadcast},
               {"outDiscards", 0},
               {"totalInErrors", 0},
               {"totalOutErrors", 0},
               {"linkStatusChanges", port.counters.resets + 1},
               {"counterRefreshTime", epoch_seconds(view.clock)}};
    entry["interfaceStatistics"] =
        object{{"updateInterval", 300.0},
               {"inBitsRate", static_cast<double>(c.in_bits_per_second)},
               {"inPktsRate", static_cast<double>(c.in_packets_per_second())},
               {"outBitsRate", static_cast<double>(c.out_bits_per_second)},
               {"outPktsRate", static_cast<double>(c.out_packets_per_second())}};
}

boost::json::value interfaces(const device_view& view, std::span<const interface_state> selected) {
    object interfaces;
    for (const auto& state : selected) {
        object entry{{"name", state.name},
                     {"forwardingModel", state.address ? "routed" : "bridged"},
                     {"lineProtocolStatus", eos_line_protocol(state)},
                     {"interfaceStatus", eos_interface_status(state)},
                     {"hardware", state.port != nullptr ? "ethernet" : "virtual"},
                     {"interfaceAddress", addresses(state)},
                     {"description", state.description},
                     {"mtu", state.mtu},
                     {"l3MtuConfigured", false},
                     {"l2Mru", 0},
                     {"lastStatusChangeTimestamp", boot_timestamp(view)}};
        if (state.port != nullptr) {
            add_port_details(entry, state, view);
        }
        interfaces[state.name] = std::move(entry);
    }
    return object{{"interfaces", std::move(interfaces)}};
}

} // namespace

boost::json::value arista_eos_dialect::show_json(json_topic topic, const device_view& view,
                                                 std::span<const interface_state> selected) const {
    switch (topic) {
    case json_topic::version:
        return version(view);
    case json_topic::ip_interface_brief:
        return ip_interface_brief(view);
    case json_topic::interfaces:
        break;
    }
    return interfaces(view, selected);
}

} // namespace sim::ios_like
