// Junos output pipes: "| match", "| except", "| count", "| last", "| no-more", and the
// "| display set" / "| compare" forms that the show commands produce themselves.
#pragma once

#include "command_table.hpp"
#include "junos_session.hpp"
#include "tokens.hpp"

#include <span>
#include <string>
#include <variant>
#include <vector>

namespace sim::junos {

struct text_filter {
    enum class kind { match, except, count, last } what;
    std::vector<std::string> patterns; // match/except: any of them ("a|b" gives two)
    std::size_t lines = 0;             // last
};

struct output_pipes {
    display_options display;
    std::vector<text_filter> filters; // in the order written
    bool no_more = false;
};

// `words`: everything after the command, starting at its first "|".
std::variant<output_pipes, command_error> parse_pipes(std::span<const token> words,
                                                      std::size_t line_end);
std::string apply_filters(std::string text, const std::vector<text_filter>& filters);

} // namespace sim::junos
