// A small POSIX-shell parser: words with quotes and $VARIABLES, pipelines, redirections,
// and lists joined by ";", "&&" and "||". No globbing, subshells or here-documents.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sim::linux_host {

// A piece of a word: literal text, or a variable to expand ("?" for $?, "HOME" for ~).
struct word_part {
    std::string text;
    bool variable = false;
};

struct shell_word {
    std::vector<word_part> parts;
    bool quoted = false; // an empty expansion still makes an argument
};

struct redirection {
    int fd = 1;         // 0 (<), 1 (>) or 2 (2>)
    std::string target; // a path, or "&1" / "&2"
};

struct simple_command {
    std::vector<shell_word> words;
    std::vector<redirection> redirections; // in the order written
};

using pipeline = std::vector<simple_command>;

enum class run_condition {
    always,       // first, or after ";"
    if_succeeded, // after "&&"
    if_failed,    // after "||"
};

struct list_item {
    run_condition condition = run_condition::always;
    pipeline commands;
};

struct syntax_error {
    std::string message; // as bash prints it, without "bash: "
};

std::variant<std::vector<list_item>, syntax_error> parse_shell(std::string_view line);

} // namespace sim::linux_host
