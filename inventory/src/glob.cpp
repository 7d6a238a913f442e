#include <inventory/glob.hpp>

#include <cstddef>

namespace inventory {
namespace {

/// Matches the class starting at pattern[p] == '[' against c. Sets `end` past the class.
/// An unterminated '[' is a literal '['.
bool class_match(std::string_view pattern, std::size_t p, char c, std::size_t& end) {
    std::size_t i = p + 1;
    const bool negated = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
    if (negated) {
        ++i;
    }
    bool matched = false;
    bool first = true;
    for (; i < pattern.size() && (first || pattern[i] != ']'); first = false) {
        const char lo = pattern[i];
        if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
            matched = matched || (lo <= c && c <= pattern[i + 2]);
            i += 3;
        } else {
            matched = matched || lo == c;
            ++i;
        }
    }
    if (i >= pattern.size()) {
        end = p + 1;
        return c == '[';
    }
    end = i + 1;
    return matched != negated;
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
    std::size_t p = 0;
    std::size_t t = 0;
    // The last '*' seen and the text position it currently stands for: on a mismatch the
    // star absorbs one more character. Each retry moves star_text forward, so the loop ends.
    std::size_t star = std::string_view::npos;
    std::size_t star_text = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = ++p;
            star_text = t;
            continue;
        }
        if (p < pattern.size()) {
            std::size_t next = p + 1;
            bool ok = false;
            if (pattern[p] == '?') {
                ok = true;
            } else if (pattern[p] == '[') {
                ok = class_match(pattern, p, text[t], next);
            } else if (pattern[p] == '\\' && p + 1 < pattern.size()) {
                ok = pattern[p + 1] == text[t];
                next = p + 2;
            } else {
                ok = pattern[p] == text[t];
            }
            if (ok) {
                p = next;
                ++t;
                continue;
            }
        }
        if (star == std::string_view::npos) {
            return false;
        }
        p = star;
        t = ++star_text;
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

} // namespace inventory
