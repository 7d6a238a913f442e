#include "wipe.hpp"

#include <inventory/secret.hpp>

#include <ostream>
#include <utility>

namespace inventory {

secret::secret(secret&& other) noexcept
    : value_(std::move(other.value_)) {
    other.wipe();
}

secret& secret::operator=(const secret& other) {
    if (this != &other) {
        wipe();
        value_ = other.value_;
    }
    return *this;
}

secret& secret::operator=(secret&& other) noexcept {
    if (this != &other) {
        wipe();
        value_ = std::move(other.value_);
        other.wipe();
    }
    return *this;
}

secret::~secret() {
    wipe();
}

void secret::wipe() noexcept {
    detail::wipe(value_);
}

std::ostream& operator<<(std::ostream& os, const secret& s) {
    return os << s.masked();
}

} // namespace inventory
