// Phases 1-2 of a step on the CPU (deliver + update): each neuron reads and clears its
// ring-buffer slot, integrates one step and fires; spikes come out in neuron order.
// Parallelised over contiguous neuron ranges; the model math is kernels/models/lif.hpp.
#pragma once
#include <cstdint>
#include <vector>

#include "../models/lif.hpp"
#include "../views.hpp"
#include "parallel.hpp"

namespace axon::cpu {

void update_lif_exp(const LifStepParams& params, const LifStateView& state, const RingView& ring, uint32_t slot,
                    UpdateScratch& scratch, std::vector<uint32_t>& spikes, int threads);

void update_lif_delta(const LifStepParams& params, const LifStateView& state, const RingView& ring, uint32_t slot,
                      UpdateScratch& scratch, std::vector<uint32_t>& spikes, int threads);

/// A Poisson population: neuron i spikes at step `step` when its uniform is below p_spike.
void update_poisson_population(float p_spike, uint64_t seed, uint32_t stream, uint64_t step, uint32_t size,
                               UpdateScratch& scratch, std::vector<uint32_t>& spikes, int threads);

}  // namespace axon::cpu
