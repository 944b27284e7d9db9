#include "cuda_stepper.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>

#include "../../../kernels/cuda/fused_step.cuh"
#include "../../../kernels/cuda/neuron_update.cuh"
#include "../../../kernels/cuda/plasticity.cuh"
#include "../../../kernels/cuda/propagate.cuh"
#include "../../../kernels/cuda/record.cuh"
#include "../device_plan.hpp"
#include "axon/errors.hpp"

namespace axon::detail {

void GpuSpikeList::allocate(uint32_t neurons, uint32_t populations, cudaStream_t stream) {
    ids.resize(std::max<uint32_t>(neurons, 1));
    count.resize(1);
    count.zero(stream);
    segment.resize(populations + 1);
    segment.zero(stream);
}

void CudaStepper::allocate_merged(uint32_t total_neurons, uint32_t populations, cudaStream_t stream) {
    spikes_.allocate(total_neurons, populations, stream);
    fired_.resize(std::max<uint32_t>(total_neurons, 1));
    const std::size_t temp = cuda::select_spikes_temp_bytes(total_neurons);
    select_temp_.resize(temp ? temp : 1);
}

void CudaStepper::init_phases(const std::vector<StepLaunch>& launches) { phases_.init(phases_of(launches)); }

void CudaStepper::drop_graphs() {
    graph_many_ = {};
    graph_one_ = {};
}

void CudaStepper::run_steps(uint64_t n, const CudaPlan& plan, GpuStepCounters& counters, const CudaStream& stream) {
    const cudaStream_t queue = stream.stream;
    if (variant == CudaStep::persistent) {
        phases_.mark(0, queue);
        cuda::launch_persistent(plan.fused, n, persistent_blocks, queue);
        phases_.mark(1, queue);
        count_launches(1, 1);
        accumulate_phases(stream);
        return;
    }
    if (!graphs) {
        for (uint64_t k = 0; k < n; ++k) {
            enqueue_step(plan, counters, queue);
            count_launches(plan.kernels_per_step, plan.kernels_per_step);
            accumulate_phases(stream);
        }
        return;
    }
    if (n >= kGraphSteps && graph_many_.empty())
        graph_many_ = cuda::StepGraph::capture(queue, [&] {
            for (uint64_t k = 0; k < kGraphSteps; ++k) enqueue_step(plan, counters, queue);
        });
    if (n % kGraphSteps && graph_one_.empty())
        graph_one_ = cuda::StepGraph::capture(queue, [&] { enqueue_step(plan, counters, queue); });
    for (uint64_t k = 0; k < n / kGraphSteps; ++k) {
        graph_many_.launch(queue);
        count_launches(1, kGraphSteps * plan.kernels_per_step);
    }
    for (uint64_t k = 0; k < n % kGraphSteps; ++k) {
        graph_one_.launch(queue);
        count_launches(1, plan.kernels_per_step);
    }
}

// One pass of the pipeline (kernels/cuda/step_plan.hpp), the launches of the step schedule
// (engine/src/cuda_step_schedule.hpp), every one asynchronous on the stream and the same at
// every step (the kernels read the step from the device clock): capturable in a graph.
void CudaStepper::enqueue_step(const CudaPlan& plan, GpuStepCounters& counters, cudaStream_t stream) {
    std::string_view phase;
    std::size_t boundary = 0;
    for (const StepLaunch& l : plan.launches) {
        if (phases_.on() && phase_of(l.kernel) != phase) {
            phase = phase_of(l.kernel);
            phases_.mark(boundary++, stream);
        }
        enqueue(l, StepPart::whole, plan, counters, spikes_.desc(), stream);
    }
    phases_.mark(boundary, stream);
}

void CudaStepper::enqueue_local_step(const CudaPlan& plan, GpuStepCounters& counters, uint32_t* staged_ids,
                                     uint32_t* staged_count, uint32_t own, cudaStream_t stream) {
    enqueue_part(StepPart::local, plan, counters, spikes_.desc(), stream);
    // Only own neurons fire here: the list is at most `own` long.
    if (own)
        AXON_CUDA_CHECK(cudaMemcpyAsync(staged_ids, spikes_.ids.data(), std::size_t{own} * sizeof(uint32_t),
                                        cudaMemcpyDeviceToDevice, stream));
    AXON_CUDA_CHECK(
        cudaMemcpyAsync(staged_count, spikes_.count.data(), sizeof(uint32_t), cudaMemcpyDeviceToDevice, stream));
}

void CudaStepper::enqueue_shared_step(const CudaPlan& plan, GpuStepCounters& counters, uint32_t* ids, uint32_t* count,
                                      cudaStream_t stream) {
    // The traces' decay of this step, before its learning (the update ran steps ahead).
    cuda::launch_decay_traces(plan.trace_descs.data(), plan.n_traces, plan.largest_trace, counters.clock.data(), stream);
    if (plan.n_traces) count_launches(1, 1);
    enqueue_part(StepPart::shared, plan, counters, cuda::SpikeListDesc{ids, count, spikes_.segment.data()}, stream);
}

void CudaStepper::enqueue_part(StepPart part, const CudaPlan& plan, GpuStepCounters& counters,
                               const cuda::SpikeListDesc& spikes, cudaStream_t stream) {
    if (plan.variant != CudaStep::merged)
        throw BackendError("cuda: a distributed step runs the merged launches only (internal error)");
    for (const StepLaunch& l : plan.launches) enqueue(l, part, plan, counters, spikes, stream);
}

// The merged launches of each half of a distributed step: the local half makes this rank's
// spike list and samples its neurons; the shared half takes the whole network's list. Both
// end with the tick, which advances the clock (the local half counts the samples, the shared
// half the recorded spikes).
namespace {
bool in_part(StepKernel kernel, bool local) {
    switch (kernel) {
    case StepKernel::update:
    case StepKernel::select_spikes:
    case StepKernel::sample: return local;
    case StepKernel::tick: return true;
    default: return !local;
    }
}
}  // namespace

void CudaStepper::enqueue(const StepLaunch& l, StepPart part, const CudaPlan& plan, GpuStepCounters& counters,
                          const cuda::SpikeListDesc& spikes, cudaStream_t stream) {
    if (part != StepPart::whole && !in_part(l.kernel, part == StepPart::local)) return;
    if (part != StepPart::whole) count_launches(1, kernels_of(l.kernel));
    cuda::DeviceClock* clock = counters.clock.data();
    unsigned long long* events = counters.events.data();
    switch (l.kernel) {
    case StepKernel::update:
        cuda::launch_update(plan.pop_descs.data(), plan.n_pops, plan.input_descs.data(), plan.trace_descs.data(),
                            plan.update_blocks, fired_.data(), clock, plan.seed, events + 1, stream);
        return;
    case StepKernel::select_spikes:
        cuda::select_spikes(fired_.data(), plan.total_neurons, spikes, select_temp_.data(), select_temp_.size(), stream);
        return;
    case StepKernel::segments:
        cuda::find_segments(plan.pop_descs.data(), plan.n_pops, plan.total_neurons, spikes, stream);
        return;
    case StepKernel::propagate:
        cuda::launch_propagate(plan.proj_descs.data() + l.first, l.count, spikes, plan.pop_descs.data(),
                               plan.segment_length(), plan.propagate_blocks, clock, events, stream);
        return;
    case StepKernel::archive:
        cuda::launch_archive_spikes(spikes, plan.source_descs.data(), plan.n_sources, plan.largest_source, clock,
                                    stream);
        return;
    case StepKernel::arrivals:
        cuda::launch_arrivals(plan.learn_descs.data() + l.first, l.count, plan.source_descs.data(),
                              plan.learning_blocks, clock, stream);
        return;
    case StepKernel::post_spikes:
        cuda::launch_post_spikes(plan.learn_descs.data() + l.first, l.count, spikes, plan.pop_descs.data(),
                                 plan.learning_blocks, clock, stream);
        return;
    case StepKernel::record:
        cuda::launch_record_spikes(plan.record_descs.data(), plan.n_records, plan.largest_recorded, spikes,
                                   counters.overflow.data(), stream);
        return;
    case StepKernel::sample:
        cuda::launch_sample_state(plan.sampler_descs.data(), plan.n_samplers, plan.largest_sample, clock, stream);
        return;
    case StepKernel::tick:
        cuda::launch_tick(clock, plan.record_descs.data(), part == StepPart::local ? 0 : plan.n_records, spikes,
                          plan.sampler_descs.data(), part == StepPart::shared ? 0 : plan.n_samplers, plan.drain_steps,
                          counters.overflow.data(), stream);
        return;
    case StepKernel::fused_update: cuda::launch_fused_update(plan.fused, stream); return;
    case StepKernel::fused_propagate:
    case StepKernel::fused_finish:
        cuda::launch_fused_propagate(plan.fused, l.first, l.count, l.kernel == StepKernel::fused_finish,
                                     plan.propagate_blocks, stream);
        return;
    case StepKernel::fused_arrivals:
    case StepKernel::fused_post_spikes:
        cuda::launch_fused_learn(plan.fused, l.first, l.count, l.kernel == StepKernel::fused_post_spikes,
                                 plan.learning_blocks, stream);
        return;
    case StepKernel::persistent: break;  // runs many steps: run_steps launches it
    }
    throw BackendError("cuda: the step schedule holds a kernel that cannot be enqueued per step (internal error)");
}

void CudaStepper::count_launches(uint64_t host_calls, uint64_t kernels) {
    host_launches_ += host_calls;
    kernels_ += kernels;
}

// Profiling: wait for the phase events just recorded and add up their times.
void CudaStepper::accumulate_phases(const CudaStream& stream) {
    if (!phases_.on()) return;
    ++stream.host_syncs;
    phases_.accumulate();
}

}  // namespace axon::detail
