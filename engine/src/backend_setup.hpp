// What every backend derives from a Network before allocating anything: per-population
// constants and initial state, Poisson input constants, and a plastic projection's
// transposed index. One place, so the CPU and CUDA backends start from identical values.
#pragma once
#include <cstdint>
#include <vector>

#include "../../kernels/cpu/connectivity.hpp"
#include "../../kernels/cpu/narrow_array.hpp"
#include "../../kernels/models/fixed_point.hpp"
#include "../../kernels/models/model_fields.hpp"
#include "../../kernels/models/poisson_input.hpp"
#include "axon/network.hpp"
#include "axon/record.hpp"

namespace axon::detail {

struct PopulationSetup {
    NeuronModel model = NeuronModel::lif_exp;
    uint32_t size = 0;
    bool recorded = false;
    uint32_t n_receptors = 1;      ///< ring lanes: the model's receptors (at least 1)
    ModelConstants constants{};    ///< the model's step constants
    uint32_t stream = 0;           ///< the population's random stream (models that draw)
    /// The model's state variables' initial values, one array per variable (v drawn from
    /// the population's InitialState).
    std::vector<std::vector<float>> state;
    float i_e = 0;                 ///< initial constant current (pA; the model's i_e_pA, else 0)
    std::shared_ptr<const SpikeReplay> replay;  ///< spike_source: the spikes it replays

    /// The ring lane of a receptor (Network checked that the model takes it).
    uint32_t receptor_lane(Receptor r) const { return model_info(model).lane(r).value_or(0); }
};

PopulationSetup population_setup(const Network& net, uint32_t population);

struct InputSetup {
    PoissonCountParams params{};
    Fixed weight = 0;
    uint32_t target = 0;
    Receptor receptor = Receptor::excitatory;
    uint32_t delay_steps = 1;
    uint32_t stream = 0;
};

InputSetup input_setup(const Network& net, uint32_t input);

/// A sampler's variables as indices into its population's state arrays (the model's order).
std::vector<uint32_t> sampler_state_indices(const Network& net, const SamplerSpec& spec);

/// Append what a backend recorded since its last drain to the caller's record (with the
/// series' description) and empty the pending one.
void move_pending(SpikeTrain& pending, SpikeTrain& out);
void move_pending(SampleSeries& pending, SampleSeries& out);
void move_pending(WeightSeries& pending, WeightSeries& out);

/// Columns of a CSR matrix: synapse ids grouped by post, by pre within a column.
struct Transpose {
    std::vector<uint64_t> column_start;  ///< n_post + 1
    std::vector<uint32_t> synapse;
    cpu::NarrowArray pre;  ///< in the fewest bytes that hold n_pre - 1 (1, 2 or 4)
};

/// @throws CapacityError above 2^32 - 1 synapses (the index is 32-bit).
Transpose transpose(const cpu::SynapseMatrix& m, uint32_t n_post);

}  // namespace axon::detail
