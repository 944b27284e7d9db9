/// @file types.hpp
/// Basic vocabulary types of the Axon API.
#pragma once
#include <cstdint>

namespace axon {

using NeuronId = uint32_t;  ///< index of a neuron inside its population
using Step = uint64_t;      ///< index of a time step (step t covers [t dt, (t+1) dt))

/// Handle of a population inside one Network (index in add order).
struct PopulationId {
    uint32_t index = 0;
    friend bool operator==(PopulationId a, PopulationId b) { return a.index == b.index; }
    friend bool operator!=(PopulationId a, PopulationId b) { return a.index != b.index; }
};

/// Handle of a projection inside one Network (index in add order).
struct ProjectionId {
    uint32_t index = 0;
};

/// Handle of a state sampler inside one Network (index in add order).
struct SamplerId {
    uint32_t index = 0;
};

/// Neuron state variables that can be read or sampled.
enum class StateVar {
    v,          ///< membrane potential (mV)
    theta,      ///< firing threshold (mV), adaptive or fixed
    i_exc,      ///< excitatory synaptic current (pA); exp synapses only, else 0
    i_inh,      ///< inhibitory synaptic current (pA); exp synapses only, else 0
    refractory  ///< remaining refractory steps
};

const char* to_string(StateVar var);

}  // namespace axon
