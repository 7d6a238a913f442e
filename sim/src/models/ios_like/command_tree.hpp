// The keyword tree of a command mode, with IOS's unique-prefix abbreviation: every keyword
// may be shortened to any prefix no other keyword at its position shares ("sh ip int br",
// "conf t"); a keyword typed in full wins over longer ones it prefixes.
//
//   command_tree tree;
//   tree.add("show interfaces <rest>", show_one_interface);
//   tree.add("terminal length <number>", set_length);
//   auto parsed = tree.parse(tokenize(line, 0, line.size()), /*privileged=*/true);
//
// Placeholders: <word> takes one word, <number> one decimal number, <rest> the rest of the
// line as typed (one word at least). Commands added as privileged are invisible below
// privilege level 15: typed there, they fail with privileged_required.
//
// A negatable tree (configuration modes) also takes "no <command>", where trailing
// placeholders may be left out ("no ip address", "no hostname").
#pragma once

#include <sim/device_model.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sim::ios_like {

struct token {
    std::string_view text;
    std::size_t offset = 0; // in the line as typed
};

// The words of line[from, to), with their offsets in `line`.
std::vector<token> tokenize(std::string_view line, std::size_t from, std::size_t to);

enum class parse_status { invalid, ambiguous, incomplete, privileged_required };

struct parse_failure {
    parse_status status = parse_status::invalid;
    std::size_t offset = 0; // of the word that failed (invalid, privileged_required)
};

struct invocation;
using command_handler = std::function<command_output(const invocation&)>;

struct command_flags {
    bool privileged = false; // privilege level 15 only
    bool json = false;       // has an eAPI JSON form ("| json")
};

struct parsed_command {
    const command_handler* handler = nullptr;
    command_flags flags;
    std::vector<std::string> words; // keywords in full, arguments as typed
    std::vector<std::size_t> offsets;
    bool negated = false;

    // The words joined by single spaces: "ntp server 10.0.0.1".
    std::string line() const;
};

class command_tree {
public:
    explicit command_tree(bool negatable = false);
    ~command_tree();
    command_tree(command_tree&&) noexcept;
    command_tree& operator=(command_tree&&) noexcept;

    void add(std::string_view syntax, command_handler handler, command_flags flags = {});

    std::variant<parsed_command, parse_failure> parse(std::span<const token> tokens,
                                                      bool privileged) const;

private:
    struct node;
    std::unique_ptr<node> root_;
};

} // namespace sim::ios_like
