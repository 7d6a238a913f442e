// A bench's command line: "--flag value" pairs, switches such as --quick, --help, and errors
// that print the usage text and exit with status 2.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

class command_line {
public:
    // Prints `usage` and exits 0 when --help or -h is anywhere on the line.
    command_line(int argc, char** argv, std::string_view program, std::string_view usage);

    bool has(std::string_view switch_flag) const;

    // Calls on_value(flag, value) for every "--flag value" pair, skipping `switches`; a flag
    // with no value, or one on_value does not know (it returns false), is a usage error.
    void for_each_value(
        std::initializer_list<std::string_view> switches,
        const std::function<bool(std::string_view flag, std::string_view value)>& on_value) const;

    // A whole number from min to max, or a usage error.
    int count(std::string_view flag, std::string_view value, int min, int max) const;

    [[noreturn]] void fail(const std::string& why) const;

private:
    std::vector<std::string_view> args_;
    std::string_view program_;
    std::string_view usage_;
};

// A byte count such as 67108864, 64k, 64M, 64MiB or 1G (up to 1 TiB); nullopt when it is not one.
std::optional<std::uint64_t> parse_size(std::string_view text);

} // namespace bench
