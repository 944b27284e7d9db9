// The CUDA backend's descriptor and device discovery. Compiled in every build: a build without
// CUDA still plans for it (its memory plan needs no CUDA) and reports no devices.
#include "../device_plan.hpp"
#include "axon/errors.hpp"
#include "descriptor.hpp"
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

namespace detail {

const BackendDescriptor& cuda_backend_descriptor() {
    static const BackendDescriptor descriptor = [] {
        BackendDescriptor d;
        d.name = "cuda";
        d.accelerator = true;
#ifdef AXON_HAS_CUDA
        d.compiled = true;
        d.make = &make_cuda_backend;
        d.distributed = true;
#endif
        d.splits_neuron_state = false;  // every rank holds every neuron's state (docs/scaling.md)
        // 32-bit post indices, 16-bit delays (kernels/views.hpp, CsrView).
        d.synapse_bytes = [](uint64_t, bool weights, bool delays, uint64_t) { return 4 + (weights ? 4 : 0) + (delays ? 2 : 0); };
        d.column_pre_bytes = [](uint64_t) { return 4; };  // 32-bit, as the transposed index's synapse ids
        d.check_options = [](const BackendOptions& options) {
            const CudaOptions& cuda = options.cuda;
            if (cuda.row_segment % 32 != 0)
                throw ConfigError("cuda.row_segment: " + std::to_string(cuda.row_segment) +
                                  " is not allowed (0 for a warp per row, or a multiple of 32)");
            if (options.communicator && cuda.step != CudaStep::merged)
                throw ConfigError(std::string("cuda.step: '") + to_string(cuda.step) +
                                  "' runs in one process only; distributed runs take 'merged'");
        };
        d.available = [] { return cuda_backend_descriptor().compiled && !cuda_devices().empty(); };
        // Every model of the list: the CUDA step dispatches over the same list as the CPU loops.
        d.supports = [](NeuronModel) { return true; };
        d.add_memory_parts = [](const Network& net, MemoryPlan& plan) { add_device_parts(net, plan.ranks, plan.parts); };
        // The backend checks the plan against the device's free memory when it loads (it needs the device).
        d.check_memory = [](const MemoryPlan&) {};
        d.memory_here = [] {
            const std::vector<DeviceDescription> devices = cuda_devices();
            return devices.empty() ? std::string("no CUDA device here")
                                   : format_bytes(devices.front().memory_bytes) + " on " + devices.front().name;
        };
        return d;
    }();
    return descriptor;
}

}  // namespace detail
}  // namespace axon
