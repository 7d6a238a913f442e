#include "tokens.hpp"

namespace sim::junos {

std::vector<token> tokenize(std::string_view line) {
    std::vector<token> words;
    std::size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        if (c == ' ' || c == '\t') {
            ++i;
        } else if (c == '|') {
            words.push_back({"|", i, false});
            ++i;
        } else if (c == '"') {
            const std::size_t close = line.find('"', i + 1);
            const std::size_t end = close == std::string_view::npos ? line.size() : close;
            words.push_back({std::string(line.substr(i + 1, end - i - 1)), i, true});
            i = end + 1;
        } else {
            const std::size_t end = line.find_first_of(" \t|\"", i);
            const std::size_t stop = end == std::string_view::npos ? line.size() : end;
            words.push_back({std::string(line.substr(i, stop - i)), i, false});
            i = stop;
        }
    }
    return words;
}

bool is_pipe(const token& t) {
    return !t.quoted && t.text == "|";
}

keyword_match match_keyword(std::string_view word, std::span<const std::string_view> keywords) {
    keyword_match match;
    for (std::size_t i = 0; i < keywords.size(); ++i) {
        if (keywords[i] == word)
            return {keyword_match::outcome::unique, i};
        if (!word.empty() && keywords[i].starts_with(word)) {
            match.result = match.result == keyword_match::outcome::none
                               ? keyword_match::outcome::unique
                               : keyword_match::outcome::ambiguous;
            match.index = i;
        }
    }
    return match;
}

} // namespace sim::junos
