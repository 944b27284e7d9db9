/// @file types.hpp
/// Basic vocabulary types of the Axon API.
#pragma once
#include "axon/export.hpp"
#include <cstdint>
#include <string>
#include <utility>

namespace axon AXON_API {

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

/// A state variable of a neuron model, by name: what read_state and samplers can ask for.
/// Each model declares its own (axon::model_info(model).state); the LIF models' are named
/// below for convenience.
struct StateVar {
    std::string name;

    StateVar(std::string n) : name(std::move(n)) {}  // NOLINT: implicit from a name
    StateVar(const char* n) : name(n) {}              // NOLINT

    static const StateVar v;           ///< membrane potential (mV)
    static const StateVar theta;       ///< firing threshold (mV), adaptive or fixed
    static const StateVar i_exc;       ///< excitatory synaptic current (pA), lif_exp
    static const StateVar i_inh;       ///< inhibitory synaptic current (pA), lif_exp
    static const StateVar refractory;  ///< remaining refractory steps

    friend bool operator==(const StateVar& a, const StateVar& b) { return a.name == b.name; }
    friend bool operator!=(const StateVar& a, const StateVar& b) { return a.name != b.name; }
};

inline const StateVar StateVar::v{"v"};
inline const StateVar StateVar::theta{"theta"};
inline const StateVar StateVar::i_exc{"i_exc"};
inline const StateVar StateVar::i_inh{"i_inh"};
inline const StateVar StateVar::refractory{"refractory"};

inline const char* to_string(const StateVar& var) { return var.name.c_str(); }

}  // namespace axon
