// Replaces the global operator new/delete with counting versions (single-threaded tests).
#include "alloc_counter.hpp"

#include <cstdlib>
#include <new>

namespace {
std::size_t count = 0;
}

std::size_t wire_test::allocation_count() noexcept {
    return count;
}

void* operator new(std::size_t n) {
    ++count;
    if (void* p = std::malloc(n == 0 ? 1 : n))
        return p;
    throw std::bad_alloc{};
}

void operator delete(void* p) noexcept {
    std::free(p);
}

void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
