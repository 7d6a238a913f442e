// What follows a '|' after a show command: include, exclude, begin, section (IOS and EOS)
// and json (EOS). Patterns match as plain text, case-sensitive, rather than as regexes.
#pragma once

#include "models/ios_like/command_tree.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace sim::ios_like {

enum class filter_kind { none, include, exclude, begin, section, json };

struct output_filter {
    filter_kind kind = filter_kind::none;
    std::string pattern;

    // `text` filtered; json leaves it alone (the command renders JSON itself).
    std::string apply(std::string_view text) const;
};

// The filter written after the '|' at `pipe` in `line`; "json" only when `json_allowed`.
std::variant<output_filter, parse_failure> parse_output_filter(std::string_view line,
                                                               std::size_t pipe, bool json_allowed);

} // namespace sim::ios_like
