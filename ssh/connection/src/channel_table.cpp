#include <ssh/connection/channel_table.hpp>

namespace ssh::connection::detail {

void request_fifo::push(request_kind k) noexcept {
    if (full())
        return;
    kinds_ |= std::uint64_t{static_cast<std::uint8_t>(k)} << (4 * count_);
    ++count_;
}

std::optional<request_kind> request_fifo::pop() noexcept {
    if (empty())
        return std::nullopt;
    const auto k = static_cast<request_kind>(kinds_ & 0xf);
    kinds_ >>= 4;
    --count_;
    return k;
}

void reply_queue::push(bool answered, bool success) noexcept {
    if (full())
        return;
    const std::uint32_t bit = std::uint32_t{1} << count_;
    if (answered)
        answered_ |= bit;
    if (success)
        success_ |= bit;
    ++count_;
}

bool reply_queue::answer_oldest(bool success) noexcept {
    for (unsigned i = 0; i < count_; ++i) {
        const std::uint32_t bit = std::uint32_t{1} << i;
        if (answered_ & bit)
            continue;
        answered_ |= bit;
        if (success)
            success_ |= bit;
        return true;
    }
    return false;
}

std::optional<bool> reply_queue::pop_answered() noexcept {
    if (empty() || !(answered_ & 1))
        return std::nullopt;
    const bool success = success_ & 1;
    answered_ >>= 1;
    success_ >>= 1;
    --count_;
    return success;
}

channel* channel_table::find(channel_id id) noexcept {
    if (id >= slots_.size() || slots_[id].state == channel_state::free)
        return nullptr;
    return &slots_[id];
}

const channel* channel_table::find(channel_id id) const noexcept {
    return const_cast<channel_table*>(this)->find(id);
}

std::optional<channel_id> channel_table::allocate(channel_state state) {
    if (used_ >= max_)
        return std::nullopt;
    std::size_t id = 0;
    while (id < slots_.size() && slots_[id].state != channel_state::free)
        ++id;
    if (id == slots_.size())
        slots_.emplace_back();
    slots_[id] = channel{};
    slots_[id].state = state;
    ++used_;
    return static_cast<channel_id>(id);
}

void channel_table::release(channel_id id) noexcept {
    if (find(id) == nullptr)
        return;
    slots_[id] = channel{};
    --used_;
    // Memory follows the highest number in use.
    while (!slots_.empty() && slots_.back().state == channel_state::free)
        slots_.pop_back();
    if (slots_.empty())
        slots_.shrink_to_fit();
}

} // namespace ssh::connection::detail
