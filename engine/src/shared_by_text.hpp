// One immutable object per distinct key text, built on first use and kept for the process:
// compiled regular expressions, whose building costs far more than their (thread-safe) use.
// The number of distinct keys is small (one per platform driver's patterns).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace engine::detail {

template <typename T, typename Make>
std::shared_ptr<const T> shared_by_text(const std::string& key, Make make) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const T>> built;
    std::lock_guard lock(mutex);
    auto& entry = built[key];
    if (!entry)
        entry = make();
    return entry;
}

} // namespace engine::detail
