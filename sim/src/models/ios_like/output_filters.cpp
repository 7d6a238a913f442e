#include "models/ios_like/output_filters.hpp"

#include "models/ios_like/formatting.hpp"

#include <array>

namespace sim::ios_like {
namespace {

struct filter_keyword {
    std::string_view name;
    filter_kind kind;
};

constexpr std::array<filter_keyword, 5> keywords{{{"include", filter_kind::include},
                                                  {"exclude", filter_kind::exclude},
                                                  {"begin", filter_kind::begin},
                                                  {"section", filter_kind::section},
                                                  {"json", filter_kind::json}}};

bool is_indented(std::string_view line) {
    return line.starts_with(' ');
}

} // namespace

std::string output_filter::apply(std::string_view text) const {
    if (kind == filter_kind::none || kind == filter_kind::json) {
        return std::string(text);
    }
    std::string out;
    bool begun = false;
    bool in_section = false;
    for (const auto line : split_lines(text)) {
        const bool matches = line.find(pattern) != std::string_view::npos;
        bool keep = false;
        switch (kind) {
        case filter_kind::include:
            keep = matches;
            break;
        case filter_kind::exclude:
            keep = !matches;
            break;
        case filter_kind::begin:
            begun = begun || matches;
            keep = begun;
            break;
        case filter_kind::section: // a matching top-level line and the indented lines under it
            in_section = is_indented(line) ? in_section : matches;
            keep = in_section;
            break;
        case filter_kind::none:
        case filter_kind::json:
            break;
        }
        if (keep) {
            out.append(line).append("\n");
        }
    }
    return out;
}

std::variant<output_filter, parse_failure>
parse_output_filter(std::string_view line, std::size_t pipe, bool json_allowed) {
    const auto tokens = tokenize(line, pipe + 1, line.size());
    if (tokens.empty()) {
        return parse_failure{parse_status::incomplete, line.size()};
    }
    const token& keyword = tokens.front();
    const filter_keyword* match = nullptr;
    for (const auto& candidate : keywords) {
        if ((candidate.kind == filter_kind::json && !json_allowed) ||
            !starts_with_ci(candidate.name, keyword.text)) {
            continue;
        }
        if (match != nullptr) {
            return parse_failure{parse_status::ambiguous, keyword.offset};
        }
        match = &candidate;
    }
    if (match == nullptr) {
        return parse_failure{parse_status::invalid, keyword.offset};
    }
    if (match->kind == filter_kind::json) {
        if (tokens.size() > 1) {
            return parse_failure{parse_status::invalid, tokens[1].offset};
        }
        return output_filter{filter_kind::json, {}};
    }
    if (tokens.size() < 2) {
        return parse_failure{parse_status::incomplete, line.size()};
    }
    const auto from = tokens[1].offset;
    const auto to = tokens.back().offset + tokens.back().text.size();
    return output_filter{match->kind, std::string(line.substr(from, to - from))};
}

} // namespace sim::ios_like
