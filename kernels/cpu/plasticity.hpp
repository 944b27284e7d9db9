// Phase 5 of a step on the CPU (learn), for one plastic projection: traces decay, then
// presynaptic work row-wise over the spikes arriving now, then postsynaptic work
// column-wise through the transposed index, pre before post (docs/architecture.md). Each phase touches
// every synapse at most once, so splitting a phase over threads cannot change a result.
#pragma once
#include <cstdint>

#include "../models/plasticity.hpp"
#include "../views.hpp"
#include "narrow_array.hpp"

namespace axon::cpu {

/// Column view of a CSR matrix: the synapses onto each postsynaptic neuron.
struct TransposeView {
    const uint64_t* column_start;  ///< n_post + 1
    const uint32_t* synapse;       ///< synapse ids (CSR positions), by post then pre
    const NarrowArray* pre;        ///< presynaptic neuron of each entry
    uint32_t n_post;
};

void decay_traces(float* trace, uint32_t n, float factor);

/// Presynaptic arrivals: update each arriving row's weights, and its presynaptic trace first.
void learn_on_arrivals(const PlasticityStepParams& p, const uint64_t* row_start, const NarrowArray& post, float* weight,
                       const SpikeListView& arrivals, float* x_pre, const float* y_post, int threads);

/// Postsynaptic spikes: bump each spiking neuron's trace, then update its column's weights.
void learn_on_post_spikes(const PlasticityStepParams& p, const TransposeView& columns, float* weight,
                          const SpikeListView& spikes, const float* x_pre, float* y_post, int threads);

/// The perceptron rule at an update of the postsynaptic units: every unit whose output y
/// differs from its target updates its column's weights with the window's arrivals x_pre.
void learn_on_updates(const PlasticityStepParams& p, const TransposeView& columns, float* weight, const float* x_pre,
                      const float* y, const float* target, int threads);

}  // namespace axon::cpu
