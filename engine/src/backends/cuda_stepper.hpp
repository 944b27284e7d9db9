// The CUDA backend's step scheduling: runs n steps of the plan's launches on the stream, as
// the step variant says (merged or fused: launches one by one or replays of captured step
// graphs; persistent: one cooperative launch), and counts the kernels and the host's launch
// calls. Owns the merged step's flags, spike list and selection scratch, the captured graphs
// and the profiling events.
#pragma once
#include <cstdint>
#include <vector>

#include "../../../kernels/cuda/device_buffer.hpp"
#include "../../../kernels/cuda/phase_events.hpp"
#include "../../../kernels/cuda/step_graph.hpp"
#include "../../../kernels/cuda/step_plan.hpp"
#include "axon/backend.hpp"
#include "axon/cuda_options.hpp"
#include "cuda_device_state.hpp"
#include "cuda_plan.hpp"

namespace axon::detail {

/// One step's spike list in device memory (see kernels/cuda/step_plan.hpp).
struct GpuSpikeList {
    cuda::DeviceBuffer<uint32_t> ids, count, segment;

    void allocate(uint32_t neurons, uint32_t populations, cudaStream_t stream);
    cuda::SpikeListDesc desc() { return cuda::SpikeListDesc{ids.data(), count.data(), segment.data()}; }
};

class CudaStepper {
public:
    // Set at load.
    CudaStep variant = CudaStep::merged;
    bool graphs = true;
    uint32_t persistent_blocks = 1;

    /// The merged step's flags, spike list and selection scratch (the fused steps append to
    /// their lists instead).
    void allocate_merged(uint32_t total_neurons, uint32_t populations, cudaStream_t stream);
    /// Profiling: events at the phase boundaries of the plan's launches.
    void init_phases(const std::vector<StepLaunch>& launches);
    /// Drop the captured graphs (their kernels' arguments are stale after a plan rebuild).
    void drop_graphs();

    /// Enqueue n steps on the stream (no wait for the device, except one per step when profiling).
    void run_steps(uint64_t n, const CudaPlan& plan, GpuStepCounters& counters, const CudaStream& stream);

    /// A distributed rank's step in two halves (merged launches, one by one; docs/scaling.md).
    /// The first, on its own neurons: update, their spike list, samples; the list is copied to
    /// `staged_ids` (room for `own` ids) and its length to `staged_count`. The clock advances.
    void enqueue_local_step(const CudaPlan& plan, GpuStepCounters& counters, uint32_t* staged_ids,
                            uint32_t* staged_count, uint32_t own, cudaStream_t stream);
    /// The second, once the whole network's spike list of the step is in device memory (`ids`,
    /// ascending global ids, and `count`): the traces' decay (plan.traces_in_update is false),
    /// propagate, learn, record. The clock, set back to the step by the caller, advances again.
    void enqueue_shared_step(const CudaPlan& plan, GpuStepCounters& counters, uint32_t* ids, uint32_t* count,
                             cudaStream_t stream);

    uint64_t kernels() const { return kernels_; }
    uint64_t host_launches() const { return host_launches_; }
    const std::vector<PhaseTime>& phase_totals() const { return phases_.totals(); }

private:
    /// Which launches of a step to enqueue: all, or a distributed rank's halves.
    enum class StepPart { whole, local, shared };

    void enqueue_step(const CudaPlan& plan, GpuStepCounters& counters, cudaStream_t stream);
    /// The part's launches of one step, over the spike list `spikes`.
    void enqueue_part(StepPart part, const CudaPlan& plan, GpuStepCounters& counters, const cuda::SpikeListDesc& spikes,
                      cudaStream_t stream);
    void enqueue(const StepLaunch& l, StepPart part, const CudaPlan& plan, GpuStepCounters& counters,
                 const cuda::SpikeListDesc& spikes, cudaStream_t stream);
    void count_launches(uint64_t host_calls, uint64_t kernels);
    void accumulate_phases(const CudaStream& stream);

    // The merged step's flags, spike list and CUB scratch.
    cuda::DeviceBuffer<uint8_t> fired_, select_temp_;
    GpuSpikeList spikes_;
    cuda::StepGraph graph_many_, graph_one_;
    cuda::PhaseEvents phases_;  // profiling only
    uint64_t kernels_ = 0, host_launches_ = 0;
};

}  // namespace axon::detail
