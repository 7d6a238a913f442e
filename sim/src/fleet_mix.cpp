#include <sim/fleet_mix.hpp>
#include <sim/text.hpp>

#include <algorithm>
#include <optional>

namespace sim {
namespace {

using text::trim;

bool is_known(std::string_view name) {
    return std::any_of(known_platforms.begin(), known_platforms.end(),
                       [&](const platform_info& p) { return p.name == name; });
}

std::string known_list() {
    std::string out;
    for (const auto& p : known_platforms) {
        if (!out.empty()) {
            out += ", ";
        }
        out += p.name;
    }
    return out;
}

std::string quoted(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

std::uint64_t fleet_mix::total_weight() const noexcept {
    std::uint64_t total = 0;
    for (const auto& e : entries_) {
        total += e.weight;
    }
    return total;
}

mix_result parse_fleet_mix(std::string_view spec) {
    if (trim(spec).empty()) {
        return mix_error{"fleet mix is empty: expected e.g. \"cisco_ios=60,linux=40\""};
    }
    std::vector<mix_entry> entries;
    std::size_t start = 0;
    for (std::size_t index = 1;; ++index) {
        const std::size_t comma = spec.find(',', start);
        const std::string_view raw =
            spec.substr(start, comma == std::string_view::npos ? spec.npos : comma - start);
        const std::string_view entry = trim(raw);

        if (entry.empty()) {
            return mix_error{"empty entry #" + std::to_string(index) + " in fleet mix " +
                             quoted(spec)};
        }
        const std::size_t eq = entry.find('=');
        if (eq == std::string_view::npos) {
            return mix_error{"entry " + quoted(entry) + " has no weight: expected platform=weight"};
        }
        const std::string_view name = trim(entry.substr(0, eq));
        const std::string_view weight_text = trim(entry.substr(eq + 1));
        if (name.empty()) {
            return mix_error{"entry " + quoted(entry) + " has no platform name"};
        }
        if (!is_known(name)) {
            return mix_error{"unknown platform " + quoted(name) + " in entry " + quoted(entry) +
                             ": known platforms are " + known_list()};
        }
        const auto weight = text::parse_unsigned(weight_text, max_mix_weight);
        if (!weight) {
            std::string why = all_digits(weight_text)
                                  ? "exceeds the maximum " + std::to_string(max_mix_weight)
                                  : std::string("is not a non-negative integer");
            return mix_error{"weight " + quoted(weight_text) + " for platform " +
                             std::string(name) + " " + why};
        }
        const bool repeated = std::any_of(entries.begin(), entries.end(),
                                          [&](const mix_entry& e) { return e.platform == name; });
        if (repeated) {
            return mix_error{"platform " + quoted(name) + " appears more than once in fleet mix"};
        }
        entries.push_back({std::string(name), static_cast<std::uint32_t>(*weight)});

        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }

    fleet_mix mix(std::move(entries));
    if (mix.total_weight() == 0) {
        return mix_error{"all weights in fleet mix " + quoted(spec) + " are zero"};
    }
    return mix;
}

} // namespace sim
