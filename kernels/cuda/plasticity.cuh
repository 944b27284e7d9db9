// Phase 5 on the GPU, the twin of kernels/cpu/plasticity.cpp, one launch per phase for every
// plastic projection. Traces decay in the update kernel (nothing reads them in between), or in
// distributed runs, whose updates run ahead of learning, by decay_traces at learning's step.
// The spikes of each population that plastic projections leave from are archived in a ring
// of lists (its longest plastic delay + 1), so spikes emitted at t - delay arrive at step t. Presynaptic
// arrivals run row-wise (a warp per arriving row: lane 0 bumps the trace, then the lanes
// update the row's weights); postsynaptic spikes run column-wise through the transposed index
// (a warp per spiking neuron), in a second launch, after every arrival. Each phase writes
// every synapse at most once, with the shared math of kernels/models/plasticity.hpp: the
// CPU's values exactly.
#pragma once
#include <cuda_runtime.h>

#include <cstdint>

#include "step_plan.hpp"

namespace axon::cuda {

/// Every trace's decay for step t (distributed runs); `largest` = the longest trace.
void launch_decay_traces(const TraceDesc* traces, uint32_t n, uint32_t largest, const DeviceClock* clock,
                         cudaStream_t stream);

/// Slot t mod slots of every source's ring = its segment of the step's spike list.
/// `largest` = the largest source population.
void launch_archive_spikes(const SpikeListDesc& spikes, const SourceHistoryDesc* sources, uint32_t n_sources,
                           uint32_t largest, const DeviceClock* clock, cudaStream_t stream);

/// Arrivals of plastic projections [0, n), n <= kMaxMergedObjects, in one launch. Every group's
/// arrivals run before any group's postsynaptic spikes.
void launch_arrivals(const LearningDesc* learning, uint32_t n, const SourceHistoryDesc* sources, uint32_t blocks,
                     const DeviceClock* clock, cudaStream_t stream);
/// Postsynaptic spikes of plastic projections [0, n), n <= kMaxMergedObjects, in one launch.
void launch_post_spikes(const LearningDesc* learning, uint32_t n, const SpikeListDesc& spikes,
                        const PopulationDesc* pops, uint32_t blocks, const DeviceClock* clock, cudaStream_t stream);

}  // namespace axon::cuda
