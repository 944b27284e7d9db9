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

/// Whether a LIF population's thresholds stay put: every theta equals theta_0 bit for bit and
/// a step leaves theta_0 as it is (no adaptation). Then update_population may skip the theta
/// array (`fixed_threshold`) with the same results. Reads every theta: check when the state
/// was written, not every step.
bool fixed_threshold_holds(NeuronModel model, const ModelConstants& constants, const PopulationArrays& arrays);

/// Whether a LIF population uses neither an external current (every i_ext a zero, +0 or -0)
/// nor a lower bound on V (v_min = -inf), and its constants let the step leave both out with the
/// same results (a finite p_v_iext, a nonzero e_l). Then update_population may skip the i_ext
/// array and the bound (`lean`, with `fixed_threshold`). Reads every current: check when they
/// or the constants were written, not every step.
bool lean_step_holds(NeuronModel model, const ModelConstants& constants, const PopulationArrays& arrays);

/// What the caller knows about a population that lets its step take a shorter path, each with
/// the same results.
struct UpdateShortcuts {
    /// Only where fixed_threshold_holds says so: the step neither reads nor writes theta.
    bool fixed_threshold = false;
    /// Only where no ring slot of the population can hold a value beyond small_fixed_to_float's
    /// range (a bound on its input, engine/src/backends/cpu_input_bound.hpp): without AVX-512 the step
    /// then reads its ring lanes in the same pass.
    bool small_input = false;
    /// Only where lean_step_holds says so, and taken with fixed_threshold only: the step neither
    /// reads i_ext nor adds its term, nor bounds V from below.
    bool lean = false;
};

/// One step of every neuron of a population of `model` at ctx.step.
void update_population(NeuronModel model, const ModelConstants& constants, const PopulationArrays& arrays,
                       const RingView& ring, uint32_t slot, const StepContext& ctx, UpdateScratch& scratch,
                       std::vector<uint32_t>& spikes, int threads, UpdateShortcuts shortcuts = {});

}  // namespace axon::cpu
