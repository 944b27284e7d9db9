// Phase 6 on the GPU: the step's spike list is appended to a device recording buffer and
// its length to a per-step count array; sampled state is gathered into a device buffer. The
// host drains both every few thousand steps, never every step. The backend sizes the
// buffers for the worst case of a drain interval (every neuron spiking every step), so they
// cannot overflow; a guard still raises a device flag instead of writing past the end.
#pragma once
#include <cuda_runtime.h>

#include <cstdint>

#include "../views.hpp"

namespace axon::cuda {

/// buffer[*offset ..] = spikes[0..*count); step_counts[step_index] = *count; *offset += *count.
void launch_record_spikes(const uint32_t* spikes, const uint32_t* count, uint32_t max, uint32_t* buffer,
                          uint64_t capacity, unsigned long long* offset, uint32_t* step_counts, uint32_t step_index,
                          uint32_t* overflow, cudaStream_t stream);

/// out[v * n + k] = the value of variable vars[v] of neuron ids[k] (vars: StateVar codes).
void launch_sample_state(const LifStateView& state, const uint32_t* ids, uint32_t n, const uint32_t* vars, uint32_t n_vars,
                         float* out, cudaStream_t stream);

}  // namespace axon::cuda
