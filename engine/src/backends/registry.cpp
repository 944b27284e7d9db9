// Which backends exist in this build and which can run here.
#include <algorithm>

#include "axon/backend.hpp"
#include "axon/errors.hpp"
#include "cpu_backend.hpp"
#ifdef AXON_HAS_CUDA
#include "../../../kernels/cuda/device_info.hpp"
#include "cuda_backend.hpp"
#endif

namespace axon {

std::vector<DeviceDescription> cuda_devices() {
    std::vector<DeviceDescription> out;
#ifdef AXON_HAS_CUDA
    for (const cuda::DeviceInfo& d : cuda::list_devices())
        out.push_back(DeviceDescription{d.index, d.name, d.total_memory_bytes, d.cc_major, d.cc_minor,
                                        d.multiprocessors, d.memory_bandwidth_bytes_per_s * 1e-9});
#endif
    return out;
}

std::vector<std::string> compiled_backends() {
#ifdef AXON_HAS_CUDA
    return {"cpu", "cuda"};
#else
    return {"cpu"};
#endif
}

bool backend_available(std::string_view name) {
    if (name == "cpu") return true;
#ifdef AXON_HAS_CUDA
    if (name == "cuda") return !cuda_devices().empty();
#endif
    return false;
}

bool backend_supports(std::string_view backend, NeuronModel model) {
    (void)model;  // every model of the list, on both: the CPU loops and the CUDA step dispatch over it
    return backend == "cpu" || backend == "cuda";
}

std::string resolve_backend(std::string_view name) {
    if (name == "auto") return backend_available("cuda") ? "cuda" : "cpu";
    const auto compiled = compiled_backends();
    if (std::find(compiled.begin(), compiled.end(), name) == compiled.end())
        throw BackendError("backend '" + std::string(name) + "' is not compiled into this build; choose one of: auto, " +
                           [&] {
                               std::string s;
                               for (const auto& c : compiled) s += (s.empty() ? "" : ", ") + c;
                               return s;
                           }());
    if (!backend_available(name))
        throw BackendError("backend '" + std::string(name) + "' is compiled in but cannot run here (no device found)");
    return std::string(name);
}

std::unique_ptr<Backend> make_backend(std::string_view name) {
    const std::string resolved = resolve_backend(name);
    if (resolved == "cpu") return detail::make_cpu_backend();
#ifdef AXON_HAS_CUDA
    if (resolved == "cuda") return detail::make_cuda_backend();
#endif
    throw BackendError("backend '" + resolved + "' has no implementation yet");
}

}  // namespace axon
