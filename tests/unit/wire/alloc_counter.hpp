#pragma once
// Counts calls to the global operator new in this test executable, to show that a parser
// allocates nothing (e.g. for a 4 GiB declared length).

#include <cstddef>

namespace wire_test {
std::size_t allocation_count() noexcept;
}
