/// @file log.hpp
/// Logging through spdlog. The library installs no global sinks: it logs to a logger named
/// "axon" (created on first use, writing to stderr) unless the program sets its own.
#pragma once
#include "axon/export.hpp"
#include <memory>

#include <spdlog/logger.h>

namespace axon AXON_API {

/// The library's logger.
spdlog::logger& logger();
/// Replace the library's logger (for example to route Axon's messages into a program's log).
void set_logger(std::shared_ptr<spdlog::logger> logger);

}  // namespace axon
