#include "zero_fill.hpp"

namespace sim::linux_host {

bool build_zeros(std::string& text, std::uint64_t& zeros) {
    if (zeros > max_built_zeros)
        return false;
    text.append(static_cast<std::size_t>(zeros), '\0');
    zeros = 0;
    return true;
}

bool append_after_zeros(std::string& text, std::uint64_t& zeros, std::string_view more) {
    if (more.empty())
        return true;
    if (!build_zeros(text, zeros))
        return false;
    text += more;
    return true;
}

std::string too_many_zeros(std::string_view program, std::uint64_t zeros) {
    return std::string(program) + ": simulated host: " + std::to_string(zeros) +
           " zero bytes are more than it builds (" + std::to_string(max_built_zeros) +
           "); it streams them only as an exec channel's last output\n";
}

} // namespace sim::linux_host
