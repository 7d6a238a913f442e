// The driver files compiled into the library (generated from engine/drivers/*.yaml).
#pragma once

#include <span>
#include <string_view>

namespace engine::detail {

struct shipped_driver_file {
    std::string_view name; // "cisco_ios.yaml"
    std::string_view text;
};

std::span<const shipped_driver_file> shipped_driver_files() noexcept;

} // namespace engine::detail
