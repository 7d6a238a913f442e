#pragma once
// Byte containers shared by the crypto adapters.

#include <ssh/wire/reader.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ssh::crypto {

using bytes = std::vector<std::uint8_t>;
using wire::bytes_view;

// Overwrites memory in a way the optimizer may not remove.
void secure_wipe(void* data, std::size_t size) noexcept;

// An allocator that wipes every block it frees, so key material does not linger on the heap.
template <typename T>
struct zeroizing_allocator {
    using value_type = T;
    zeroizing_allocator() noexcept = default;
    template <typename U>
    zeroizing_allocator(const zeroizing_allocator<U>&) noexcept {}
    T* allocate(std::size_t n) { return std::allocator<T>{}.allocate(n); }
    void deallocate(T* p, std::size_t n) noexcept {
        secure_wipe(p, n * sizeof(T));
        std::allocator<T>{}.deallocate(p, n);
    }
    template <typename U>
    bool operator==(const zeroizing_allocator<U>&) const noexcept {
        return true;
    }
};

// Secrets: shared secrets, derived keys, private key material, passphrases.
using secure_bytes = std::vector<std::uint8_t, zeroizing_allocator<std::uint8_t>>;

} // namespace ssh::crypto
