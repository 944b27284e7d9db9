// Device discovery for `axon info` and backend availability. No driver or no device is a
// normal situation (CI, laptops): it yields an empty list, and the error state is cleared.
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
        DeviceInfo info{d, prop.name, prop.totalGlobalMem, 0, prop.major, prop.minor, prop.multiProcessorCount, 0.0};
        int clock_khz = 0, bus_bits = 0;
        if (cudaDeviceGetAttribute(&clock_khz, cudaDevAttrMemoryClockRate, d) == cudaSuccess &&
            cudaDeviceGetAttribute(&bus_bits, cudaDevAttrGlobalMemoryBusWidth, d) == cudaSuccess)
            info.memory_bandwidth_bytes_per_s = 2.0 * clock_khz * 1e3 * bus_bits / 8.0;  // double data rate
        std::size_t free_bytes = 0, total_bytes = 0;
        if (cudaSetDevice(d) == cudaSuccess && cudaMemGetInfo(&free_bytes, &total_bytes) == cudaSuccess)
            info.free_memory_bytes = free_bytes;
        (void)cudaGetLastError();
        devices.push_back(info);
    }
    if (count > 0) (void)cudaSetDevice(0);  // the backends run on device 0
    (void)cudaGetLastError();
    return devices;
}

}  // namespace axon::cuda
