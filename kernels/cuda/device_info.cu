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
        devices.push_back(DeviceInfo{d, prop.name, prop.totalGlobalMem, prop.major, prop.minor});
    }
    return devices;
}

}  // namespace axon::cuda
