// Phase 4 of a step on the CPU (propagate): every spiking presynaptic row of a CSR matrix
// adds its weights, in 64-bit fixed point, to ring[(t + delay) mod D][receptor][post].
// With several threads each thread owns a range of postsynaptic neurons and walks every
// spiking row from the first post in its range (rows are sorted by post), so no two
// threads write the same element and integer sums make the order irrelevant. Each width of the
// stored post indices and delays (SynapseStore) gets its own loop.
#pragma once
#include <cstdint>

#include "../views.hpp"
#include "synapse_store.hpp"

namespace axon::cpu {

/// Returns the number of synaptic events (spikes x targets) delivered.
uint64_t propagate(const SynapseStore& synapses, const SpikeListView& spikes, const RingView& ring, uint32_t receptor,
                   uint32_t slot_now, int threads);

}  // namespace axon::cpu
