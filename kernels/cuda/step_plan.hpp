// The CUDA step pipeline as data: one descriptor per population, Poisson input, projection,
// plastic projection, recorded population and sampler, built once by the backend and kept in
// device memory. Each phase is then one launch over all of its objects (as GeNN merges
// groups), and every kernel reads the step from a device-side clock, so the launches of a
// step never change from step to step and many steps can be captured in one CUDA Graph.
//
// Spikes live in one list per step: the ids (population's `first` + index) of every neuron
// that fired, ascending, so a population's spikes are one contiguous segment of it,
// [segment[p], segment[p + 1]).
#pragma once
#include <cstdint>

#include "../models/model_fields.hpp"
#include "../models/plasticity.hpp"
#include "../models/poisson_input.hpp"
#include "../views.hpp"
#include "axon/models.hpp"

namespace axon::cuda {

/// The device-side clock; the host resets since_drain at each drain. The merged step reads
/// `step` in every kernel and its last kernel (tick) advances it. The fused step has no kernel
/// after every reader, so it keeps two copies: its update kernel reads `step`/`since_drain` and
/// writes `next_*`; every later kernel of the step reads only `next_*` (minus one), and the
/// step's last propagate launch (fused_finish) writes `step`/`since_drain` back. No field is
/// written by a kernel that reads it, so no kernel waits for itself.
struct DeviceClock {
    unsigned long long step;  ///< the step being computed
    unsigned int since_drain; ///< steps recorded since the host last drained
    unsigned long long next_step;
    unsigned int next_since_drain;
};

/// No recording: PopulationDesc::record of a population that is not recorded.
constexpr uint32_t kNotRecorded = 0xFFFFFFFFu;

struct PopulationDesc {
    NeuronModel model;
    uint32_t first;        ///< global id of neuron 0
    uint32_t size;
    /// The neurons this process steps, [own_first, own_first + own_count): all of them, except
    /// in a distributed run, where every rank holds every neuron's state but steps its own block.
    uint32_t own_first, own_count;
    uint32_t block_begin;  ///< first block of the update grid
    ModelConstants constants;            ///< the model's step constants
    float* state[kMaxStateVars];         ///< the model's state variables
    const float* i_ext;                  ///< constant input current per neuron (null: none)
    RingView ring;                       ///< models that take input
    uint32_t stream;                     ///< its random stream (models that draw)
    uint32_t input_begin, input_end;  ///< its Poisson inputs: [begin, end) of the input table
    uint32_t trace_begin, trace_end;  ///< plasticity traces over its neurons, to decay each step
    uint32_t record;                  ///< its RecordDesc (fused steps append to it), or kNotRecorded
    const uint64_t* replay_start;     ///< spike_source: the spikes it replays (StepContext)
    const uint64_t* replay_step;
};

struct InputDesc {
    PoissonCountParams params;
    const PoissonNeuronRate* rates;  ///< a rate per neuron (set_poisson_rates), or null: params
    Fixed weight;
    uint32_t stream;
    uint32_t receptor;
    uint32_t delay_steps;
};

struct TraceDesc {
    float* trace;
    float factor;
    uint32_t reset_every;  ///< perceptron x_pre: reset at each update window (trace_factor)
    uint32_t size;         ///< neurons (the decay kernel of distributed runs)
};

struct ProjectionDesc {
    CsrView csr;
    RingView ring;           ///< the postsynaptic population's
    uint32_t receptor;
    uint32_t pre;            ///< presynaptic population
    uint32_t row_segments;   ///< segments of the longest row: each row is processed in this many work items
};

struct LearningDesc {
    PlasticityStepParams params;
    const uint64_t* row_start;
    const uint32_t* post;
    float* weight;
    const uint64_t* column_start;  ///< transposed index: synapses grouped by post, pre ascending
    const uint32_t* column_synapse;
    const uint32_t* column_pre;
    float* x_pre;
    float* y_post;
    uint32_t source;               ///< the presynaptic population's SourceHistoryDesc
    uint32_t post_population;
    uint32_t delay_steps;          ///< spikes emitted at t - delay arrive at step t
    const float* post_y;           ///< perceptron: the binary units' outputs and targets
    const float* post_target;
    uint32_t post_size;
};

/// The recent spikes of a population: a ring of `slots` lists of local ids; slot t mod slots
/// holds step t's. The merged step keeps one for each population that plastic projections
/// leave from (slots = its longest plastic delay + 1); the fused steps keep one for every
/// population as its spike list (slots = that + 1, or 2: see fused_step.cuh).
struct SourceHistoryDesc {
    uint32_t population, first, size, slots;
    uint32_t* ids;     ///< slots x size
    uint32_t* counts;  ///< slots, zero before their first step
};

/// One step's spike list: global ids ascending, its length, and each population's segment.
struct SpikeListDesc {
    uint32_t* ids;
    uint32_t* count;    ///< one value
    uint32_t* segment;  ///< n_populations + 1 values
};

struct RecordDesc {
    uint32_t population;
    uint32_t first;
    uint32_t* buffer;               ///< local ids since the last drain
    unsigned long long capacity;
    unsigned long long* fill;       ///< ids in buffer
    uint32_t* step_counts;          ///< spikes per step since the last drain
};

struct SamplerDesc {
    float* state[kMaxStateVars];  ///< the population's state variables
    const uint32_t* ids;
    const uint32_t* vars;  ///< indices into state
    uint32_t n_ids, n_vars;
    uint32_t every_steps;
    float* buffer;         ///< n_vars x n_ids values per sample
    uint32_t* filled;      ///< samples in buffer
};

/// Everything the fused and persistent steps read, passed by value to each of their kernels.
struct FusedPlan {
    const PopulationDesc* pops;
    uint32_t n_pops, update_blocks;
    const InputDesc* inputs;
    const TraceDesc* traces;
    const SourceHistoryDesc* lists;  ///< one per population: its spike list ring
    const ProjectionDesc* projs;
    uint32_t n_projs;
    const LearningDesc* learning;    ///< LearningDesc::source = the presynaptic population
    uint32_t n_learning;
    const RecordDesc* records;
    uint32_t n_records;
    const SamplerDesc* samplers;
    uint32_t n_samplers;
    uint32_t segment_length;         ///< synapses per propagation work item
    uint32_t max_steps;              ///< steps between drains (the step-count arrays' length)
    uint64_t seed;
    DeviceClock* clock;
    unsigned long long* events;      ///< synaptic events, then input kicks
    uint32_t* overflow;
};

}  // namespace axon::cuda
