// Phases 1-2 of a step on the CPU (deliver + update) for every neuron model: each neuron reads
// and clears its ring-buffer slot, runs its model's step (the model header's AXON_HD function,
// shared with the CUDA backend) and fires; spikes come out in neuron order. Parallelised over
// contiguous neuron ranges.
#pragma once
#include <cstdint>
#include <vector>

#include "../models/model_fields.hpp"
#include "../views.hpp"
#include "axon/models.hpp"
#include "parallel.hpp"

namespace axon::cpu {

/// A population's state: one float array per state variable of its model, and the constant
/// input current per neuron.
struct PopulationArrays {
    float* state[kMaxStateVars];
    const float* i_ext;
    uint32_t size;
};

/// One step of every neuron of a population of `model` at ctx.step.
void update_population(NeuronModel model, const ModelConstants& constants, const PopulationArrays& arrays,
                       const RingView& ring, uint32_t slot, const StepContext& ctx, UpdateScratch& scratch,
                       std::vector<uint32_t>& spikes, int threads);

}  // namespace axon::cpu
