// Splitting a Junos command line into words, and matching words to keywords by unique prefix
// ("sh int te" is "show interfaces terse").
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sim::junos {

struct token {
    std::string text;       // without the quotes
    std::size_t offset = 0; // in the line, for the error caret
    bool quoted = false;
};

// Words separated by spaces; "double quotes" group; an unquoted '|' is a word of its own.
std::vector<token> tokenize(std::string_view line);
bool is_pipe(const token& t);

struct keyword_match {
    enum class outcome { none, unique, ambiguous } result = outcome::none;
    std::size_t index = 0; // into the keywords, when unique
};

// An exact match wins; otherwise the word must be the prefix of exactly one keyword.
keyword_match match_keyword(std::string_view word, std::span<const std::string_view> keywords);

} // namespace sim::junos
