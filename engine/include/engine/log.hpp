// fleetsh's log: one spdlog logger named "fleetsh" that the engine and the jobs write to. It
// discards everything until the application installs its own (a file, a level), so that
// libraries, tests and --json output stay quiet by default. Messages never carry secrets:
// they are built from names, commands and typed errors.
//
//   engine::set_logger(spdlog::basic_logger_mt("fleetsh", "results/run/fleetsh.log"));
//   engine::logger().info("{}: ok in {} ms", name, ms);
#pragma once

#include <spdlog/logger.h>

#include <memory>

namespace engine {

spdlog::logger& logger();

// Thread-safe; the previous logger stays alive while a thread still writes to it.
void set_logger(std::shared_ptr<spdlog::logger> logger);

} // namespace engine
