#include <bench/command_line.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <iostream>

namespace bench {

command_line::command_line(int argc, char** argv, std::string_view program, std::string_view usage)
    : args_(argv + 1, argv + argc)
    , program_(program)
    , usage_(usage) {
    for (const auto arg : args_)
        if (arg == "--help" || arg == "-h") {
            std::cout << usage_;
            std::exit(0);
        }
}

bool command_line::has(std::string_view switch_flag) const {
    return std::find(args_.begin(), args_.end(), switch_flag) != args_.end();
}

void command_line::for_each_value(
    std::initializer_list<std::string_view> switches,
    const std::function<bool(std::string_view, std::string_view)>& on_value) const {
    for (std::size_t i = 0; i < args_.size(); ++i) {
        const auto flag = args_[i];
        if (std::find(switches.begin(), switches.end(), flag) != switches.end())
            continue;
        if (i + 1 >= args_.size())
            fail("unknown flag or missing value: " + std::string(flag));
        if (!on_value(flag, args_[++i]))
            fail("unknown flag: " + std::string(flag));
    }
}

int command_line::count(std::string_view flag, std::string_view text, int min, int max) const {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max)
        fail(std::string(flag) + " wants a whole number from " + std::to_string(min) + " to " +
             std::to_string(max) + ", not '" + std::string(text) + "'");
    return value;
}

void command_line::fail(const std::string& why) const {
    std::cerr << program_ << ": " << why << "\n" << usage_;
    std::exit(2);
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end == text.data())
        return std::nullopt;
    const std::string_view suffix(end, static_cast<std::size_t>(text.data() + text.size() - end));
    unsigned shift = 0;
    if (suffix.empty() || suffix == "B")
        shift = 0;
    else if (suffix == "k" || suffix == "K" || suffix == "KiB")
        shift = 10;
    else if (suffix == "m" || suffix == "M" || suffix == "MiB")
        shift = 20;
    else if (suffix == "g" || suffix == "G" || suffix == "GiB")
        shift = 30;
    else
        return std::nullopt;
    if (value == 0 || value > (std::uint64_t{1} << (40 - shift)))
        return std::nullopt;
    return value << shift;
}

} // namespace bench
