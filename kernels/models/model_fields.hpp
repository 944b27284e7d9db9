// What a neuron model header declares about itself besides its math: its parameters (a field
// table: name with unit, default, allowed range, one-line doc) and its state variables (name,
// unit, doc). The experiment reader, the validation errors, `axon models` and docs/models.md
// all read these tables, so a model's fields are written in exactly one place.
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>

#include "hd.hpp"

namespace axon {

/// One parameter of a neuron model. Values are doubles in the unit the name ends with.
struct ParamField {
    const char* name;
    double default_value;
    double min, max;          ///< allowed range (infinite ends: unbounded)
    bool min_open, max_open;  ///< whether an end is excluded
    const char* doc;
    bool required = false;    ///< experiment files must give it (no silent default)
};

constexpr double kInf = std::numeric_limits<double>::infinity();

/// A parameter that may take any finite value.
constexpr ParamField any_value(const char* name, double def, const char* doc) {
    return ParamField{name, def, -kInf, kInf, true, true, doc};
}
/// A parameter that must be > 0.
constexpr ParamField positive(const char* name, double def, const char* doc) {
    return ParamField{name, def, 0.0, kInf, true, true, doc};
}
/// A parameter that must be >= 0.
constexpr ParamField non_negative(const char* name, double def, const char* doc) {
    return ParamField{name, def, 0.0, kInf, false, true, doc};
}

/// One state variable of a neuron model: a float per neuron.
struct StateField {
    const char* name;
    const char* unit;
    const char* doc;
};

/// The most state variables and receptor lanes a model may have (the CUDA descriptors hold
/// this many pointers), and the bytes of its per-population constants.
constexpr uint32_t kMaxStateVars = 6;
constexpr uint32_t kMaxReceptors = 2;
constexpr uint32_t kMaxConstantsBytes = 128;

/// What a step of a neuron may need besides its constants and state: the random stream of its
/// population, for models that draw (counter-based, so the same on every backend), and the
/// spike lists a spike_source population replays.
struct StepContext {
    uint64_t seed;
    uint32_t stream;
    uint64_t step;
    const uint64_t* replay_start = nullptr;  ///< spike_source: size + 1 offsets into replay_step
    const uint64_t* replay_step = nullptr;   ///< spike_source: each neuron's steps, ascending
    /// The population index of the neurons' index 0: a rank of a distributed run steps its own
    /// block, and the draws are keyed by the population index, not by who draws.
    uint32_t first = 0;
};

}  // namespace axon

namespace axon {

/// A model's per-population constants (its `Constants` struct), stored untyped so that one
/// descriptor type serves every model; the model's step reads them back as its own type.
struct ModelConstants {
    alignas(16) unsigned char bytes[kMaxConstantsBytes];

    template <class Model>
    AXON_HD const typename Model::Constants& as() const {
        return *reinterpret_cast<const typename Model::Constants*>(bytes);
    }
    template <class Model>
    void store(const typename Model::Constants& c) {
        static_assert(sizeof(c) <= kMaxConstantsBytes, "a model's constants must fit kMaxConstantsBytes");
        *reinterpret_cast<typename Model::Constants*>(bytes) = c;
    }
};

/// A step of dt cut into classical RK4 substeps of at most max_substep (both ms), for models
/// whose equations have no exact propagator (adex, lif_cond_exp).
struct Rk4Substeps {
    float h, h_half, h_sixth;
    uint32_t n;
};

/// A synaptic variable's exact decay over half a substep and a whole one (the RK4 stages sample
/// it at the start, middle and end of each substep), computed in double, stored as floats.
struct SubstepDecay {
    float half, full;
};

inline SubstepDecay substep_decay(const Rk4Substeps& sub, double dt_ms, double tau_ms) {
    const double h = dt_ms / sub.n;
    return SubstepDecay{static_cast<float>(std::exp(-h / 2 / tau_ms)), static_cast<float>(std::exp(-h / tau_ms))};
}

/// A substep count known at compile time, for the CPU's neuron loops: the substep loop then
/// unrolls and the loop over neurons around it vectorises (kernels/cpu/neuron_update.cpp
/// dispatches the common counts to it). The arithmetic is the runtime count's, and so are the
/// results.
template <uint32_t N>
struct Substeps {
    AXON_HD constexpr operator uint32_t() const { return N; }  // NOLINT: used like the runtime count
};

inline Rk4Substeps rk4_substeps(double dt_ms, double max_substep_ms) {
    const auto n = static_cast<uint32_t>(std::ceil(dt_ms / max_substep_ms - 1e-9));
    const double h = dt_ms / (n ? n : 1);
    return Rk4Substeps{static_cast<float>(h), static_cast<float>(h / 2), static_cast<float>(h / 6), n ? n : 1};
}

}  // namespace axon
