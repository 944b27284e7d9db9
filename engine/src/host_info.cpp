#include "axon/host_info.hpp"

#include <sys/resource.h>

#include <fstream>
#include <stdexcept>
#include <thread>

#include "../../kernels/cpu/isa.hpp"
#include "axon/errors.hpp"

namespace axon {

std::string cpu_description() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line, model = "unknown CPU";
    while (std::getline(cpuinfo, line))
        if (line.rfind("model name", 0) == 0) {
            model = line.substr(line.find(':') + 2);
            break;
        }
    return model + " (" + std::to_string(std::thread::hardware_concurrency()) + " hardware threads)";
}

uint64_t peak_host_memory() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

std::string cpu_code_version() {
    try {
        return std::string(cpu::to_string(cpu::active_isa()));
    } catch (const std::invalid_argument& e) {
        throw ConfigError(e.what());
    }
}

}  // namespace axon
