// Phase 5 on the GPU, the twin of kernels/cpu/plasticity.cpp, one launch per phase for every
// plastic projection. Traces decay in the update kernel (nothing reads them in between).
// The step's spike list is archived in a ring of `history` lists, one per step of the
// longest plastic delay, so spikes emitted at t - delay can arrive at step t. Presynaptic
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

/// history[t mod history_length] = the step's spike list (ids, count, segments).
void launch_archive_spikes(const SpikeListDesc& spikes, uint32_t n_pops, uint32_t max_spikes,
                           const SpikeListDesc* history, uint32_t history_length, const DeviceClock* clock,
                           cudaStream_t stream);

void launch_learn(const LearningDesc* learning, uint32_t n_learning, const SpikeListDesc& spikes,
                  const SpikeListDesc* history, uint32_t history_length, uint32_t blocks, const DeviceClock* clock,
                  cudaStream_t stream);

}  // namespace axon::cuda
