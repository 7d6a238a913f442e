// Overwrites a string's whole buffer before it is released (private to inventory/).
#pragma once

#include <string>

namespace inventory::detail {

/// Zeroes every byte of `s`'s allocation (or small-string buffer) through a volatile pointer,
/// so the stores survive optimisation, then leaves `s` empty.
inline void wipe(std::string& s) noexcept {
    s.resize(s.capacity()); // never reallocates: size <= capacity
    volatile char* p = s.data();
    for (std::size_t i = 0; i < s.size(); ++i) {
        p[i] = '\0';
    }
    s.clear();
}

} // namespace inventory::detail
