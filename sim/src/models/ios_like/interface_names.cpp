#include "models/ios_like/interface_names.hpp"

#include "models/ios_like/formatting.hpp"

#include <algorithm>

namespace sim::ios_like {
namespace {

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// "1/0/3": numbers separated by single slashes.
bool valid_number(std::string_view number) {
    if (number.empty() || !is_digit(number.front()) || !is_digit(number.back()) ||
        number.find("//") != std::string_view::npos) {
        return false;
    }
    return std::all_of(number.begin(), number.end(),
                       [](char c) { return is_digit(c) || c == '/'; });
}

} // namespace

std::optional<interface_name> resolve_interface_name(std::string_view typed,
                                                     std::span<const interface_type> types) {
    std::string compact;
    std::copy_if(typed.begin(), typed.end(), std::back_inserter(compact),
                 [](char c) { return c != ' ' && c != '\t'; });
    const auto split = std::find_if(compact.begin(), compact.end(), is_digit) - compact.begin();
    const std::string_view type_part = std::string_view(compact).substr(0, split);
    const std::string_view number = std::string_view(compact).substr(split);
    if (type_part.empty() || !valid_number(number)) {
        return std::nullopt;
    }

    const interface_type* found = nullptr;
    for (const auto& type : types) {
        if (equals_ci(type.name, type_part)) {
            found = &type;
            break;
        }
        if (starts_with_ci(type.name, type_part)) {
            if (found != nullptr) {
                return std::nullopt; // ambiguous prefix
            }
            found = &type;
        }
    }
    if (found == nullptr) {
        return std::nullopt;
    }
    return interface_name{found, std::string(found->name) + std::string(number)};
}

const interface_type* interface_type_of(std::string_view full_name,
                                        std::span<const interface_type> types) {
    for (const auto& type : types) {
        if (full_name.starts_with(type.name) && full_name.size() > type.name.size() &&
            is_digit(full_name[type.name.size()])) {
            return &type;
        }
    }
    return nullptr;
}

std::string short_interface_name(std::string_view full_name,
                                 std::span<const interface_type> types) {
    const auto* type = interface_type_of(full_name, types);
    if (type == nullptr) {
        return std::string(full_name);
    }
    return std::string(type->short_name) + std::string(full_name.substr(type->name.size()));
}

} // namespace sim::ios_like
