// Phase 6 of a step on the CPU (record), the twin of kernels/cuda/record.cu: a recorded
// population's spikes of the step are appended as (step, neuron) pairs, in neuron order; a
// sampler due after the step (record_due, kernels/models/record.hpp) appends the chosen state
// variables of the chosen neurons, [var][neuron] row-major. Weight snapshots are host copies
// on both backends (the backends' record and take_weight_snapshots).
#pragma once
#include <cstdint>
#include <vector>

#include "aligned_vector.hpp"

namespace axon::cpu {

/// steps, neurons += (t, i) for every neuron i of `spikes`.
void record_spikes(uint64_t t, const std::vector<uint32_t>& spikes, std::vector<uint64_t>& steps,
                   std::vector<uint32_t>& neurons);

/// steps += t; values += state[vars[v]][ids[n]] for every v, then n.
void sample_state(uint64_t t, const std::vector<AlignedVector<float>>& state, const std::vector<uint32_t>& vars,
                  const std::vector<uint32_t>& ids, std::vector<uint64_t>& steps, std::vector<float>& values);

}  // namespace axon::cpu
