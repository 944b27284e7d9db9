#include "axon/log.hpp"

#include <mutex>

#include <spdlog/sinks/stdout_color_sinks.h>

namespace axon {
namespace {

std::mutex g_mutex;
std::shared_ptr<spdlog::logger> g_logger;

}  // namespace

spdlog::logger& logger() {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (!g_logger) {
        g_logger = std::make_shared<spdlog::logger>("axon", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
        g_logger->set_pattern("[%H:%M:%S.%e] [%n] [%^%l%$] %v");
    }
    return *g_logger;
}

void set_logger(std::shared_ptr<spdlog::logger> logger) {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_logger = std::move(logger);
}

}  // namespace axon
