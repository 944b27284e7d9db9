// Device discovery for `axon info` and backend availability. No driver or no device is a
// normal situation (CI, laptops): it yields an empty list, and the error state is cleared.
// Only properties are read: no context is created and the current device is left alone.
#include <cuda_runtime.h>

#include "device_info.hpp"

namespace axon::cuda {

std::vector<DeviceInfo> list_devices() {
    std::vector<DeviceInfo> devices;
    int count = 0;
    if (cudaGetDeviceCount(&count) != cudaSuccess) {
        (void)cudaGetLastError();
        return devices;
    }
    for (int d = 0; d < count; ++d) {
        cudaDeviceProp prop{};
        if (cudaGetDeviceProperties(&prop, d) != cudaSuccess) {
            (void)cudaGetLastError();
            continue;
        }
        DeviceInfo info{d, prop.name, prop.totalGlobalMem, prop.major, prop.minor, prop.multiProcessorCount, 0.0};
        int clock_khz = 0, bus_bits = 0;
        if (cudaDeviceGetAttribute(&clock_khz, cudaDevAttrMemoryClockRate, d) == cudaSuccess &&
            cudaDeviceGetAttribute(&bus_bits, cudaDevAttrGlobalMemoryBusWidth, d) == cudaSuccess)
            info.memory_bandwidth_bytes_per_s = 2.0 * clock_khz * 1e3 * bus_bits / 8.0;  // double data rate
        (void)cudaGetLastError();
        devices.push_back(info);
    }
    return devices;
}

}  // namespace axon::cuda
