// CUDA devices visible to this process (name, memory, compute capability, peak bandwidth).
#pragma once
#include <string>
#include <vector>

namespace axon::cuda {

struct DeviceInfo {
    int index = 0;
    std::string name;
    std::size_t total_memory_bytes = 0;
    int cc_major = 0;
    int cc_minor = 0;
    int multiprocessors = 0;
    double memory_bandwidth_bytes_per_s = 0;  ///< peak: 2 x memory clock x bus width
};

/// Devices found; empty when there is no driver or no device (never throws for that).
std::vector<DeviceInfo> list_devices();

}  // namespace axon::cuda
