#include "axon/host_info.hpp"

#include <sys/resource.h>

#include <fstream>
#include <thread>

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

}  // namespace axon
