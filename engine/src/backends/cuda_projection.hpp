// A projection's synapses in device memory for the CUDA backend, and how they get there:
// built on the device from the same counter-based draws as the CPU builder where the rule
// allows (kernels/cuda/connectivity.cuh), else built on the host and uploaded. Plastic
// projections also get per-synapse weights, traces and the transposed index.
#pragma once
#include <cuda_runtime.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "../../../kernels/cuda/device_buffer.hpp"
#include "../../../kernels/models/plasticity.hpp"
#include "../../../kernels/views.hpp"
#include "../distributed/shard.hpp"
#include "axon/network.hpp"

namespace axon::detail {

struct GpuLearning {
    PlasticityStepParams params{};
    uint32_t delay = 1;
    cuda::DeviceBuffer<float> x_pre, y_post;
    cuda::DeviceBuffer<uint64_t> column_start;
    cuda::DeviceBuffer<uint32_t> column_synapse, column_pre;
};

struct GpuProjection {
    cuda::DeviceBuffer<uint64_t> row_start;
    cuda::DeviceBuffer<uint32_t> post;
    cuda::DeviceBuffer<float> weight;     ///< empty: weight_const for every synapse
    cuda::DeviceBuffer<uint16_t> delay;   ///< empty: delay_const for every synapse
    float weight_const = 0;
    uint16_t delay_const = 1;
    uint64_t synapses = 0;
    uint32_t max_delay = 1;               ///< the longest delay (steps)
    uint64_t max_row = 0;                 ///< the longest row (synapses)
    std::unique_ptr<GpuLearning> learning;

    CsrView view() const;
};

/// Build projection `id` in device memory: on the device where builds_on_device
/// (engine/src/device_plan.hpp) says so, else on the host with host_threads, then uploaded.
GpuProjection make_gpu_projection(const Network& net, ProjectionId id, int host_threads, cudaStream_t stream);

/// Where a distributed rank's synapses of a projection sit in the whole projection (host side).
struct ShardPlacement {
    std::vector<uint64_t> row_start;     ///< this rank's row offsets (n_pre + 1)
    std::vector<uint64_t> global_first;  ///< the whole matrix's index of each row's first synapse here
    uint64_t global_synapses = 0;        ///< the whole projection's
    uint16_t min_delay = UINT16_MAX;     ///< the shortest delay of this rank's synapses
};

/// A distributed rank's part of projection `id`: the synapses onto its blocks, built on the host
/// as the CPU backend builds them (collective) and uploaded, post indices over the whole
/// population; `placement` says where they sit in the whole projection.
GpuProjection make_gpu_projection_shard(const Network& net, ProjectionId id, const Shard& shard, int host_threads,
                                        cudaStream_t stream, ShardPlacement& placement);

}  // namespace axon::detail
