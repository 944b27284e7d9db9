// Non-owning views of backend memory: raw pointers plus sizes, trivially copyable, so the
// same structs feed the CPU loops and (by value) the CUDA kernels.
#pragma once
#include <cstdint>

#include "models/fixed_point.hpp"
#include "models/hd.hpp"

namespace axon {

/// Structure-of-arrays state of a LIF population. i_exc/i_inh are null for delta synapses.
struct LifStateView {
    float* v;
    float* theta;
    float* i_exc;
    float* i_inh;
    int32_t* refractory;
    const float* i_ext;  ///< constant input current per neuron (pA)
    uint32_t size;
};

/// Input ring buffer of one population: [slot][receptor][neuron] 64-bit fixed point.
/// Slot (t mod n_slots) holds the input that arrives at step t.
struct RingView {
    Fixed* data;
    uint32_t n_slots;
    uint32_t n_receptors;
    uint32_t n_neurons;

    AXON_HD Fixed* lane(uint32_t slot, uint32_t receptor) const {
        return data + (static_cast<uint64_t>(slot) * n_receptors + receptor) * n_neurons;
    }
};

/// CSR synapses of one projection as the CUDA kernels read them (the CPU backend keeps its own,
/// narrowed: kernels/cpu/synapse_store.hpp). weight/delay are null where constant for the projection.
struct CsrView {
    const uint64_t* row_start;
    const uint32_t* post;
    const float* weight;
    const uint16_t* delay;
    float weight_const;
    uint16_t delay_const;
    uint32_t n_rows;
};

/// A list of spiking neuron indices, ascending.
struct SpikeListView {
    const uint32_t* ids;
    uint32_t count;
};

}  // namespace axon
