// Phase 6 on the GPU, the twin of kernels/cpu/record.cpp, and the end of a step: each recorded population's segment of the
// step's spike list is appended (as local ids) to its device recording buffer; due samplers
// gather state; the tick kernel then stores each recorded population's count for the step,
// advances the fill levels and the device clock. The host drains the buffers every few
// thousand steps, never every step. The backend sizes them for the worst case of a drain
// interval (every neuron spiking every step), so they cannot overflow; a guard still raises a
// device flag instead of writing past the end.
#pragma once
#include <cuda_runtime.h>

#include <cstdint>

#include "step_plan.hpp"

namespace axon::cuda {

/// `largest` = the largest recorded population.
void launch_record_spikes(const RecordDesc* records, uint32_t n_records, uint32_t largest, const SpikeListDesc& spikes,
                          uint32_t* overflow, cudaStream_t stream);

/// For every sampler due at this step ((t + 1) mod every == 0): buffer row `filled` =
/// the values of vars x ids. `largest` = the most values one sample holds.
void launch_sample_state(const SamplerDesc* samplers, uint32_t n_samplers, uint64_t largest, const DeviceClock* clock,
                         cudaStream_t stream);

/// The step's end: step counts, fill levels, sampler rows, then clock->step and since_drain
/// advance. `max_steps` = the per-step count arrays' length (more raises *overflow).
void launch_tick(DeviceClock* clock, const RecordDesc* records, uint32_t n_records, const SpikeListDesc& spikes,
                 const SamplerDesc* samplers, uint32_t n_samplers, uint32_t max_steps, uint32_t* overflow,
                 cudaStream_t stream);

}  // namespace axon::cuda
