// Shell-style name patterns for inventory filters: '*' any run of characters, '?' one
// character, '[abc]' / '[a-z]' / '[!abc]' one character of (or not of) a set; '\' makes the
// next character literal. Matching is on bytes and takes O(pattern x text) steps at most.
#pragma once

#include <string_view>

namespace inventory {

[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text);

} // namespace inventory
