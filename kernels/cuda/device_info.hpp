// CUDA devices visible to this process (name, memory, compute capability).
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
};

/// Devices found; empty when there is no driver or no device (never throws for that).
std::vector<DeviceInfo> list_devices();

}  // namespace axon::cuda
