#include <sim/behaviours.hpp>
#include <sim/stable_random.hpp>
#include <sim/text.hpp>
#include <ssh/wire/glob.hpp>

#include <algorithm>
#include <array>

namespace sim {
namespace {

enum class value_rule { none, optional_text, duration, count };

struct kind_info {
    std::string_view name;
    spec_kind kind;
    value_rule value;
};

constexpr std::array<kind_info, 14> kinds{{
    {"auth-reject", spec_kind::faults, value_rule::none},
    {"kex-close", spec_kind::faults, value_rule::none},
    {"banner-stall", spec_kind::faults, value_rule::none},
    {"hang", spec_kind::faults, value_rule::none},
    {"latency", spec_kind::faults, value_rule::duration},
    {"drop-output", spec_kind::faults, value_rule::none},
    {"hostkey-change", spec_kind::faults, value_rule::none},
    {"trickle", spec_kind::faults, value_rule::count},
    {"conn-limit", spec_kind::faults, value_rule::count},
    {"single-exec", spec_kind::quirks, value_rule::none},
    {"max-sessions", spec_kind::quirks, value_rule::count},
    {"banner", spec_kind::quirks, value_rule::optional_text},
    {"motd", spec_kind::quirks, value_rule::optional_text},
    {"odd-prompt", spec_kind::quirks, value_rule::none},
}};

constexpr std::uint64_t max_count = 1'000'000'000;
constexpr std::uint64_t max_duration_ms = 24ULL * 3600 * 1000;

const kind_info* find_kind(std::string_view name, spec_kind kind) {
    for (const auto& k : kinds)
        if (k.name == name && k.kind == kind)
            return &k;
    return nullptr;
}

std::string kind_list(spec_kind kind) {
    std::string out;
    for (const auto& k : kinds)
        if (k.kind == kind)
            out += (out.empty() ? "" : ", ") + std::string(k.name);
    return out;
}

std::string quoted(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

// "300ms", "2s", or plain milliseconds "300".
std::optional<std::chrono::milliseconds> parse_duration(std::string_view v) {
    std::uint64_t scale = 1;
    if (v.ends_with("ms")) {
        v.remove_suffix(2);
    } else if (v.ends_with("s")) {
        v.remove_suffix(1);
        scale = 1000;
    }
    const auto n = text::parse_unsigned(v, max_duration_ms / scale);
    if (!n)
        return std::nullopt;
    return std::chrono::milliseconds(*n * scale);
}

std::optional<spec_error> check_value(const kind_info& k, std::string_view value, bool has_value) {
    const auto what = "value " + quoted(value) + " of " + std::string(k.name);
    switch (k.value) {
    case value_rule::none:
        if (has_value)
            return spec_error{std::string(k.name) + " takes no value"};
        return std::nullopt;
    case value_rule::optional_text:
        return std::nullopt;
    case value_rule::duration:
        if (!parse_duration(value))
            return spec_error{what + " is not a duration such as 300ms or 2s"};
        return std::nullopt;
    case value_rule::count:
        if (const auto n = text::parse_unsigned(value, max_count); !n || *n == 0)
            return spec_error{what + " is not a whole number from 1 to " +
                              std::to_string(max_count)};
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<std::uint64_t> parse_percent(std::string_view target) {
    if (!target.ends_with('%'))
        return std::nullopt;
    target.remove_suffix(1);
    return text::parse_unsigned(target, 100);
}

bool is_platform(std::string_view name) {
    return std::any_of(known_platforms.begin(), known_platforms.end(),
                       [&](const platform_info& p) { return p.name == name; });
}

// The share of the fleet for "N%": the devices ranked first by a hash of (seed, kind, name),
// so the choice depends only on the seed, the fault and the fleet.
std::vector<std::size_t> pick_share(std::uint64_t percent, std::string_view kind,
                                    const std::vector<planned_device>& fleet, std::uint64_t seed) {
    std::size_t count = static_cast<std::size_t>((percent * fleet.size() + 50) / 100);
    if (percent > 0 && count == 0 && !fleet.empty())
        count = 1;
    std::vector<std::pair<std::uint64_t, std::size_t>> ranked;
    ranked.reserve(fleet.size());
    for (std::size_t i = 0; i < fleet.size(); ++i)
        ranked.emplace_back(stable_random(seed, fleet[i].name, kind).next(), i);
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::size_t> picked;
    for (std::size_t i = 0; i < count; ++i)
        picked.push_back(ranked[i].second);
    return picked;
}

void set(device_behaviour& d, const behaviour_entry& e) {
    const std::string_view k = e.kind;
    const auto count = [&] { return *text::parse_unsigned(e.value, max_count); };
    if (k == "auth-reject")
        d.auth_reject = true;
    else if (k == "kex-close")
        d.kex_close = true;
    else if (k == "banner-stall")
        d.banner_stall = true;
    else if (k == "hang")
        d.hang = true;
    else if (k == "latency")
        d.latency = *parse_duration(e.value);
    else if (k == "drop-output")
        d.drop_output = true;
    else if (k == "hostkey-change")
        d.hostkey_change = true;
    else if (k == "trickle")
        d.trickle_bytes_per_second = static_cast<std::uint32_t>(count());
    else if (k == "conn-limit")
        d.connection_limit = count();
    else if (k == "single-exec")
        d.single_exec = true;
    else if (k == "max-sessions")
        d.max_sessions = static_cast<std::uint32_t>(count());
    else if (k == "banner")
        d.banner =
            e.value.empty() ? "Authorized access only. Disconnect now if not authorized." : e.value;
    else if (k == "motd")
        d.motd = e.value.empty() ? "Maintenance window: Sundays 02:00-04:00 UTC." : e.value;
    else if (k == "odd-prompt")
        d.odd_prompt = true;
}

} // namespace

std::string device_behaviour::describe() const {
    std::string out;
    const auto add = [&](std::string item) { out += (out.empty() ? "" : ",") + item; };
    if (auth_reject)
        add("auth-reject");
    if (kex_close)
        add("kex-close");
    if (banner_stall)
        add("banner-stall");
    if (hang)
        add("hang");
    if (latency.count() > 0)
        add("latency=" + std::to_string(latency.count()) + "ms");
    if (drop_output)
        add("drop-output");
    if (hostkey_change)
        add("hostkey-change");
    if (trickle_bytes_per_second > 0)
        add("trickle=" + std::to_string(trickle_bytes_per_second));
    if (connection_limit)
        add("conn-limit=" + std::to_string(*connection_limit));
    if (single_exec)
        add("single-exec");
    if (max_sessions)
        add("max-sessions=" + std::to_string(*max_sessions));
    if (banner)
        add("banner");
    if (motd)
        add("motd");
    if (odd_prompt)
        add("odd-prompt");
    return out;
}

std::variant<std::vector<behaviour_entry>, spec_error> parse_behaviours(std::string_view spec,
                                                                        spec_kind kind) {
    std::vector<behaviour_entry> entries;
    if (text::trim(spec).empty())
        return entries;
    for (const auto raw : text::split(spec, ';')) {
        const auto item = text::trim(raw);
        if (item.empty())
            continue; // "a;b;" and "a;;b" are forgiven
        const auto at = item.find('@');
        const auto head = text::trim(item.substr(0, at));
        const auto eq = head.find('=');
        behaviour_entry e;
        e.kind = std::string(text::trim(head.substr(0, eq)));
        if (eq != std::string_view::npos)
            e.value = std::string(text::trim(head.substr(eq + 1)));
        const auto* k = find_kind(e.kind, kind);
        if (!k)
            return spec_error{
                "unknown " + std::string(kind == spec_kind::faults ? "fault " : "quirk ") +
                quoted(e.kind) + " in " + quoted(item) + ": known are " + kind_list(kind)};
        if (auto err = check_value(*k, e.value, eq != std::string_view::npos)) {
            err->message += " (in " + quoted(item) + ")";
            return *err;
        }
        if (at != std::string_view::npos) {
            for (const auto t : text::split(item.substr(at + 1), ',')) {
                const auto target = text::trim(t);
                if (target.empty())
                    return spec_error{"empty target in " + quoted(item)};
                if (target.ends_with('%') && !parse_percent(target))
                    return spec_error{"share " + quoted(target) + " in " + quoted(item) +
                                      " is not a whole percentage from 0% to 100%"};
                e.targets.emplace_back(target);
            }
        }
        entries.push_back(std::move(e));
    }
    return entries;
}

std::optional<spec_error> apply_behaviours(const std::vector<behaviour_entry>& entries,
                                           const std::vector<planned_device>& fleet,
                                           std::uint64_t seed,
                                           std::vector<device_behaviour>& devices) {
    std::vector<std::vector<std::size_t>> chosen;
    for (const auto& e : entries) {
        std::vector<std::size_t> picked;
        if (e.targets.empty())
            for (std::size_t i = 0; i < fleet.size(); ++i)
                picked.push_back(i);
        for (const auto& target : e.targets) {
            if (const auto percent = parse_percent(target)) {
                auto share = pick_share(*percent, e.kind, fleet, seed);
                picked.insert(picked.end(), share.begin(), share.end());
                continue;
            }
            const bool platform = is_platform(target);
            std::size_t matched = 0;
            for (std::size_t i = 0; i < fleet.size(); ++i) {
                const bool hit = platform ? fleet[i].platform == target
                                          : ssh::wire::glob_match(target, fleet[i].name);
                if (hit) {
                    picked.push_back(i);
                    ++matched;
                }
            }
            if (matched == 0 && !platform)
                return spec_error{"target " + quoted(target) + " of " + e.kind +
                                  " names no device of the fleet"};
        }
        chosen.push_back(std::move(picked));
    }
    for (std::size_t n = 0; n < entries.size(); ++n)
        for (const auto i : chosen[n])
            set(devices.at(i), entries[n]);
    return std::nullopt;
}

} // namespace sim
