#pragma once
// Text that must not linger in memory: passwords and keyboard-interactive answers.

#include <ssh/crypto/bytes.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

namespace ssh::auth {

// A secret string. Its bytes live in a heap block that is wiped when freed (no small-string
// buffer inside the object, unlike std::basic_string), so copies and moves leave nothing
// behind. It is never printed; callers see it only through view().
class secret {
public:
    secret() = default;
    explicit secret(std::string_view text)
        : data_(text.begin(), text.end()) {}

    std::string_view view() const noexcept { return {data_.data(), data_.size()}; }
    std::size_t size() const noexcept { return data_.size(); }
    bool empty() const noexcept { return data_.empty(); }

    // Wipes the bytes now rather than when the block is freed.
    void clear() noexcept {
        crypto::secure_wipe(data_.data(), data_.size());
        data_.clear();
    }

private:
    std::vector<char, crypto::zeroizing_allocator<char>> data_;
};

} // namespace ssh::auth
