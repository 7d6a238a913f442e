#include <sim/fleet_mix.hpp>

#include <algorithm>
#include <numeric>

namespace sim {
namespace {

std::string_view prefix_of(std::string_view platform) {
    for (const auto& p : known_platforms) {
        if (p.name == platform) {
            return p.prefix;
        }
    }
    return platform; // unreachable for a parsed mix
}

std::size_t digits(std::size_t n) {
    std::size_t d = 1;
    while (n >= 10) {
        n /= 10;
        ++d;
    }
    return d;
}

std::string device_name(std::string_view prefix, std::size_t ordinal, std::size_t width) {
    std::string number = std::to_string(ordinal);
    if (number.size() < width) {
        number.insert(0, width - number.size(), '0');
    }
    return std::string(prefix) + "-" + number;
}

} // namespace

std::vector<std::size_t> apportion(std::size_t n, const fleet_mix& mix) {
    const auto& entries = mix.entries();
    const std::uint64_t total = mix.total_weight(); // > 0 and <= 5 * max_mix_weight
    const std::uint64_t whole = n / total;
    const std::uint64_t part = n % total;

    // n * w / total, computed as whole * w + part * w / total so nothing overflows.
    std::vector<std::size_t> counts(entries.size());
    std::vector<std::uint64_t> remainders(entries.size());
    std::size_t assigned = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::uint64_t w = entries[i].weight;
        counts[i] = static_cast<std::size_t>(whole * w + part * w / total);
        remainders[i] = part * w % total;
        assigned += counts[i];
    }

    // Largest remainders first; stable_sort keeps spec order among equal remainders.
    std::vector<std::size_t> order(entries.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
    // The leftover is below the number of entries with a non-zero remainder, so zero-weight
    // entries never receive a device.
    for (std::size_t k = 0; assigned < n; ++k) {
        ++counts[order[k]];
        ++assigned;
    }
    return counts;
}

std::vector<planned_device> plan_fleet(std::size_t n, const fleet_mix& mix) {
    const auto& entries = mix.entries();
    const std::vector<std::size_t> counts = apportion(n, mix);
    const std::size_t width = std::max<std::size_t>(4, digits(n));

    // Smooth weighted round-robin with the counts as weights: over n steps each entry is
    // picked exactly counts[i] times, spread evenly; ties go to the earlier entry.
    std::vector<std::int64_t> current(entries.size(), 0);
    std::vector<std::size_t> emitted(entries.size(), 0);
    std::vector<planned_device> plan;
    plan.reserve(n);
    for (std::size_t step = 0; step < n; ++step) {
        std::size_t pick = 0;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            current[i] += static_cast<std::int64_t>(counts[i]);
            if (current[i] > current[pick]) {
                pick = i;
            }
        }
        current[pick] -= static_cast<std::int64_t>(n);
        ++emitted[pick];
        const std::string& platform = entries[pick].platform;
        plan.push_back({device_name(prefix_of(platform), emitted[pick], width), platform});
    }
    return plan;
}

} // namespace sim
