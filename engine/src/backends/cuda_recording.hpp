// The CUDA backend's recordings: each recorded population's device spike buffers, the
// samplers' device buffers, the weight recorders' series, and the drain that brings what the
// device recorded since the last one into the host-side pending records (the routine
// synchronisation point), in two batches of copies through pinned memory.
#pragma once
#include <cstdint>
#include <vector>

#include "../../../kernels/cuda/device_buffer.hpp"
#include "../../../kernels/cuda/pinned_staging.hpp"
#include "../backend_setup.hpp"
#include "axon/backend.hpp"
#include "axon/network.hpp"
#include "axon/record.hpp"
#include "cuda_device_state.hpp"
#include "cuda_projection.hpp"

namespace axon::detail {

/// A population's spikes since the last drain on the device (for a recorded one), and those
/// drained so far on the host.
struct GpuSpikeRecord {
    bool recorded = false;
    // Local ids, the count per step, the fill level.
    cuda::DeviceBuffer<uint32_t> ids, step_counts;
    cuda::DeviceBuffer<unsigned long long> fill;
    SpikeTrain pending;
};

struct GpuSampler {
    SampleSeries pending;  // host side: steps and values drained so far
    cuda::DeviceBuffer<uint32_t> ids, vars, filled;
    cuda::DeviceBuffer<float> buffer;  // samples since the last drain
};

struct CudaRecording {
    uint64_t drain_steps = 1, steps_since_drain = 0;
    std::vector<GpuSpikeRecord> spikes;  // per population
    std::vector<GpuSampler> samplers;
    std::vector<WeightSeries> weight_series;
    cuda::PinnedStaging staging;  // the drains' two batches of copies

    /// The next population's record: buffers for drain_steps steps of all its neurons spiking.
    void add_population(const PopulationSetup& setup, cudaStream_t stream);
    void add_sampler(const Network& net, const SamplerSpec& spec, cudaStream_t stream);
    void add_weight_recorder(const WeightRecorderSpec& spec, uint64_t synapses);

    /// Copy the weights of each recorder due after step `step - 1` (a synchronous copy each).
    void take_weight_snapshots(Step step, const std::vector<GpuProjection>& projs, const CudaStream& stream);
    /// The drain: the device recordings of the steps since the last one (the host is at step
    /// `step`) into the pending records, after checking the overflow flag, the clock and every
    /// count; then the device buffers and the clock's count start again.
    void collect(Step step, GpuStepCounters& counters, const CudaStream& stream);
    /// Move the pending records into `into` (after collect).
    void move_into(Recording& into);
};

}  // namespace axon::detail
