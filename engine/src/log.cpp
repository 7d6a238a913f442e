#include <engine/log.hpp>

#include <spdlog/sinks/null_sink.h>

#include <atomic>
#include <mutex>
#include <vector>

namespace engine {
namespace {

std::shared_ptr<spdlog::logger> make_quiet() {
    auto quiet = std::make_shared<spdlog::logger>("fleetsh",
                                                  std::make_shared<spdlog::sinks::null_sink_mt>());
    quiet->set_level(spdlog::level::off);
    return quiet;
}

// Loggers once installed are kept to the end of the process: logger() hands out references
// without counting them, and replacing a logger is rare (once per run).
struct installed {
    std::mutex mutex;
    std::vector<std::shared_ptr<spdlog::logger>> kept{make_quiet()};
    std::atomic<spdlog::logger*> current{kept.front().get()};
};

installed& state() {
    static installed s;
    return s;
}

} // namespace

spdlog::logger& logger() {
    return *state().current.load(std::memory_order_acquire);
}

void set_logger(std::shared_ptr<spdlog::logger> logger) {
    auto& s = state();
    std::lock_guard lock(s.mutex);
    if (!logger)
        logger = s.kept.front();
    s.kept.push_back(logger);
    s.current.store(logger.get(), std::memory_order_release);
}

} // namespace engine
